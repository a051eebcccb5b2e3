import { existsSync, readFileSync } from 'node:fs';

/** What tags and labels are computed from: the GitHub context, as the runner describes it. */
export interface GitContext {
  eventName: string;
  /** e.g. refs/heads/main, refs/tags/v1.2.3, refs/pull/7/merge. */
  ref: string;
  sha: string;
  /** owner/name */
  repository: string;
  /** https://github.com/owner/name (GHES: the server's URL). */
  repositoryUrl: string;
  defaultBranch?: string;
  description?: string;
  license?: string;
}

interface EventPayload {
  repository?: {
    name?: string;
    html_url?: string;
    default_branch?: string;
    description?: string | null;
    license?: { spdx_id?: string } | null;
  };
  pull_request?: { number?: number };
}

function readPayload(path: string | undefined): EventPayload {
  if (!path || !existsSync(path)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as EventPayload) : {};
  } catch {
    return {};
  }
}

/**
 * Reads the GitHub context from the runner's environment and event payload, the way
 * @actions/github's `context` does (GITHUB_REF, GITHUB_SHA, GITHUB_EVENT_PATH...), so the
 * same code works on github.com, GHES and the local runner.
 */
export function readGitContext(env: NodeJS.ProcessEnv = process.env): GitContext {
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const repository = env.GITHUB_REPOSITORY ?? '';
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const repo = payload.repository ?? {};
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    ref: env.GITHUB_REF ?? '',
    sha: env.GITHUB_SHA ?? '',
    repository,
    repositoryUrl: repo.html_url ?? (repository ? `${server}/${repository}` : ''),
    ...(repo.default_branch ? { defaultBranch: repo.default_branch } : {}),
    ...(repo.description ? { description: repo.description } : {}),
    ...(repo.license?.spdx_id && repo.license.spdx_id !== 'NOASSERTION' ? { license: repo.license.spdx_id } : {}),
  };
}
