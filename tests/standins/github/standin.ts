import { randomUUID } from 'node:crypto';
import { BlobStore } from './blob.ts';
import { faultMatches, faultReply, type ArmedFault, type FaultMatcher, type FaultSpec } from './faults.ts';
import type { Reply, RestContext, Settings } from './http.ts';
import { runtimeToken } from './jwt.ts';
import { loadDescription } from './openapi.ts';
import type { Urls } from './payloads.ts';
import { restHandler, type Violation } from './rest.ts';
import { handleResults, type CurrentRun } from './results.ts';
import { actionsRoutes } from './routes/actions.ts';
import { checkRoutes } from './routes/checks.ts';
import { commentRoutes } from './routes/comments.ts';
import { issueRoutes } from './routes/issues.ts';
import { repositoryRoutes } from './routes/repository.ts';
import { userRoutes } from './routes/users.ts';
import { close, listen, type RecordedRequest } from './server.ts';
import { accountOf, GitHubState } from './state.ts';
import { seeding, type Seeding } from './seed.ts';
import { readZipText } from './zip.ts';

export interface StandInOptions {
  /** `owner/repo` of the workflow run the actions "run in" (uploads land there). Default `acme/churn`. */
  repository?: string;
  /** The current workflow run's id. Default 4242. */
  runId?: number;
  /** Path prefix of the REST API, e.g. `/api/v3` to look like GHES. Default none, like api.github.com. */
  apiPrefix?: string;
  /** Start with a read-only token (a fork PR's GITHUB_TOKEN). */
  readOnly?: boolean;
  /** Enforce GitHub's 65,536-character comment limit with a 422. Default true. */
  enforceCommentLimit?: boolean;
  /** Accept only this token (others get 401 Bad credentials). Default: any token. */
  token?: string;
  /**
   * The login the token acts as: a `[bot]` login is an installation token's App bot (GITHUB_TOKEN by default:
   * `github-actions[bot]`, no `GET /user`), any other a person's personal access token. What the token writes is
   * authored by it; GraphQL's `viewer` is it.
   */
  identity?: string;
}

/** A running GitHub stand-in: REST API, Actions results service and blob storage on loopback ports. */
export interface GitHubStandIn extends Seeding {
  /** The REST API base URL, for GITHUB_API_URL or Octokit's baseUrl. */
  url: string;
  /** The results service and blob storage origin, for ACTIONS_RESULTS_URL. */
  actionsUrl: string;
  /** Every request received by either origin, in arrival order. */
  requests: RecordedRequest[];
  /** Requests GitHub's description does not allow (answered 400). A test should expect this to be empty. */
  violations: Violation[];
  /** Valid requests the stand-in has no route for (answered 404). */
  unhandled: RecordedRequest[];
  /** The current run's backend ids token (ACTIONS_RUNTIME_TOKEN). */
  runtimeToken(): string;
  /** Environment variables that point a bundle or a library at the stand-in. */
  env(): Record<string, string>;
  /** Makes writes answer 403 "Resource not accessible by integration" (or not). */
  setReadOnly(readOnly: boolean): void;
  /** Turns the 65,536-character comment limit on or off. */
  setCommentLimit(enforce: boolean): void;
  /** Changes who the token acts as (see StandInOptions.identity). */
  setIdentity(login: string): void;
  /** Arms a fault: matching requests get `spec` instead of the route's answer, `spec.times` times (default 1). */
  fail(matcher: FaultMatcher, spec: FaultSpec): ArmedFault;
  /** Makes `runId` the current run: later uploads land there and env() names it (a workflow's next run). */
  beginRun(runId: number): void;
  /** Artifacts of a run (default the current one): name -> id and files as text. */
  artifacts(runId?: number): Record<string, { id: number; files: Record<string, string> }>;
  close(): Promise<void>;
}

