// The sticky comment's choices, one by one, against the GitHub stand-in with a real Octokit: what it returns
// (the URL the actions output as comment-url) and what it does when GitHub refuses an edit or a delete.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { isAuthoredBy } from '@modelgate/core/github/identity';
import { githubClient, type GitHubClient } from '@modelgate/core/github/octokit';
import { commentMarker, upsertStickyComment, type CommentMode } from '@modelgate/core/github/sticky-comment';
import { badGateway, lostResponse, startGitHubStandIn, type GitHubStandIn } from '../../standins/github/index.ts';

const TOKEN = 'ghs_stickyCommentUnitTestToken0123456789';
const MARKER = '<!-- modelgate:evaluate-model:ci/gate -->';
const PATCH = 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}';
const DELETE = 'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}';
const POST = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
const refused = { status: 403, body: { message: 'Resource not accessible by integration' } };

let gh: GitHubStandIn;
let client: GitHubClient;
let issue = 100;
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
const urlOf = (id: number) => `https://github.com/acme/churn/issues/${issue}#issuecomment-${id}`;
const upsert = (body: string, mode: CommentMode = 'update') =>
  upsertStickyComment(client, { owner: 'acme', repo: 'churn', issueNumber: issue, marker: MARKER, body, mode });
const seed = (...bodies: Array<{ body: string; user?: string }>) =>
  gh.seedComments('acme', 'churn', issue, bodies).map((c) => Number(c.id));
const requestsFor = (id: number) =>
  gh.requests.filter((r) => r.path.endsWith(`/issues/comments/${id}`)).map((r) => `${r.method} ${r.status}`);

describe('the sticky comment returns the comment it leaves', () => {
  it('creates the first report and returns its URL; the token is not asked who it is', async () => {
    const before = gh.requests.length;
    const posted = await upsert('first');
    const [only] = comments();
    expect(posted).toEqual({ url: urlOf(only!.id), id: only!.id, action: 'created' });
    expect(only!.body).toBe(`${MARKER}\nfirst`);
    expect(gh.requests.slice(before).some((r) => r.path === '/graphql')).toBe(false);
  });

  it('edits our report in place and returns its URL', async () => {
    const [ours] = seed({ body: `${MARKER}\nold` });
    const posted = await upsert('new');
    expect(posted).toEqual({ url: urlOf(ours!), id: ours, action: 'updated' });
    expect(comments().map((c) => c.body)).toEqual([`${MARKER}\nnew`]);
  });

  it('edits the newest of two reports of ours', async () => {
    const [older, newer] = seed({ body: `${MARKER}\nolder` }, { body: `${MARKER}\nnewer` });
    const posted = await upsert('fresh');
    expect(posted?.id).toBe(newer);
    expect(comments().find((c) => c.id === older)!.body).toBe(`${MARKER}\nolder`);
  });

  it('recreates: deletes our report and returns the URL of the new one at the bottom', async () => {
    const [ours, reply] = seed({ body: `${MARKER}\nold` }, { body: 'a reply', user: 'octocat' });
    const posted = await upsert('moved', 'recreate');
    const all = comments();
    expect(all.map((c) => c.id)).toEqual([reply, posted!.id]);
    expect(posted).toEqual({ url: urlOf(all[1]!.id), id: all[1]!.id, action: 'recreated' });
    expect(requestsFor(ours!)).toEqual(['DELETE 204']);
  });

  it('does nothing in off mode', async () => {
    const before = gh.requests.length;
    expect(await upsert('x', 'off')).toBeUndefined();
    expect(gh.requests.length).toBe(before);
  });
});

