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
  private nextId = 1_000_000_001;
  private clock = Date.parse('2024-05-01T12:00:00Z');

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
