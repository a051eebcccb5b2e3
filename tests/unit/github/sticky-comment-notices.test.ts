// What the sticky comment tells the log, and how it retries a post GitHub may not have received: the notice about
// marked comments it leaves alone, the notice of a lost answer, the backoff between posts, and a post refused
// before any write next to an earlier report of ours (that report is not mistaken for the new one).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { githubClient, type GitHubClient } from '@modelgate/core/github/octokit';
import { upsertStickyComment, type CommentMode } from '@modelgate/core/github/sticky-comment';
import { badGateway, lostResponse, startGitHubStandIn, type GitHubStandIn } from '../../standins/github/index.ts';

const TOKEN = 'ghs_stickyCommentNoticesTestToken0123456789';
const MARKER = '<!-- modelgate:evaluate-model:ci/gate -->';
const PATCH = 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}';
const POST = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
const refused = { status: 403, body: { message: 'Resource not accessible by integration' } };

let gh: GitHubStandIn;
let client: GitHubClient;
let issue = 500;
let stdout: string[];

beforeAll(async () => {
  gh = await startGitHubStandIn({ repository: 'acme/churn' });
});
afterAll(() => gh.close());
beforeEach(() => {
  issue++;
  gh.setIdentity('github-actions[bot]');
  client = githubClient(TOKEN, gh.url, { spaceWrites: false });
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(gh.violations).toEqual([]);
});

const comments = () => gh.comments('acme', 'churn', issue);
const upsert = (body: string, mode: CommentMode = 'update') =>
  upsertStickyComment(client, { owner: 'acme', repo: 'churn', issueNumber: issue, marker: MARKER, body, mode });
const seed = (...bodies: Array<{ body: string; user?: string }>) =>
  gh.seedComments('acme', 'churn', issue, bodies).map((c) => Number(c.id));
const log = () => stdout.join('');

describe('notices', () => {
  it('says how many marked comments another author wrote and that they are left alone', async () => {
    seed({ body: `${MARKER}\nquoted`, user: 'mallory' }, { body: `${MARKER}\nalso`, user: 'other-app[bot]' });
    seed({ body: `${MARKER}\nours` });
    await upsert('new');
    expect(log()).toContain(
      `2 comment(s) on #${issue} quote the report comment's marker but were not written by this token; they are left alone.`,
    );
  });

  it('says nothing about other authors when every marked comment is ours', async () => {
    seed({ body: `${MARKER}\nours` });
    await upsert('new');
    expect(log()).not.toContain('quote the report');
  });

  it('a lost answer is reported before the PR is read again', async () => {
    gh.fail(POST, lostResponse());
    await upsert('once');
    expect(log()).toContain(
      'Posting the report comment got no usable answer (GitHub answered HTTP 502 (Server Error)); checking whether it was posted before trying again.',
    );
  });
});

describe('posting again after a 502', () => {
  it('a post refused before the write, beside our earlier report whose edit was refused, is posted again', async () => {
    const [old] = seed({ body: `${MARKER}\nold` });
    gh.fail(PATCH, refused);
    const failing = gh.fail(POST, badGateway(1));
    const posted = await upsert('new');
    expect(failing.hits).toBe(1);
    const all = comments();
    expect(all.map((c) => c.id)).toEqual([old, posted!.id]);
    expect(posted).toMatchObject({ action: 'created' });
    expect(all[1]!.body).toBe(`${MARKER}\nnew`);
  });

  it('waits 0.4 s, then 1.6 s, between the three posts (quadratic backoff)', async () => {
    const failing = gh.fail(POST, badGateway(Infinity));
    const start = performance.now();
    try {
      await expect(upsert('never')).rejects.toMatchObject({ status: 502 });
    } finally {
      failing.remaining = 0;
    }
    expect(failing.hits).toBe(3);
    expect(performance.now() - start).toBeGreaterThanOrEqual(1950);
  });
});
