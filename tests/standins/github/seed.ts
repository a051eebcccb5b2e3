import { comment, type Urls } from './payloads.ts';
import {
  accountOf,
  sameRepo,
  type GitHubState,
  type StoredArtifact,
  type StoredDispatch,
  type StoredIssue,
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

export interface IssueSeed {
  title?: string;
  body?: string | null;
  /** The author's login (default `octocat`; `[bot]` logins are bots). */
  user?: string;
  state?: 'open' | 'closed';
  labels?: string[];
  /** A pull request, as the issues list shows them. */
  pull?: boolean;
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
  /** Adds an issue with the next number; returns it (as stored). */
  seedIssue(owner: string, repo: string, issue?: IssueSeed): StoredIssue;
  /** The repository's issues, by number. */
  issues(owner: string, repo: string): StoredIssue[];
  /**
   * Declares a workflow file for dispatches: `inputs` are those under on.workflow_dispatch.inputs; without
   * `inputs` the workflow has no workflow_dispatch trigger.
   */
  declareWorkflow(owner: string, repo: string, file: string, inputs?: Record<string, { required?: boolean }>): void;
  /** The workflow dispatches received, in order. */
  dispatches(): StoredDispatch[];
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
    seedIssue(owner, repo, seed = {}) {
      const at = state.now();
      const stored: StoredIssue = {
        id: state.id(),
        owner,
        repo,
        number: state.nextNumber(owner, repo),
        title: seed.title ?? 'An issue',
        body: seed.body ?? null,
        state: seed.state ?? 'open',
        state_reason: seed.state === 'closed' ? 'completed' : null,
        labels: seed.labels ?? [],
        user: accountOf(seed.user ?? 'octocat'),
        pull: seed.pull ?? false,
        created_at: at,
        updated_at: at,
        closed_at: seed.state === 'closed' ? at : null,
      };
      state.issues.push(stored);
      return stored;
    },
    issues(owner, repo) {
      return state.issues.filter((i) => sameRepo(i, owner, repo)).sort((a, b) => a.number - b.number);
    },
    declareWorkflow(owner, repo, file, inputs) {
      state.workflowFiles = state.workflowFiles.filter((w) => !(sameRepo(w, owner, repo) && w.file === file));
      state.workflowFiles.push({ owner, repo, file, dispatchable: inputs !== undefined, inputs: inputs ?? {} });
    },
    dispatches() {
      return [...state.dispatches];
    },
    checkRuns() {
      return state.checkRuns.map((r) => ({ ...r.fields, id: r.id, owner: r.owner, repo: r.repo }));
    },
    statuses() {
      return [...state.statuses];
    },
  };
}