describe('when GitHub refuses an edit or a delete', () => {
  it('edit refused (403): posts a new comment, returns its URL, and leaves the old one as it was', async () => {
    const [ours] = seed({ body: `${MARKER}\nold` });
    gh.fail(PATCH, refused);
    const posted = await upsert('new');
    const all = comments();
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({ id: ours, body: `${MARKER}\nold` });
    expect(posted).toEqual({ url: urlOf(all[1]!.id), id: all[1]!.id, action: 'created' });
    expect(stdout.join('')).toContain(`::warning::Could not edit the report comment ${urlOf(ours!)} (HTTP 403)`);
  });

  it('edit finds the comment gone (404, deleted meanwhile): posts a new one', async () => {
    const [ours] = seed({ body: `${MARKER}\nold` });
    gh.fail(PATCH, { status: 404, body: { message: 'Not Found' } });
    const posted = await upsert('new');
    expect(posted?.action).toBe('created');
    expect(posted?.id).not.toBe(ours);
    expect(posted?.url).toBe(urlOf(posted!.id));
  });

  it('edit failing otherwise (422) is an error, not a second comment', async () => {
    seed({ body: `${MARKER}\nold` });
    gh.fail(PATCH, { status: 422, body: { message: 'Validation Failed' } });
    await expect(upsert('new')).rejects.toMatchObject({ status: 422 });
    expect(comments()).toHaveLength(1);
  });

  it('delete refused in recreate mode (403): edits that comment in place instead of adding a duplicate', async () => {
    const [ours] = seed({ body: `${MARKER}\nold` });
    gh.fail(DELETE, refused);
    const posted = await upsert('new', 'recreate');
    expect(comments().map((c) => [c.id, c.body])).toEqual([[ours, `${MARKER}\nnew`]]);
    expect(posted).toEqual({ url: urlOf(ours!), id: ours, action: 'updated' });
    expect(requestsFor(ours!)).toEqual(['DELETE 403', 'PATCH 200']);
    expect(stdout.join('')).toContain(`::warning::Could not delete the earlier report comment ${urlOf(ours!)}`);
  });

  it('delete and edit both refused: posts a new report, the only way left to show it', async () => {
    const [ours] = seed({ body: `${MARKER}\nold` });
    gh.fail(DELETE, refused);
    gh.fail(PATCH, refused);
    const posted = await upsert('new', 'recreate');
    const all = comments();
    expect(all.map((c) => c.id)).toEqual([ours, posted!.id]);
    expect(posted).toEqual({ url: urlOf(all[1]!.id), id: all[1]!.id, action: 'recreated' });
  });

  it('delete finds the comment gone (404): counts it as deleted and posts the new one', async () => {
    const [ours] = seed({ body: `${MARKER}\nold` });
    gh.fail(DELETE, { status: 404, body: { message: 'Not Found' } });
    const posted = await upsert('new', 'recreate');
    expect(posted?.action).toBe('recreated');
    expect(requestsFor(ours!)).toEqual(['DELETE 404']);
    expect(stdout.join('')).not.toContain('::warning::');
  });
});

