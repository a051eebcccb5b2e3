import { execFileSync } from 'node:child_process';

function git(cwd: string, ...args: string[]): string | undefined {
  try {
    return (
      execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/** What the working directory's git says about the run: its commit, branch, the default branch and its tip. */
export interface Checkout {
  sha: string;
  branch: string;
  defaultBranch: string;
  /** The default branch's tip on origin (or locally), the base of a pull request. */
  baseSha: string;
  /** The commit before this one, for a push's `before`. */
  before: string;
}

const ZERO = '0'.repeat(40);

export function readCheckout(cwd: string): Checkout {
  const sha = git(cwd, 'rev-parse', 'HEAD') ?? ZERO;
  const branch = git(cwd, 'rev-parse', '--abbrev-ref', 'HEAD') ?? 'main';
  const originHead = git(cwd, 'symbolic-ref', '--short', 'refs/remotes/origin/HEAD');
  const defaultBranch = originHead?.replace(/^origin\//, '') ?? 'main';
  const baseSha =
    git(cwd, 'rev-parse', `refs/remotes/origin/${defaultBranch}`) ?? git(cwd, 'rev-parse', defaultBranch) ?? sha;
  return { sha, branch, defaultBranch, baseSha, before: git(cwd, 'rev-parse', 'HEAD~1') ?? ZERO };
}

/**
 * A minimal event payload of the kind GitHub sends, from the checkout: enough for the fields our actions and
 * common workflow expressions read (`github.event.pull_request.*`, `github.event.release.tag_name`...).
 */
export function defaultEventPayload(
  event: string,
  repository: string,
  checkout: Checkout,
  inputs: Record<string, string>,
): Record<string, unknown> {
  const repo = {
    full_name: repository,
    name: repository.split('/')[1],
    fork: false,
    default_branch: checkout.defaultBranch,
  };
  switch (event) {
    case 'push':
      return { ref: `refs/heads/${checkout.branch}`, before: checkout.before, after: checkout.sha, repository: repo };
    case 'pull_request':
    case 'pull_request_target':
      return {
        action: 'synchronize',
        number: 1,
        pull_request: {
          number: 1,
          head: { sha: checkout.sha, ref: checkout.branch, repo },
          base: { sha: checkout.baseSha, ref: checkout.defaultBranch, repo },
        },
        repository: repo,
      };
    case 'release':
      return {
        action: 'published',
        release: {
          tag_name: inputs.tag ?? 'v0.0.0-local',
          name: inputs.tag ?? 'v0.0.0-local',
          draft: false,
          prerelease: false,
        },
        repository: repo,
      };
    case 'workflow_run':
      return {
        action: 'completed',
        workflow_run: {
          id: 1,
          event: 'pull_request',
          head_sha: checkout.sha,
          head_branch: checkout.branch,
          conclusion: 'success',
        },
        repository: repo,
      };
    case 'workflow_dispatch':
      return { ref: `refs/heads/${checkout.branch}`, inputs, repository: repo };
    default:
      return { repository: repo };
  }
}

/** `GITHUB_REF` and friends for the event, as GitHub sets them. */
export function refsOf(event: string, payload: Record<string, unknown>, checkout: Checkout): Record<string, string> {
  const pr = payload.pull_request as { number?: number; head?: { ref?: string }; base?: { ref?: string } } | undefined;
  if (pr && event.startsWith('pull_request')) {
    return {
      GITHUB_REF: `refs/pull/${pr.number ?? 1}/merge`,
      GITHUB_REF_NAME: `${pr.number ?? 1}/merge`,
      GITHUB_HEAD_REF: pr.head?.ref ?? checkout.branch,
      GITHUB_BASE_REF: pr.base?.ref ?? checkout.defaultBranch,
    };
  }
  const release = payload.release as { tag_name?: string } | undefined;
  if (event === 'release' && release?.tag_name)
    return {
      GITHUB_REF: `refs/tags/${release.tag_name}`,
      GITHUB_REF_NAME: release.tag_name,
      GITHUB_HEAD_REF: '',
      GITHUB_BASE_REF: '',
    };
  const ref = typeof payload.ref === 'string' ? payload.ref : `refs/heads/${checkout.branch}`;
  return {
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
    GITHUB_HEAD_REF: '',
    GITHUB_BASE_REF: '',
  };
}
