/**
 * The one module that reads the runner's environment: the GitHub context (variables and event payload), the
 * temp directory, who this run is, and the GitHub client, loaded only when a token needs it.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { z } from 'zod';
import type { GitHubClient } from '../github/octokit.ts';

const Repo = z.object({ full_name: z.string(), fork: z.boolean().optional() }).loose();
const Ref = z.object({ sha: z.string(), ref: z.string(), repo: Repo.nullable().optional() }).loose();
const PullRequestEvent = z
  .object({
    pull_request: z.object({ number: z.number().int(), head: Ref, base: Ref, html_url: z.string().optional() }).loose(),
    repository: Repo.extend({ default_branch: z.string().optional() }).optional(),
  })
  .loose();
const AnyEvent = z
  .object({
    before: z.string().optional(),
    repository: z
      .object({
        default_branch: z.string().optional(),
        html_url: z.string().optional(),
        description: z.string().nullable().optional(),
        license: z.object({ spdx_id: z.string().nullable().optional() }).loose().nullable().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

/** What the actions need to know about the run, read from the runner's environment and event payload. */
export interface GitHubContext {
  eventName: string;
  /** `owner/name`. */
  repository: string;
  owner: string;
  repo: string;
  sha: string;
  ref: string;
  /** REST API root: `GITHUB_API_URL` (differs on GHES), else api.github.com. */
  apiUrl: string;
  serverUrl: string;
  /** https://github.com/owner/name: the payload's html_url, else built from the server URL. */
  repositoryUrl: string;
  /** The repository's description and SPDX license, from the event payload (image labels). */
  description?: string;
  license?: string;
  runId?: string;
  runAttempt?: string;
  runUrl?: string;
  workflow?: string;
  job?: string;
  defaultBranch?: string;
  /** For push events: the commit before the push. */
  before?: string;
  pullRequest?: {
    number: number;
    baseSha: string;
    baseRef: string;
    headSha: string;
    headRef: string;
    /** The head branch lives in another repository: the token is read-only. */
    fromFork: boolean;
  };
}

function readEvent(path: string | undefined): unknown {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return {};
  }
}

/** Reads the run's context. Works on github.com, GHES and under the local runner. */
export function getContext(env: NodeJS.ProcessEnv = process.env): GitHubContext {
  const repository = env.GITHUB_REPOSITORY ?? 'local/repository';
  const [owner = 'local', repo = 'repository'] = repository.split('/');
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const eventName = env.GITHUB_EVENT_NAME ?? 'push';
  const context: GitHubContext = {
    eventName,
    repository,
    owner,
    repo,
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl,
    repositoryUrl: `${serverUrl.replace(/\/+$/, '')}/${repository}`,
    ...(env.GITHUB_RUN_ATTEMPT ? { runAttempt: env.GITHUB_RUN_ATTEMPT } : {}),
    ...(env.GITHUB_RUN_ID
      ? { runId: env.GITHUB_RUN_ID, runUrl: `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` }
      : {}),
    ...(env.GITHUB_WORKFLOW ? { workflow: env.GITHUB_WORKFLOW } : {}),
    ...(env.GITHUB_JOB ? { job: env.GITHUB_JOB } : {}),
  };
  const any = AnyEvent.safeParse(event);
  if (any.success) {
    const repo = any.data.repository;
    if (repo?.default_branch) context.defaultBranch = repo.default_branch;
    if (repo?.html_url) context.repositoryUrl = repo.html_url;
    if (repo?.description) context.description = repo.description;
    if (repo?.license?.spdx_id && repo.license.spdx_id !== 'NOASSERTION') context.license = repo.license.spdx_id;
    if (any.data.before) context.before = any.data.before;
  }
  const pr = PullRequestEvent.safeParse(event);
  if (pr.success) {
    const p = pr.data.pull_request;
    const headRepo = p.head.repo?.full_name;
    const baseRepo = p.base.repo?.full_name ?? repository;
    context.pullRequest = {
      number: p.number,
      baseSha: p.base.sha,
      baseRef: p.base.ref,
      headSha: p.head.sha,
      headRef: p.head.ref,
      fromFork: headRepo !== undefined && headRepo !== baseRepo,
    };
  }
  return context;
}

/** The file the step appends its job summary to (`GITHUB_STEP_SUMMARY`); absent outside a runner. */
export function stepSummaryFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.GITHUB_STEP_SUMMARY || undefined;
}

/** The event payload's file (`GITHUB_EVENT_PATH`), for the events whose payload getContext does not model. */
export function eventPayloadFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.GITHUB_EVENT_PATH || undefined;
}

/**
 * The runner's cache and artifact services: their token (`ACTIONS_RUNTIME_TOKEN`) is set on GitHub's runners,
 * and the artifact service also needs its URL (`ACTIONS_RESULTS_URL`).
 */
export function runnerServices(env: NodeJS.ProcessEnv = process.env): { cache: boolean; artifacts: boolean } {
  const token = Boolean(env.ACTIONS_RUNTIME_TOKEN);
  return { cache: token, artifacts: token && Boolean(env.ACTIONS_RESULTS_URL) };
}

/** The runner's temp directory (`RUNNER_TEMP`, emptied after each job), else the system's. */
export function runnerTemp(env: NodeJS.ProcessEnv = process.env): string {
  return env.RUNNER_TEMP || tmpdir();
}

/** Who this run is, for a lock it holds: the workflow run attempt, so a re-run of the same attempt is recognised. */
export function runOwner(env: NodeJS.ProcessEnv = process.env): string {
  const { GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: attempt } = env;
  return repo && run ? `${repo}/actions/runs/${run}/attempts/${attempt ?? '1'}` : `local-${process.pid}-${Date.now()}`;
}

/**
 * The GitHub client for the run's API. Octokit is loaded on the first call only: most local and push runs never
 * talk to GitHub, and they start faster without it.
 */
export async function loadGitHubClient(token: string, context: Pick<GitHubContext, 'apiUrl'>): Promise<GitHubClient> {
  const { githubClient } = await import('../github/octokit.ts');
  return githubClient(token, context.apiUrl);
}
