import type { Account, GitHubState } from './state.ts';
import type { Urls } from './payloads.ts';

/** What a route answers; `body` is sent as JSON unless it is a Buffer. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Switches a test can flip while the stand-in runs. */
export interface Settings {
  /** Writes answer 403 "Resource not accessible by integration", as a fork PR's GITHUB_TOKEN gets. */
  readOnly: boolean;
  /** Comment bodies over GitHub's 65,536-character limit answer 422, as GitHub does. */
  enforceCommentLimit: boolean;
  /** The account the token acts as: what it writes is authored by it, and GraphQL's `viewer` is it. */
  identity: Account;
}

/** What a REST route gets: the matched path parameters, the query, the parsed body and the shared state. */
export interface RestContext {
  params: Record<string, string>;
  query: URLSearchParams;
  json: Record<string, unknown>;
  state: GitHubState;
  urls: Urls;
  settings: Settings;
  /** The request's URL as the client saw it (API prefix included), for Link headers. */
  requestUrl: URL;
  /** The run that artifacts uploaded through the results service belong to. */
  currentRun: { owner: string; repo: string; runId: number };
}

export type RestHandler = (ctx: RestContext) => Reply;

/** GitHub's docs link that error bodies carry. */
export const DOCS = 'https://docs.github.com/rest';

/** GitHub's 404 body. */
export function notFound(): Reply {
  return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
}

/** GitHub's 422 body for a field it refuses. */
export function validationFailed(resource: string, field: string, code: string, message?: string): Reply {
  const error: Record<string, string> = { resource, code, field };
  if (message) error.message = message;
  return {
    status: 422,
    body: { message: 'Validation Failed', errors: [error], documentation_url: DOCS, status: '422' },
  };
}

/** An integer path parameter (already validated against the description). */
export function intParam(ctx: RestContext, name: string): number {
  return Number(ctx.params[name]);
}
