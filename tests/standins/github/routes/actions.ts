import { intParam, notFound, type Reply, type RestContext, type RestHandler } from '../http.ts';
import { paginate } from '../pagination.ts';
import { artifact, workflowRun } from '../payloads.ts';
import { sameRepo, type StoredArtifact, type StoredRun } from '../state.ts';

/** Where the stand-in serves artifact zips (the blob side, another origin like GitHub's blob storage). */
export interface ArtifactDownloads {
  signedUrl(artifact: StoredArtifact): string;
}

// The `status` filter takes a run status or a conclusion (GitHub: "the check run status or conclusion").
const STATUSES = new Set(['requested', 'in_progress', 'completed', 'queued', 'pending', 'waiting']);

function repoOf(ctx: RestContext): [string, string] {
  return [ctx.params.owner ?? '', ctx.params.repo ?? ''];
}

function linkHeader(link: string | undefined): Record<string, string> {
  return link ? { link } : {};
}

function newestFirst<T extends { created_at: string; id: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
}

function filterRuns(ctx: RestContext, runs: StoredRun[]): StoredRun[] {
  const q = ctx.query;
  return runs.filter((run) => {
    const status = q.get('status');
    if (status && (STATUSES.has(status) ? run.status !== status : run.conclusion !== status)) return false;
    if (q.get('branch') && run.head_branch !== q.get('branch')) return false;
    if (q.get('event') && run.event !== q.get('event')) return false;
    if (q.get('head_sha') && run.head_sha !== q.get('head_sha')) return false;
    return true;
  });
}

function runList(ctx: RestContext, runs: StoredRun[]): Reply {
  const all = newestFirst(filterRuns(ctx, runs));
  const page = paginate(all, ctx.requestUrl);
  return {
    status: 200,
    headers: linkHeader(page.link),
    body: { total_count: all.length, workflow_runs: page.items.map((r) => workflowRun(ctx.urls, r)) },
  };
}

const repoRuns: RestHandler = (ctx) => {
  const [owner, repo] = repoOf(ctx);
  return runList(
    ctx,
    ctx.state.runs.filter((r) => sameRepo(r, owner, repo)),
  );
};

// `workflow_id` is the numeric id or the workflow file's name, e.g. `ci.yml`.
const workflowRuns: RestHandler = (ctx) => {
  const [owner, repo] = repoOf(ctx);
  const wanted = ctx.params.workflow_id ?? '';
  const runs = ctx.state.runs.filter(
    (r) => sameRepo(r, owner, repo) && (String(r.workflow_id) === wanted || r.path.split('/').pop() === wanted),
  );
  if (runs.length === 0 && !/^\d+$/.test(wanted) && !ctx.state.runs.some((r) => r.path.endsWith(`/${wanted}`)))
    return notFound();
  return runList(ctx, runs);
};

const getRun: RestHandler = (ctx) => {
  const [owner, repo] = repoOf(ctx);
  const id = intParam(ctx, 'run_id');
  const run = ctx.state.runs.find((r) => r.id === id && sameRepo(r, owner, repo));
  return run ? { status: 200, body: workflowRun(ctx.urls, run) } : notFound();
};

function artifactList(ctx: RestContext, artifacts: StoredArtifact[]): Reply {
  const name = ctx.query.get('name');
  const all = newestFirst(artifacts.filter((a) => !name || a.name === name));
  const page = paginate(all, ctx.requestUrl);
  return {
    status: 200,
    headers: linkHeader(page.link),
    body: {
      total_count: all.length,
      artifacts: page.items.map((a) =>
        artifact(
          ctx.urls,
          a,
          ctx.state.runs.find((r) => r.id === a.runId),
        ),
      ),
    },
  };
}

const runArtifacts: RestHandler = (ctx) => {
  const [owner, repo] = repoOf(ctx);
  const runId = intParam(ctx, 'run_id');
  return artifactList(
    ctx,
    ctx.state.artifacts.filter((a) => a.runId === runId && sameRepo(a, owner, repo)),
  );
};

const repoArtifacts: RestHandler = (ctx) => {
  const [owner, repo] = repoOf(ctx);
  return artifactList(
    ctx,
    ctx.state.artifacts.filter((a) => sameRepo(a, owner, repo)),
  );
};

function findArtifact(ctx: RestContext): StoredArtifact | undefined {
  const [owner, repo] = repoOf(ctx);
  const id = intParam(ctx, 'artifact_id');
  return ctx.state.artifacts.find((a) => a.id === id && sameRepo(a, owner, repo));
}

const getArtifact: RestHandler = (ctx) => {
  const found = findArtifact(ctx);
  return found
    ? {
        status: 200,
        body: artifact(
          ctx.urls,
          found,
          ctx.state.runs.find((r) => r.id === found.runId),
        ),
      }
    : notFound();
};

/** Routes of the Actions REST API; downloads redirect to `downloads`' signed URLs. */
export function actionsRoutes(downloads: ArtifactDownloads): Record<string, RestHandler> {
  // GitHub answers 302 to a short-lived signed blob URL on another host; clients follow it without the token.
  const download: RestHandler = (ctx) => {
    const found = findArtifact(ctx);
    if (!found || ctx.params.archive_format !== 'zip') return notFound();
    if (found.expired)
      return {
        status: 410,
        body: {
          message: 'Artifact has expired',
          documentation_url: 'https://docs.github.com/rest/actions/artifacts#download-an-artifact',
          status: '410',
        },
      };
    return { status: 302, headers: { location: downloads.signedUrl(found) } };
  };
  return {
    'GET /repos/{owner}/{repo}/actions/runs': repoRuns,
    'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs': workflowRuns,
    'GET /repos/{owner}/{repo}/actions/runs/{run_id}': getRun,
    'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts': runArtifacts,
    'GET /repos/{owner}/{repo}/actions/artifacts': repoArtifacts,
    'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}': getArtifact,
    'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}': download,
  };
}
