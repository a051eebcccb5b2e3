import { DOCS, notFound, type RestHandler, type Reply } from '../http.ts';
import { repository } from '../payloads.ts';
import { sameRepo } from '../state.ts';

// The repository (its default branch) and workflow dispatches. A dispatch is checked as GitHub checks it: the
// workflow must exist (404) and run on workflow_dispatch (422), every input sent must be declared ("Unexpected
// inputs provided", 422) and every required one given; then it answers 204 and the dispatch is recorded.

const getRepository: RestHandler = (ctx) => {
  const owner = ctx.params.owner ?? '';
  const repo = ctx.params.repo ?? '';
  return {
    status: 200,
    body: {
      ...repository(ctx.urls, owner, repo),
      default_branch: ctx.state.defaultBranch,
      visibility: 'public',
      archived: false,
      disabled: false,
      has_issues: true,
    },
  };
};

function unprocessable(message: string): Reply {
  return { status: 422, body: { message, documentation_url: DOCS, status: '422' } };
}

const dispatch: RestHandler = (ctx) => {
  const id = ctx.params.workflow_id ?? '';
  const file = ctx.state.workflowFiles.find(
    (w) =>
      sameRepo(w, ctx.params.owner ?? '', ctx.params.repo ?? '') &&
      (w.file === id || String(ctx.state.workflowId(`.github/workflows/${w.file}`)) === id),
  );
  if (!file) return notFound();
  if (!file.dispatchable) return unprocessable("Workflow does not have 'workflow_dispatch' trigger");
  const sent = (ctx.json.inputs ?? {}) as Record<string, unknown>;
  const unexpected = Object.keys(sent).filter((k) => !(k in file.inputs));
  if (unexpected.length) return unprocessable(`Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
  const missing = Object.entries(file.inputs).find(([k, v]) => v.required && !(k in sent));
  if (missing) return unprocessable(`Required input '${missing[0]}' not provided`);
  ctx.state.dispatches.push({
    owner: ctx.params.owner ?? '',
    repo: ctx.params.repo ?? '',
    workflow: file.file,
    ref: String(ctx.json.ref),
    inputs: sent,
  });
  return { status: 204 };
};

/** Repository and workflow dispatch routes, keyed by the description's operation. */
export const repositoryRoutes: Record<string, RestHandler> = {
  'GET /repos/{owner}/{repo}': getRepository,
  'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches': dispatch,
};