/** Starts the stand-in; the REST description is parsed once per process (about 0.2 s). */
export async function startGitHubStandIn(options: StandInOptions = {}): Promise<GitHubStandIn> {
  const descriptionReady = loadDescription();
  const [owner = 'acme', repo = 'churn'] = (options.repository ?? 'acme/churn').split('/');
  const state = new GitHubState();
  const settings: Settings = {
    readOnly: options.readOnly ?? false,
    enforceCommentLimit: options.enforceCommentLimit ?? true,
    identity: accountOf(options.identity),
  };
  const requests: RecordedRequest[] = [];
  const violations: Violation[] = [];
  const unhandled: RecordedRequest[] = [];
  const faults: ArmedFault[] = [];
  const prefix = (options.apiPrefix ?? '').replace(/\/$/, '');
  const run: CurrentRun = {
    owner,
    repo,
    runId: options.runId ?? 4242,
    ids: { workflowRunBackendId: randomUUID(), workflowJobRunBackendId: randomUUID() },
  };

  // The results service and blob storage live on a second origin, as on GitHub: a client following the
  // artifact download redirect must not carry the REST token there.
  let actionsOrigin = '';
  const blobs = new BlobStore(() => actionsOrigin);
  const actions = await listen('actions', requests, (request, url, body, record): Reply => {
    const fault = faults.find(
      (f) => f.remaining > 0 && faultMatches(f.matcher, { method: record.method, path: record.path }),
    );
    if (fault) {
      fault.remaining--;
      fault.hits++;
      if (!fault.spec.afterRoute) return faultReply(fault.spec);
    }
    const json = record.json && typeof record.json === 'object' ? (record.json as Record<string, unknown>) : {};
    const reply =
      (record.method === 'POST' &&
        handleResults(state, blobs, run, url.pathname, request.headers.authorization, json)) ||
      blobs.handle(record.method, url, body);
    if (fault?.spec.afterRoute) return faultReply(fault.spec);
    return reply || { status: 404, body: { msg: `no such path ${url.pathname}` } };
  });
  actionsOrigin = actions.origin;

  let urls: Urls = { api: '', web: 'https://github.com' };
  const routes = {
    ...commentRoutes,
    ...issueRoutes,
    ...repositoryRoutes,
    ...userRoutes,
    ...checkRoutes,
    ...actionsRoutes({
      signedUrl: (a) =>
        blobs.downloadUrl(`/artifacts/downloads/${a.id}/${encodeURIComponent(a.name)}.zip`, () => a.zip),
    }),
  };
  const api = await listen(
    'api',
    requests,
    restHandler({
      prefix,
      routes,
      faults,
      violations,
      unhandled,
      ...(options.token !== undefined ? { token: options.token } : {}),
      readOnly: () => settings.readOnly,
      settings,
      context: (params, url, json): RestContext => ({
        params,
        query: url.searchParams,
        json,
        state,
        urls,
        settings,
        requestUrl: url,
        currentRun: run,
      }),
    }),
  );
  urls = { api: `${api.origin}${prefix}`, web: 'https://github.com' };
  await descriptionReady;

  const standIn: GitHubStandIn = {
    ...seeding(state, () => urls),
    url: urls.api,
    actionsUrl: actions.origin,
    requests,
    violations,
    unhandled,
    runtimeToken: () => runtimeToken(run.ids),
    env: () => ({
      GITHUB_API_URL: urls.api,
      GITHUB_GRAPHQL_URL: `${urls.api}/graphql`,
      // github.com, not the stand-in: @actions/artifact refuses to run when GITHUB_SERVER_URL looks like GHES,
      // and nothing fetches from this URL (it only builds links).
      GITHUB_SERVER_URL: urls.web,
      GITHUB_REPOSITORY: `${owner}/${repo}`,
      GITHUB_REPOSITORY_OWNER: owner,
      GITHUB_RUN_ID: String(run.runId),
      GITHUB_RUN_ATTEMPT: '1',
      ACTIONS_RESULTS_URL: `${actions.origin}/`,
      ACTIONS_RUNTIME_TOKEN: runtimeToken(run.ids),
      ACTIONS_RUNTIME_URL: `${actions.origin}/`,
    }),
    setReadOnly: (readOnly) => {
      settings.readOnly = readOnly;
    },
    setCommentLimit: (enforce) => {
      settings.enforceCommentLimit = enforce;
    },
    setIdentity: (login) => {
      settings.identity = accountOf(login);
    },
    fail: (matcher, spec) => {
      const armed: ArmedFault = { matcher, spec, remaining: spec.times ?? 1, hits: 0 };
      faults.push(armed);
      return armed;
    },
    beginRun: (runId) => {
      run.runId = runId;
    },
    artifacts: (runId = run.runId) => {
      const out: Record<string, { id: number; files: Record<string, string> }> = {};
      for (const a of state.artifacts.filter((x) => x.runId === runId))
        out[a.name] = { id: a.id, files: readZipText(a.zip) };
      return out;
    },
    close: async () => {
      await Promise.all([close(api.server), close(actions.server)]);
    },
  };
  return standIn;
}
