import { createHash } from 'node:crypto';
import {
  repositoryId,
  type Account,
  type StoredArtifact,
  type StoredComment,
  type StoredIssue,
  type StoredPull,
  type StoredRun,
} from './state.ts';

// Response bodies shaped like api.github.com's (fields and URL forms as in GitHub's REST docs examples), built
// from the stand-in's base URL so follow-up links (Link headers, artifact URLs) come back to the stand-in.

/** Where the stand-in's REST API and its github.com-like web links live. */
export interface Urls {
  api: string;
  web: string;
}

export function account(urls: Urls, user: Account): Record<string, unknown> {
  return {
    login: user.login,
    id: user.id,
    node_id: Buffer.from(`04:${user.type}${user.id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: `${urls.api}/users/${encodeURIComponent(user.login)}`,
    html_url: `${urls.web}/${user.type === 'Bot' ? 'apps/' + user.login.replace(/\[bot\]$/, '') : user.login}`,
    type: user.type,
    site_admin: false,
  };
}

export function repository(urls: Urls, owner: string, repo: string): Record<string, unknown> {
  const id = repositoryId(owner, repo);
  return {
    id,
    node_id: Buffer.from(`010:Repository${id}`).toString('base64'),
    name: repo,
    full_name: `${owner}/${repo}`,
    private: false,
    owner: account(urls, { login: owner, id: repositoryId(owner, '') % 10_000_000, type: 'Organization' }),
    html_url: `${urls.web}/${owner}/${repo}`,
    description: null,
    fork: false,
    url: `${urls.api}/repos/${owner}/${repo}`,
  };
}

export function comment(urls: Urls, c: StoredComment, isPull: boolean): Record<string, unknown> {
  return {
    id: c.id,
    node_id: Buffer.from(`012:IssueComment${c.id}`).toString('base64'),
    url: `${urls.api}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
    html_url: `${urls.web}/${c.owner}/${c.repo}/${isPull ? 'pull' : 'issues'}/${c.issue}#issuecomment-${c.id}`,
    body: c.body,
    user: account(urls, c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    issue_url: `${urls.api}/repos/${c.owner}/${c.repo}/issues/${c.issue}`,
    author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    performed_via_github_app: null,
  };
}

export function workflowRun(urls: Urls, run: StoredRun): Record<string, unknown> {
  const base = `${urls.api}/repos/${run.owner}/${run.repo}/actions/runs/${run.id}`;
  return {
    id: run.id,
    name: run.name,
    node_id: Buffer.from(`011:WorkflowRun${run.id}`).toString('base64'),
    head_branch: run.head_branch,
    head_sha: run.head_sha,
    path: run.path,
    display_title: run.name,
    run_number: run.run_number,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflow_id,
    check_suite_id: run.id + 7,
    url: base,
    html_url: `${urls.web}/${run.owner}/${run.repo}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.created_at,
    updated_at: run.updated_at,
    run_attempt: run.run_attempt,
    run_started_at: run.created_at,
    jobs_url: `${base}/jobs`,
    logs_url: `${base}/logs`,
    check_suite_url: `${urls.api}/repos/${run.owner}/${run.repo}/check-suites/${run.id + 7}`,
    artifacts_url: `${base}/artifacts`,
    cancel_url: `${base}/cancel`,
    rerun_url: `${base}/rerun`,
    workflow_url: `${urls.api}/repos/${run.owner}/${run.repo}/actions/workflows/${run.workflow_id}`,
    head_commit: { id: run.head_sha, tree_id: run.head_sha, message: run.name, timestamp: run.created_at },
    repository: repository(urls, run.owner, run.repo),
    head_repository: repository(urls, run.owner, run.repo),
  };
}

export function artifact(urls: Urls, a: StoredArtifact, run: StoredRun | undefined): Record<string, unknown> {
  const url = `${urls.api}/repos/${a.owner}/${a.repo}/actions/artifacts/${a.id}`;
  return {
    id: a.id,
    node_id: Buffer.from(`013:Artifact${a.id}`).toString('base64'),
    name: a.name,
    size_in_bytes: a.zip.length,
    url,
    archive_download_url: `${url}/zip`,
    expired: a.expired,
    created_at: a.created_at,
    updated_at: a.created_at,
    expires_at: a.expires_at,
    digest: `sha256:${sha256(a.zip)}`,
    workflow_run: {
      id: a.runId,
      repository_id: repositoryId(a.owner, a.repo),
      head_repository_id: repositoryId(a.owner, a.repo),
      head_branch: run?.head_branch ?? 'main',
      head_sha: run?.head_sha ?? '0'.repeat(40),
    },
  };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function pullRequest(urls: Urls, pr: StoredPull): Record<string, unknown> {
  const url = `${urls.api}/repos/${pr.owner}/${pr.repo}/pulls/${pr.number}`;
  const side = (s: StoredPull['head']) => {
    const [owner = pr.owner, repo = pr.repo] = s.repo.split('/');
    const fork = !(owner.toLowerCase() === pr.owner.toLowerCase() && repo.toLowerCase() === pr.repo.toLowerCase());
    const repoPayload: Record<string, unknown> = { ...repository(urls, owner, repo), fork };
    return { label: `${owner}:${s.ref}`, ref: s.ref, sha: s.sha, user: repoPayload['owner'], repo: repoPayload };
  };
  return {
    url,
    id: pr.number + 500_000_000,
    node_id: Buffer.from(`011:PullRequest${pr.number}`).toString('base64'),
    html_url: `${urls.web}/${pr.owner}/${pr.repo}/pull/${pr.number}`,
    diff_url: `${urls.web}/${pr.owner}/${pr.repo}/pull/${pr.number}.diff`,
    issue_url: `${urls.api}/repos/${pr.owner}/${pr.repo}/issues/${pr.number}`,
    comments_url: `${urls.api}/repos/${pr.owner}/${pr.repo}/issues/${pr.number}/comments`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: account(urls, pr.user),
    body: pr.body,
    labels: [],
    created_at: pr.created_at,
    updated_at: pr.created_at,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: null,
    draft: pr.draft,
    head: side(pr.head),
    base: side(pr.base),
    author_association: 'CONTRIBUTOR',
    merged: false,
    mergeable: true,
    mergeable_state: 'clean',
    comments: 0,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  };
}

export function issue(urls: Urls, i: StoredIssue): Record<string, unknown> {
  const url = `${urls.api}/repos/${i.owner}/${i.repo}/issues/${i.number}`;
  return {
    id: i.id,
    node_id: Buffer.from(`05:Issue${i.id}`).toString('base64'),
    url,
    repository_url: `${urls.api}/repos/${i.owner}/${i.repo}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${urls.web}/${i.owner}/${i.repo}/${i.pull ? 'pull' : 'issues'}/${i.number}`,
    number: i.number,
    state: i.state,
    state_reason: i.state_reason,
    title: i.title,
    body: i.body,
    user: account(urls, i.user),
    labels: i.labels.map((name, n) => ({
      id: 7_000_000 + n,
      node_id: Buffer.from(`08:Label${name}`).toString('base64'),
      url: `${urls.api}/repos/${i.owner}/${i.repo}/labels/${encodeURIComponent(name)}`,
      name,
      color: 'ededed',
      default: false,
      description: null,
    })),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: 0,
    created_at: i.created_at,
    updated_at: i.updated_at,
    closed_at: i.closed_at,
    author_association: i.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    ...(i.pull
      ? {
          pull_request: {
            url: `${urls.api}/repos/${i.owner}/${i.repo}/pulls/${i.number}`,
            html_url: `${urls.web}/${i.owner}/${i.repo}/pull/${i.number}`,
            diff_url: `${urls.web}/${i.owner}/${i.repo}/pull/${i.number}.diff`,
            patch_url: `${urls.web}/${i.owner}/${i.repo}/pull/${i.number}.patch`,
          },
        }
      : {}),
  };
}
