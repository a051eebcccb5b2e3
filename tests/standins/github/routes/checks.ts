import { intParam, notFound, type RestContext, type RestHandler } from '../http.ts';
import { pullRequest } from '../payloads.ts';
import { sameRepo, type StoredCheckRun } from '../state.ts';

function checkRunPayload(ctx: RestContext, run: StoredCheckRun): Record<string, unknown> {
  const url = `${ctx.urls.api}/repos/${run.owner}/${run.repo}/check-runs/${run.id}`;
  const fields = run.fields;
  return {
    id: run.id,
    node_id: Buffer.from(`08:CheckRun${run.id}`).toString('base64'),
    head_sha: fields.head_sha,
    external_id: fields.external_id ?? '',
    url,
    html_url: `${ctx.urls.web}/${run.owner}/${run.repo}/runs/${run.id}`,
    details_url: fields.details_url ?? null,
    // Providing a conclusion sets the status to completed, as GitHub documents for this endpoint.
    status: fields.conclusion ? 'completed' : (fields.status ?? 'queued'),
    conclusion: fields.conclusion ?? null,
    started_at: fields.started_at ?? null,
    completed_at: fields.completed_at ?? null,
    output: { title: null, summary: null, text: null, annotations_count: 0, ...(fields.output as object | undefined) },
    name: fields.name,
    check_suite: { id: run.id + 3 },
    app: null,
    pull_requests: [],
  };
}

const createCheckRun: RestHandler = (ctx) => {
  const run: StoredCheckRun = {
    id: ctx.state.id(),
    owner: ctx.params.owner ?? '',
    repo: ctx.params.repo ?? '',
    fields: { ...ctx.json },
  };
  ctx.state.checkRuns.push(run);
  return { status: 201, body: checkRunPayload(ctx, run) };
};

const updateCheckRun: RestHandler = (ctx) => {
  const id = intParam(ctx, 'check_run_id');
  const run = ctx.state.checkRuns.find(
    (r) => r.id === id && sameRepo(r, ctx.params.owner ?? '', ctx.params.repo ?? ''),
  );
  if (!run) return notFound();
  run.fields = { ...run.fields, ...ctx.json };
  return { status: 200, body: checkRunPayload(ctx, run) };
};

const createStatus: RestHandler = (ctx) => {
  const owner = ctx.params.owner ?? '';
  const repo = ctx.params.repo ?? '';
  const status = {
    id: ctx.state.id(),
    owner,
    repo,
    sha: ctx.params.sha ?? '',
    state: String(ctx.json.state),
    context: typeof ctx.json.context === 'string' ? ctx.json.context : 'default',
    description: typeof ctx.json.description === 'string' ? ctx.json.description : null,
    target_url: typeof ctx.json.target_url === 'string' ? ctx.json.target_url : null,
    created_at: ctx.state.now(),
  };
  ctx.state.statuses.push(status);
  return {
    status: 201,
    body: {
      url: `${ctx.urls.api}/repos/${owner}/${repo}/statuses/${status.sha}`,
      id: status.id,
      node_id: Buffer.from(`012:StatusContext${status.id}`).toString('base64'),
      state: status.state,
      description: status.description,
      target_url: status.target_url,
      context: status.context,
      created_at: status.created_at,
      updated_at: status.created_at,
    },
  };
};

const getPull: RestHandler = (ctx) => {
  const number = intParam(ctx, 'pull_number');
  const pr = ctx.state.pulls.find(
    (p) => p.number === number && sameRepo(p, ctx.params.owner ?? '', ctx.params.repo ?? ''),
  );
  return pr ? { status: 200, body: pullRequest(ctx.urls, pr) } : notFound();
};

/** Check runs, commit statuses and pull requests, keyed by the description's operation. */
export const checkRoutes: Record<string, RestHandler> = {
  'POST /repos/{owner}/{repo}/check-runs': createCheckRun,
  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': updateCheckRun,
  'POST /repos/{owner}/{repo}/statuses/{sha}': createStatus,
  'GET /repos/{owner}/{repo}/pulls/{pull_number}': getPull,
};
