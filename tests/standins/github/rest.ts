import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { faultMatches, faultReply, type ArmedFault } from './faults.ts';
import { handleGraphql } from './graphql.ts';
import { DOCS, type Reply, type RestContext, type RestHandler, type Settings } from './http.ts';
import { checkRequest, loadDescription } from './openapi.ts';
import type { RecordedRequest } from './server.ts';

/** A request GitHub's REST description does not allow, and why. */
export interface Violation {
  method: string;
  path: string;
  operation?: string;
  reason: string;
}

/** What the REST dispatcher needs from the stand-in. */
export interface RestDeps {
  prefix: string;
  routes: Record<string, RestHandler>;
  faults: ArmedFault[];
  violations: Violation[];
  unhandled: RecordedRequest[];
  /** When set, only this token is accepted (others get 401 Bad credentials). */
  token?: string;
  context: (params: Record<string, string>, url: URL, json: Record<string, unknown>) => RestContext;
  readOnly: () => boolean;
  settings: Settings;
}

/** Where GitHub serves GraphQL for a REST prefix: /graphql beside api.github.com, /api/graphql beside /api/v3. */
export function graphqlPath(prefix: string): string {
  return prefix === '' ? '/graphql' : `${prefix.replace(/\/v3$/, '')}/graphql`;
}

// Headers api.github.com sends on every answer; x-ratelimit-remaining stays far from 0 so that
// @octokit/plugin-throttling treats an injected 403 as a secondary, not a primary, rate limit.
function githubHeaders(): Record<string, string> {
  return {
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': randomBytes(8).toString('hex').toUpperCase(),
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-used': '1',
    'x-ratelimit-resource': 'core',
  };
}

function withHeaders(reply: Reply): Reply {
  return { ...reply, headers: { ...githubHeaders(), ...reply.headers } };
}

function bodyOf(record: RecordedRequest): { text: string; json: unknown; parseError?: string } {
  if (record.body.trim() === '') return { text: '', json: undefined };
  try {
    return { text: record.body, json: JSON.parse(record.body) as unknown };
  } catch (error) {
    return { text: record.body, json: undefined, parseError: error instanceof Error ? error.message : String(error) };
  }
}

/** Serves the REST API: description check, faults, authentication, read-only tokens, then the route. */
export function restHandler(deps: RestDeps) {
  return async (request: IncomingMessage, url: URL, _body: Buffer, record: RecordedRequest): Promise<Reply> => {
    const doc = await loadDescription();
    const method = record.method;
    if (url.pathname === graphqlPath(deps.prefix)) return withHeaders(await graphql(deps, request, record));
    if (!url.pathname.startsWith(deps.prefix))
      return withHeaders({ status: 404, body: { message: 'Not Found', documentation_url: DOCS } });
    const path = url.pathname.slice(deps.prefix.length) || '/';
    const reject = (reason: string, operation?: string): Reply => {
      deps.violations.push({ method, path, ...(operation ? { operation } : {}), reason });
      return withHeaders({
        status: 400,
        body: { message: `Rejected by the GitHub stand-in: ${reason}`, documentation_url: DOCS },
      });
    };
    // GitHub refuses requests without a User-Agent (403 "Request forbidden by administrative rules").
    if (!request.headers['user-agent']) return reject('no User-Agent header (GitHub answers 403 to such requests)');
    const body = bodyOf(record);
    const verdict = checkRequest(doc, method, path, url.searchParams, body);
    if (verdict.operation) record.operation = verdict.operation.key;
    if (!verdict.ok) return reject(verdict.reason, verdict.operation?.key);
    const operation = verdict.operation;

    const fault = deps.faults.find(
      (f) => f.remaining > 0 && faultMatches(f.matcher, { method, path, operation: operation.key }),
    );
    if (fault) {
      fault.remaining--;
      fault.hits++;
      if (!fault.spec.afterRoute) return withHeaders(faultReply(fault.spec));
    }

    const auth = request.headers.authorization;
    const token = auth?.replace(/^(token|bearer)\s+/i, '');
    if (deps.token !== undefined && auth !== undefined && token !== deps.token) {
      return withHeaders({ status: 401, body: { message: 'Bad credentials', documentation_url: DOCS, status: '401' } });
    }
    const write = method !== 'GET' && method !== 'HEAD';
    const needsAuth = write || operation.key.endsWith('/actions/artifacts/{artifact_id}/{archive_format}');
    if (needsAuth && !auth) {
      return withHeaders({
        status: 401,
        body: { message: 'Requires authentication', documentation_url: DOCS, status: '401' },
      });
    }
    if (write && deps.readOnly()) {
      return withHeaders({
        status: 403,
        body: { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' },
      });
    }

    const route = deps.routes[operation.key];
    if (!route) {
      deps.unhandled.push(record);
      return withHeaders({
        status: 404,
        body: { message: `Not Found (the stand-in has no route for ${operation.key})`, documentation_url: DOCS },
      });
    }
    const json = body.json && typeof body.json === 'object' ? (body.json as Record<string, unknown>) : {};
    const reply = route(deps.context(operation.params, url, json));
    // A lost response: the route did its work, the client hears only the fault.
    return withHeaders(fault?.spec.afterRoute ? faultReply(fault.spec) : reply);
  };
}

/** POST /graphql: faults, authentication (GitHub's GraphQL API has no anonymous access), then the query. */
async function graphql(deps: RestDeps, request: IncomingMessage, record: RecordedRequest): Promise<Reply> {
  const path = record.path;
  const reject = (reason: string): Reply => {
    deps.violations.push({ method: record.method, path, reason });
    return { status: 400, body: { message: `Rejected by the GitHub stand-in: ${reason}`, documentation_url: DOCS } };
  };
  if (record.method !== 'POST') return reject('GitHub serves GraphQL with POST only');
  if (!request.headers['user-agent']) return reject('no User-Agent header (GitHub answers 403 to such requests)');
  record.operation = 'POST /graphql';
  const fault = deps.faults.find(
    (f) => f.remaining > 0 && faultMatches(f.matcher, { method: 'POST', path, operation: 'POST /graphql' }),
  );
  if (fault) {
    fault.remaining--;
    fault.hits++;
    if (!fault.spec.afterRoute) return faultReply(fault.spec);
  }
  const auth = request.headers.authorization;
  const token = auth?.replace(/^(token|bearer)\s+/i, '');
  if (!auth) {
    return {
      status: 401,
      body: { message: 'This endpoint requires you to be authenticated.', documentation_url: `${DOCS}/graphql` },
    };
  }
  if (deps.token !== undefined && token !== deps.token) {
    return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS, status: '401' } };
  }
  const reply = await handleGraphql(record.json, deps.settings, (reason) =>
    deps.violations.push({ method: 'POST', path, operation: 'POST /graphql', reason }),
  );
  return fault?.spec.afterRoute ? faultReply(fault.spec) : reply;
}
