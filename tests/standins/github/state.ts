/** A GitHub account as the stand-in stores it. */
export interface Account {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

export interface StoredComment {
  id: number;
  owner: string;
  repo: string;
  issue: number;
  body: string;
  user: Account;
  created_at: string;
  updated_at: string;
}

export interface StoredRun {
  id: number;
  owner: string;
  repo: string;
  name: string;
  path: string;
  workflow_id: number;
  head_branch: string;
  head_sha: string;
  event: string;
  status: string;
  conclusion: string | null;
  run_number: number;
  run_attempt: number;
  created_at: string;
  updated_at: string;
}

export interface StoredArtifact {
  id: number;
  owner: string;
  repo: string;
  runId: number;
  name: string;
  zip: Buffer;
  created_at: string;
  expires_at: string;
  expired: boolean;
}

export interface StoredPull {
  owner: string;
  repo: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  user: Account;
  head: { ref: string; sha: string; repo: string };
  base: { ref: string; sha: string; repo: string };
  created_at: string;
}

export interface StoredCheckRun {
  id: number;
  owner: string;
  repo: string;
  fields: Record<string, unknown>;
}

export interface StoredStatus {
  id: number;
  owner: string;
  repo: string;
  sha: string;
  state: string;
  context: string;
  description: string | null;
  target_url: string | null;
  created_at: string;
}

export interface StoredIssue {
  id: number;
  owner: string;
  repo: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  user: Account;
  /** Listed with a `pull_request` field, as GitHub's issues list includes pull requests. */
  pull: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

/** A workflow file as the dispatch endpoint sees it: whether it runs on workflow_dispatch, and its inputs. */
export interface StoredWorkflowFile {
  owner: string;
  repo: string;
  /** The file name, e.g. `retrain.yml`. */
  file: string;
  dispatchable: boolean;
  inputs: Record<string, { required?: boolean }>;
}

export interface StoredDispatch {
  owner: string;
  repo: string;
  workflow: string;
  ref: string;
  inputs: Record<string, unknown>;
}

/** The account GITHUB_TOKEN acts as on github.com: comments it writes belong to this bot. */
export const ACTIONS_BOT: Account = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

/**
 * The account of a login: `[bot]` logins are a GitHub App's bot (what an installation token such as GITHUB_TOKEN
 * acts as), others are people (what a personal access token acts as). Ids are stable per login.
 */
export function accountOf(login: string | undefined): Account {
  if (!login || login === ACTIONS_BOT.login) return ACTIONS_BOT;
  let id = 0;
  for (const ch of login) id = (id * 33 + ch.charCodeAt(0)) % 90_000_000;
  return { login, id: 1_000_000 + id, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
}

/** Everything the stand-in knows, across repositories. Keys of owner/repo are compared case-insensitively. */
export class GitHubState {
  comments: StoredComment[] = [];
  runs: StoredRun[] = [];
  artifacts: StoredArtifact[] = [];
  pulls: StoredPull[] = [];
  checkRuns: StoredCheckRun[] = [];
  statuses: StoredStatus[] = [];
  issues: StoredIssue[] = [];
  workflowFiles: StoredWorkflowFile[] = [];
  dispatches: StoredDispatch[] = [];
  /** Every repository's default branch (GET /repos/{owner}/{repo}). */
  defaultBranch = 'main';
  private nextId = 1_000_000_001;
  private clock = Date.parse('2024-05-01T12:00:00Z');

  /** The next issue or pull request number of a repository: they share one sequence, as on GitHub. */
  nextNumber(owner: string, repo: string): number {
    const taken = [...this.issues, ...this.pulls].filter((x) => sameRepo(x, owner, repo)).map((x) => x.number);
    return Math.max(0, ...taken) + 1;
  }

  /** A fresh id, increasing, shaped like GitHub's large numeric ids. */
  id(): number {
    return this.nextId++;
  }

  /** Monotonic timestamps one second apart, so "newest first" orderings are stable in tests. */
  now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Workflow ids are stable per workflow file, as on GitHub. */
  workflowId(path: string): number {
    let hash = 0;
    for (const ch of path) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    return 10_000_000 + (hash % 89_999_999);
  }
}

/** True when owner/repo name the same repository (GitHub compares them case-insensitively). */
export function sameRepo(a: { owner: string; repo: string }, owner: string, repo: string): boolean {
  return a.owner.toLowerCase() === owner.toLowerCase() && a.repo.toLowerCase() === repo.toLowerCase();
}

/** A stable numeric repository id for payloads. */
export function repositoryId(owner: string, repo: string): number {
  let hash = 7;
  for (const ch of `${owner}/${repo}`.toLowerCase()) hash = (hash * 131 + ch.charCodeAt(0)) >>> 0;
  return 100_000_000 + (hash % 800_000_000);
}
