import * as log from '../log.ts';
import type { GitHubContext } from '../runner/environment.ts';
import { httpStatus } from './http-status.ts';
import type { GitHubClient } from './octokit.ts';
import { readZipEntries } from './zip.ts';

/** A successful run of the current workflow, newest first. */
export interface PastRun {
  id: number;
  headSha: string;
  runNumber: number;
  createdAt: string;
}

/** An artifact of a past run. */
export interface PastArtifact {
  id: number;
  name: string;
  run: PastRun;
}

/**
 * The workflow the current run belongs to: its numeric id, read from the run itself, so the workflow file
 * name need not be known (GITHUB_WORKFLOW is the display name, which is not unique).
 */
async function currentWorkflowId(client: GitHubClient, context: GitHubContext): Promise<number | undefined> {
  if (!context.runId) return undefined;
  try {
    const { data } = await client.rest.actions.getWorkflowRun({
      owner: context.owner,
      repo: context.repo,
      run_id: Number(context.runId),
    });
    return data.workflow_id;
  } catch (error) {
    // A run GitHub does not know (the local runner's) is fine; GitHub failing is not: the next request would too.
    const status = httpStatus(error);
    if (status === undefined || status >= 500) throw error;
    log.debug(`Could not read the current run ${context.runId}: ${(error as Error).message}`);
    return undefined;
  }
}

/** The newest successful runs of this workflow on `branch` (excluding the current run), at most `limit`. */
export async function successfulRuns(
  client: GitHubClient,
  context: GitHubContext,
  branch: string,
  limit: number,
): Promise<PastRun[]> {
  const workflowId = await currentWorkflowId(client, context);
  const params = {
    owner: context.owner,
    repo: context.repo,
    branch,
    status: 'success' as const,
    per_page: Math.min(100, limit + 1),
  };
  const { data } =
    workflowId !== undefined
      ? await client.rest.actions.listWorkflowRuns({ ...params, workflow_id: workflowId })
      : await client.rest.actions.listWorkflowRunsForRepo(params);
  return data.workflow_runs
    .filter(
      (r) =>
        String(r.id) !== context.runId &&
        (workflowId !== undefined || !context.workflow || r.name === context.workflow),
    )
    .slice(0, limit)
    .map((r) => ({ id: r.id, headSha: r.head_sha, runNumber: r.run_number, createdAt: r.created_at }));
}

/** The artifact called `name` of a run, when it exists and has not expired. */
export async function runArtifact(
  client: GitHubClient,
  context: GitHubContext,
  run: PastRun,
  name: string,
): Promise<PastArtifact | undefined> {
  const { data } = await client.rest.actions.listWorkflowRunArtifacts({
    owner: context.owner,
    repo: context.repo,
    run_id: run.id,
    name,
  });
  const found = data.artifacts.find((a) => a.name === name && !a.expired);
  return found ? { id: found.id, name: found.name, run } : undefined;
}

/**
 * Downloads an artifact's zip and returns its files. The API answers with a redirect to blob storage on
 * another host; fetch drops the Authorization header on that cross-origin hop, so the token stays with GitHub.
 */
export async function downloadArtifactFiles(
  client: GitHubClient,
  context: GitHubContext,
  artifactId: number,
): Promise<Map<string, Buffer>> {
  const { data } = await client.rest.actions.downloadArtifact({
    owner: context.owner,
    repo: context.repo,
    artifact_id: artifactId,
    archive_format: 'zip',
  });
  return readZipEntries(new Uint8Array(data as ArrayBuffer));
}

/** The newest artifact called `name` from a successful run of this workflow on `branch`. */
export async function latestArtifact(
  client: GitHubClient,
  context: GitHubContext,
  branch: string,
  name: string,
  searchRuns = 20,
): Promise<PastArtifact | undefined> {
  for (const run of await successfulRuns(client, context, branch, searchRuns)) {
    const found = await runArtifact(client, context, run, name);
    if (found) return found;
  }
  return undefined;
}
