import { comment, type Urls } from './payloads.ts';
import {
  accountOf,
  sameRepo,
  type GitHubState,
  type StoredArtifact,
  type StoredRun,
  type StoredStatus,
} from './state.ts';
import { writeZip } from './zip.ts';

/** A comment to seed: its body, and optionally its author (a login; `[bot]` logins are bots) and time. */
export type CommentSeed = string | { body: string; user?: string; created_at?: string };

export interface RunSeed {
  id?: number;
  /** Workflow file name, e.g. `ci.yml` (default). */
  workflow?: string;
  name?: string;
  head_branch?: string;
  head_sha?: string;
  event?: string;
  status?: string;
  conclusion?: string | null;
  run_number?: number;
  created_at?: string;
}

export interface ArtifactSeed {
  runId: number;
  name: string;
  files: Record<string, string | Uint8Array>;
  expired?: boolean;
  created_at?: string;
}

export interface PullSeed {
  number: number;
  title?: string;
  body?: string | null;
  draft?: boolean;
  user?: string;
  /** `repo` is `owner/name`; a different one than the base's makes the PR a fork PR. */
  head: { ref: string; sha: string; repo?: string };
  base: { ref: string; sha: string };
}

/** State helpers of the stand-in, for arranging a test and reading its effects. */
export interface Seeding {
  seedComments(
    owner: string,
    repo: string,
    issueNumber: number,
    comments: CommentSeed[],
  ): Array<Record<string, unknown>>;
  comments(
    owner: string,
    repo: string,
    issueNumber: number,
  ): Array<{
    id: number;
    body: string;
    /** The author's login, e.g. `github-actions[bot]` for what GITHUB_TOKEN wrote. */
    user: string;
    userType: 'User' | 'Bot' | 'Organization';
    created_at: string;
    updated_at: string;
  }>;
  seedPullRequest(owner: string, repo: string, pr: PullSeed): void;
  seedWorkflowRun(owner: string, repo: string, run?: RunSeed): StoredRun;
  seedArtifact(owner: string, repo: string, artifact: ArtifactSeed): StoredArtifact;
  checkRuns(): Array<{ id: number; owner: string; repo: string } & Record<string, unknown>>;
  statuses(): StoredStatus[];
  /** The raw state, for anything the helpers do not cover. */
  state: GitHubState;
}

/** Seeding and reading helpers bound to one state. */
export function seeding(state: GitHubState, urls: () => Urls): Seeding {
  return {
    state,
    seedComments(owner, repo, issueNumber, comments) {
      return comments.map((seed) => {
        const s = typeof seed === 'string' ? { body: seed } : seed;
        const at = s.created_at ?? state.now();
        const stored = {
          id: state.id(),
          owner,
          repo,
          issue: issueNumber,
          body: s.body,
          user: accountOf(s.user),
          created_at: at,
          updated_at: at,
        };
        state.comments.push(stored);
        return comment(urls(), stored, false);
      });
    },
    comments(owner, repo, issueNumber) {
      return state.comments
        .filter((c) => sameRepo(c, owner, repo) && c.issue === issueNumber)
        .sort((a, b) => a.id - b.id)
        .map((c) => ({
          id: c.id,
          body: c.body,
          user: c.user.login,
          userType: c.user.type,
          created_at: c.created_at,
          updated_at: c.updated_at,
        }));
    },
    seedPullRequest(owner, repo, pr) {
      state.pulls.push({
        owner,
        repo,
        number: pr.number,
        title: pr.title ?? `Pull request ${pr.number}`,
        body: pr.body ?? null,
        state: 'open',
        draft: pr.draft ?? false,
        user: accountOf(pr.user ?? 'octocat'),
        head: { ref: pr.head.ref, sha: pr.head.sha, repo: pr.head.repo ?? `${owner}/${repo}` },
        base: { ref: pr.base.ref, sha: pr.base.sha, repo: `${owner}/${repo}` },
        created_at: state.now(),
      });
    },
    seedWorkflowRun(owner, repo, seed = {}) {
      const path = `.github/workflows/${seed.workflow ?? 'ci.yml'}`;
      const at = seed.created_at ?? state.now();
      const sameWorkflow = state.runs.filter((r) => sameRepo(r, owner, repo) && r.path === path);
      const run: StoredRun = {
        id: seed.id ?? state.id(),
        owner,
        repo,
        name: seed.name ?? 'CI',
        path,
        workflow_id: state.workflowId(path),
        head_branch: seed.head_branch ?? 'main',
        head_sha: seed.head_sha ?? state.id().toString(16).padStart(40, 'a'),
        event: seed.event ?? 'push',
        status: seed.status ?? 'completed',
        conclusion:
          seed.conclusion === undefined
            ? (seed.status ?? 'completed') === 'completed'
              ? 'success'
              : null
            : seed.conclusion,
        run_number: seed.run_number ?? sameWorkflow.length + 1,
        run_attempt: 1,
        created_at: at,
        updated_at: at,
      };
      state.runs.push(run);
      return run;
    },
    seedArtifact(owner, repo, seed) {
      const at = seed.created_at ?? state.now();
      const artifact: StoredArtifact = {
        id: state.id(),
        owner,
        repo,
        runId: seed.runId,
        name: seed.name,
        zip: writeZip(seed.files),
        created_at: at,
        expires_at: new Date(Date.parse(at) + 90 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        expired: seed.expired ?? false,
      };
      state.artifacts.push(artifact);
      return artifact;
    },
    checkRuns() {
      return state.checkRuns.map((r) => ({ ...r.fields, id: r.id, owner: r.owner, repo: r.repo }));
    },
    statuses() {
      return [...state.statuses];
    },
  };
}