describe('only comments the token wrote are ours', () => {
  it("leaves a person's and another App's comment with the marker alone, and asks GitHub who the token is", async () => {
    const [person, app] = seed(
      { body: `${MARKER}\nquoted`, user: 'mallory' },
      { body: `${MARKER}\nanother App`, user: 'other-app[bot]' },
    );
    const posted = await upsert('ours', 'recreate');
    expect(requestsFor(person!)).toEqual([]);
    expect(requestsFor(app!)).toEqual([]);
    expect(posted?.action).toBe('created');
    expect(comments().map((c) => c.user)).toEqual(['mallory', 'other-app[bot]', 'github-actions[bot]']);
    expect(gh.requests.filter((r) => r.path === '/graphql')).not.toHaveLength(0);
  });

  it("with a person's token, the person's comments are ours and the Actions bot's are not", async () => {
    gh.setIdentity('Mona');
    const [bot, mona] = seed(
      { body: `${MARKER}\nbot`, user: 'github-actions[bot]' },
      { body: `${MARKER}\nm`, user: 'mona' },
    );
    const posted = await upsert('edited');
    expect(posted).toMatchObject({ id: mona, action: 'updated' });
    expect(requestsFor(bot!)).toEqual([]);
  });

  it('asks GHES who the token is at /api/graphql, beside its /api/v3', async () => {
    const ghes = await startGitHubStandIn({ repository: 'acme/churn', apiPrefix: '/api/v3' });
    try {
      const [ours] = ghes.seedComments('acme', 'churn', 1, [{ body: `${MARKER}\nold` }]).map((c) => Number(c.id));
      const posted = await upsertStickyComment(githubClient(TOKEN, ghes.url, { spaceWrites: false }), {
        owner: 'acme',
        repo: 'churn',
        issueNumber: 1,
        marker: MARKER,
        body: 'new',
        mode: 'update',
      });
      expect(posted).toMatchObject({ id: ours, action: 'updated' });
      expect(ghes.requests.map((r) => r.path)).toContain('/api/graphql');
      expect(ghes.violations).toEqual([]);
    } finally {
      await ghes.close();
    }
  });

  it('matches logins as GitHub does (case-insensitively), and a bot only as a Bot', () => {
    const bot = { login: 'github-actions[bot]', bot: true };
    const person = { login: 'Mona', bot: false };
    expect(isAuthoredBy({ login: 'github-actions[bot]', type: 'Bot' }, bot)).toBe(true);
    expect(isAuthoredBy({ login: 'github-actions[bot]', type: 'User' }, bot)).toBe(false);
    expect(isAuthoredBy({ login: 'github-actions', type: 'User' }, bot)).toBe(false);
    expect(isAuthoredBy({ login: 'other[bot]', type: 'Bot' }, bot)).toBe(false);
    expect(isAuthoredBy({ login: 'mona', type: 'User' }, person)).toBe(true);
    expect(isAuthoredBy({ login: 'mona', type: 'Bot' }, person)).toBe(false);
    expect(isAuthoredBy(null, person)).toBe(false);
    expect(isAuthoredBy({ login: '', type: 'User' }, { login: '', bot: false })).toBe(false);
  });
});

describe('posting is never repeated blindly', () => {
  it('a lost answer (502 after the write): finds the comment and does not post again', async () => {
    const lost = gh.fail(POST, lostResponse());
    const posted = await upsert('once');
    const all = comments();
    expect(lost.hits).toBe(1);
    expect(all).toHaveLength(1);
    expect(posted).toEqual({ url: urlOf(all[0]!.id), id: all[0]!.id, action: 'created' });
  });

  it('a lost answer in recreate mode is not mistaken for the earlier report whose delete was refused', async () => {
    const [old] = seed({ body: `${MARKER}\nold` });
    gh.fail(DELETE, refused);
    gh.fail(PATCH, refused);
    gh.fail(POST, lostResponse());
    const posted = await upsert('new', 'recreate');
    const all = comments();
    expect(all.map((c) => c.id)).toEqual([old, posted!.id]);
    expect(all[1]!.body).toBe(`${MARKER}\nnew`);
  });

  it('a persistent 5xx before any write: tries 3 times, reading the PR between, then gives up', async () => {
    const failing = gh.fail(POST, badGateway(Infinity));
    try {
      await expect(upsert('never')).rejects.toMatchObject({ status: 502 });
      expect(failing.hits).toBe(3);
      expect(comments()).toEqual([]);
    } finally {
      failing.remaining = 0;
    }
  });
});

describe("only comments carrying this report's marker are the report", () => {
  it("leaves the token's own comments without the marker, or with another key's marker, alone", async () => {
    const [otherKey, note] = seed(
      { body: '<!-- modelgate:evaluate-model:nightly -->\nthe nightly report' },
      { body: 'a note the workflow left' },
    );
    const updated = await upsert('new');
    expect(updated?.action).toBe('created');
    const recreated = await upsert('newer', 'recreate');
    expect(recreated?.action).toBe('recreated');
    expect(requestsFor(otherKey!)).toEqual([]);
    expect(requestsFor(note!)).toEqual([]);
    expect(comments().map((c) => c.body)).toEqual([
      '<!-- modelgate:evaluate-model:nightly -->\nthe nightly report',
      'a note the workflow left',
      `${MARKER}\nnewer`,
    ]);
  });

  it('the marker names the action and the comment key, and a key cannot close the HTML comment', () => {
    expect(commentMarker('evaluate-model', 'ci/gate')).toBe(MARKER);
    expect(commentMarker('evaluate-model', 'a-->b\nc')).toBe('<!-- modelgate:evaluate-model:a-b c -->');
  });
});
