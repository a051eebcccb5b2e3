import { getOctokit } from '@actions/github';
import { throttling } from '@octokit/plugin-throttling';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  badGateway,
  COMMENT_LIMIT,
  lostResponse,
  secondaryRateLimit,
  startGitHubStandIn,
  type GitHubStandIn,
} from '../../standins/github/index.ts';

const TOKEN = 'ghs_standintesttoken000000000000000000';
const headers = {
  'user-agent': 'modelgate-tests',
  authorization: `token ${TOKEN}`,
  'content-type': 'application/json',
};
let gh: GitHubStandIn;

beforeEach(async () => {
  gh = await startGitHubStandIn();
});
afterEach(async () => {
  await gh.close();
});

function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(', ')) {
    const m = /^<([^>]+)>; rel="(\w+)"$/.exec(part);
    if (m?.[1] && m[2]) out[m[2]] = new URL(m[1]).search;
  }
  return out;
}

describe('issue comments', () => {
  it('pages 250 comments with GitHub Link headers (prev, next, last, first)', async () => {
    gh.seedComments(
      'acme',
      'churn',
      7,
      Array.from({ length: 250 }, (_, i) => `comment ${i}`),
    );
    const get = (query: string) => fetch(`${gh.url}/repos/acme/churn/issues/7/comments${query}`, { headers });

    const first = await get('?per_page=100');
    expect(((await first.json()) as unknown[]).length).toBe(100);
    expect(links(first.headers.get('link'))).toEqual({ next: '?per_page=100&page=2', last: '?per_page=100&page=3' });

    const middle = await get('?per_page=100&page=2');
    expect(links(middle.headers.get('link'))).toEqual({
      prev: '?per_page=100&page=1',
      next: '?per_page=100&page=3',
      last: '?per_page=100&page=3',
      first: '?per_page=100&page=1',
    });

    const last = await get('?per_page=100&page=3');
    const lastBodies = ((await last.json()) as Array<{ body: string }>).map((c) => c.body);
    expect(lastBodies).toEqual(Array.from({ length: 50 }, (_, i) => `comment ${200 + i}`));
    expect(links(last.headers.get('link'))).toEqual({ prev: '?per_page=100&page=2', first: '?per_page=100&page=1' });

    // GitHub's default page size is 30 and per_page is capped at 100.
    expect(links((await get('')).headers.get('link')).last).toBe('?page=9');
    expect(((await (await get('?per_page=500')).json()) as unknown[]).length).toBe(100);
    expect(gh.violations).toEqual([]);
  });

  it('serves a real Octokit: paginate, create, update and delete a comment', async () => {
    gh.seedComments(
      'acme',
      'churn',
      7,
      Array.from({ length: 250 }, (_, i) => ({ body: `old ${i}`, user: 'octocat' })),
    );
    const octokit = getOctokit(TOKEN, { baseUrl: gh.url });
    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: 'acme',
      repo: 'churn',
      issue_number: 7,
      per_page: 100,
    });
    expect(all).toHaveLength(250);

    const created = await octokit.rest.issues.createComment({
      owner: 'acme',
      repo: 'churn',
      issue_number: 7,
      body: '<!-- modelgate:x:y -->\nreport',
    });
    expect(created.status).toBe(201);
    expect(created.data.user?.login).toBe('github-actions[bot]');
    expect(created.data.html_url).toContain(`#issuecomment-${created.data.id}`);

    const updated = await octokit.rest.issues.updateComment({
      owner: 'acme',
      repo: 'churn',
      comment_id: created.data.id,
      body: 'edited',
    });
    expect(updated.data.body).toBe('edited');
    expect(gh.comments('acme', 'churn', 7).at(-1)).toMatchObject({
      id: created.data.id,
      body: 'edited',
      user: 'github-actions[bot]',
    });

    await octokit.rest.issues.deleteComment({ owner: 'acme', repo: 'churn', comment_id: created.data.id });
    expect(gh.comments('acme', 'churn', 7)).toHaveLength(250);

    const writes = gh.requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => r.operation)).toEqual([
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
      'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
    ]);
    expect(writes.every((r) => r.headers.authorization === `token ${TOKEN}`)).toBe(true);
    expect(gh.requests[0]?.query).toEqual({ per_page: '100' });
    expect(gh.violations).toEqual([]);
    expect(gh.unhandled).toEqual([]);
  });

  it('answers 422 "Body is too long" past 65,536 characters, and only when the limit is on', async () => {
    const post = (body: string) =>
      fetch(`${gh.url}/repos/acme/churn/issues/7/comments`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ body }),
      });
    expect((await post('x'.repeat(COMMENT_LIMIT))).status).toBe(201);
    const refused = await post('x'.repeat(COMMENT_LIMIT + 1));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'unprocessable',
          field: 'data',
          message: 'Body is too long (maximum is 65536 characters)',
        },
      ],
    });
    gh.setCommentLimit(false);
    expect((await post('x'.repeat(COMMENT_LIMIT + 1))).status).toBe(201);
  });

  it('refuses writes with 403 "Resource not accessible by integration" in read-only mode, reads still work', async () => {
    gh.setReadOnly(true);
    const octokit = getOctokit(TOKEN, { baseUrl: gh.url });
    await expect(
      octokit.rest.issues.createComment({ owner: 'acme', repo: 'churn', issue_number: 7, body: 'hi' }),
    ).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration'),
    });
    expect((await octokit.rest.issues.listComments({ owner: 'acme', repo: 'churn', issue_number: 7 })).status).toBe(
      200,
    );
    expect(gh.comments('acme', 'churn', 7)).toEqual([]);
  });
});

describe('issues, the repository and workflow dispatches', () => {
  it('lists open issues with all the labels asked, newest first, paged with Link headers; closed ones only when asked', async () => {
    for (let i = 0; i < 130; i++)
      gh.seedIssue('acme', 'churn', { labels: i % 2 ? ['modelgate', 'churn'] : ['modelgate'] });
    gh.seedIssue('acme', 'churn', { labels: ['modelgate', 'churn'], state: 'closed' });
    const page = await fetch(`${gh.url}/repos/acme/churn/issues?labels=modelgate,churn&per_page=50&page=1`, {
      headers,
    });
    const body = (await page.json()) as Array<{ number: number; labels: Array<{ name: string }> }>;
    expect(body).toHaveLength(50);
    expect(body[0]!.number).toBe(130);
    expect(links(page.headers.get('link'))).toEqual({
      next: '?labels=modelgate%2Cchurn&per_page=50&page=2',
      last: '?labels=modelgate%2Cchurn&per_page=50&page=2',
    });
    const all = await fetch(`${gh.url}/repos/acme/churn/issues?state=all&labels=churn&per_page=100&page=1`, {
      headers,
    });
    expect(((await all.json()) as unknown[]).length).toBe(66);
    expect(gh.violations).toEqual([]);
  });

  it('creates, edits and closes an issue, authored by the token', async () => {
    const created = await fetch(`${gh.url}/repos/acme/churn/issues`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'drift', body: 'report', labels: ['modelgate'] }),
    });
    expect(created.status).toBe(201);
    const issue = (await created.json()) as { number: number; user: { login: string }; html_url: string };
    expect(issue.user.login).toBe('github-actions[bot]');
    expect(issue.html_url).toBe(`https://github.com/acme/churn/issues/${issue.number}`);
    const closed = await fetch(`${gh.url}/repos/acme/churn/issues/${issue.number}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ state: 'closed', state_reason: 'completed' }),
    });
    expect(((await closed.json()) as { state: string }).state).toBe('closed');
    expect(gh.issues('acme', 'churn')[0]).toMatchObject({ state: 'closed', state_reason: 'completed', body: 'report' });
    expect(gh.violations).toEqual([]);
  });

  it('answers the default branch, and dispatches a workflow only with the inputs it declares', async () => {
    const repo = await fetch(`${gh.url}/repos/acme/churn`, { headers });
    expect(((await repo.json()) as { default_branch: string }).default_branch).toBe('main');
    gh.declareWorkflow('acme', 'churn', 'retrain.yml', { reason: { required: true } });
    gh.declareWorkflow('acme', 'churn', 'ci.yml');
    const dispatch = (workflow: string, inputs: Record<string, string>) =>
      fetch(`${gh.url}/repos/acme/churn/actions/workflows/${workflow}/dispatches`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ ref: 'main', inputs }),
      }).then(async (r) => [r.status, r.status === 204 ? '' : ((await r.json()) as { message: string }).message]);
    expect(await dispatch('retrain.yml', { reason: 'drift' })).toEqual([204, '']);
    expect(await dispatch('retrain.yml', { reason: 'drift', extra: 'x' })).toEqual([
      422,
      'Unexpected inputs provided: ["extra"]',
    ]);
    expect(await dispatch('retrain.yml', {})).toEqual([422, "Required input 'reason' not provided"]);
    expect(await dispatch('ci.yml', {})).toEqual([422, "Workflow does not have 'workflow_dispatch' trigger"]);
    expect(await dispatch('nope.yml', {})).toEqual([404, 'Not Found']);
    expect(gh.dispatches()).toEqual([
      { owner: 'acme', repo: 'churn', workflow: 'retrain.yml', ref: 'main', inputs: { reason: 'drift' } },
    ]);
    expect(gh.violations).toEqual([]);
  });
});

describe('checks against the OpenAPI description', () => {
  it('rejects and records a path that is not in the description', async () => {
    const res = await fetch(`${gh.url}/repos/acme/churn/issues/7/commentz`, { headers });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('not an operation');
    expect(gh.violations).toEqual([
      expect.objectContaining({ method: 'GET', path: '/repos/acme/churn/issues/7/commentz' }),
    ]);
  });

  it('rejects a method the path does not have', async () => {
    const res = await fetch(`${gh.url}/repos/acme/churn/issues/7/comments`, {
      method: 'PUT',
      headers,
      body: '{"body":"x"}',
    });
    expect(res.status).toBe(400);
    expect(gh.violations[0]?.reason).toContain('PUT /repos/acme/churn/issues/7/comments is not an operation');
  });

  it('rejects a body that does not match the requestBody schema, naming the problem', async () => {
    const res = await fetch(`${gh.url}/repos/acme/churn/issues/7/comments`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(gh.violations[0]).toMatchObject({
      operation: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      reason: expect.stringContaining("must have required property 'body'"),
    });
    const check = await fetch(`${gh.url}/repos/acme/churn/check-runs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'gate', head_sha: 'abc', conclusion: 'passed' }),
    });
    expect(check.status).toBe(400);
    expect(gh.violations[1]?.reason).toContain('/conclusion must be equal to one of the allowed values');
    expect(gh.comments('acme', 'churn', 7)).toEqual([]);
  });

  it('rejects a path parameter of the wrong type and a non-JSON body', async () => {
    expect((await fetch(`${gh.url}/repos/acme/churn/issues/seven/comments`, { headers })).status).toBe(400);
    expect(gh.violations[0]?.reason).toContain('path parameter "issue_number"="seven"');
    const bad = await fetch(`${gh.url}/repos/acme/churn/issues/7/comments`, {
      method: 'POST',
      headers,
      body: '{body:',
    });
    expect(bad.status).toBe(400);
    expect(gh.violations[1]?.reason).toContain('body is not JSON');
  });

  it('serves a GHES-style API prefix', async () => {
    const ghes = await startGitHubStandIn({ apiPrefix: '/api/v3' });
    try {
      expect(ghes.url).toMatch(/\/api\/v3$/);
      const octokit = getOctokit(TOKEN, { baseUrl: ghes.url });
      await octokit.rest.issues.createComment({ owner: 'acme', repo: 'churn', issue_number: 3, body: 'hi' });
      expect(ghes.comments('acme', 'churn', 3)).toHaveLength(1);
      expect(ghes.violations).toEqual([]);
    } finally {
      await ghes.close();
    }
  });
});

describe('fault injection', () => {
  it('answers 502 once, then serves the route again', async () => {
    const fault = gh.fail('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', badGateway());
    const post = () =>
      fetch(`${gh.url}/repos/acme/churn/issues/7/comments`, { method: 'POST', headers, body: '{"body":"x"}' });
    expect((await post()).status).toBe(502);
    expect((await post()).status).toBe(201);
    expect(fault.hits).toBe(1);
    expect(gh.comments('acme', 'churn', 7)).toHaveLength(1);
  });

  it('sends a secondary rate limit that @octokit/plugin-throttling recognises and retries after retry-after', async () => {
    gh.fail('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', secondaryRateLimit());
    const waits: number[] = [];
    const octokit = getOctokit(
      TOKEN,
      {
        baseUrl: gh.url,
        throttle: {
          onRateLimit: () => false,
          onSecondaryRateLimit: (retryAfter: number) => {
            waits.push(retryAfter);
            return true;
          },
        },
      },
      throttling,
    );
    const res = await octokit.rest.issues.createComment({
      owner: 'acme',
      repo: 'churn',
      issue_number: 7,
      body: 'after the limit',
    });
    expect(res.status).toBe(201);
    expect(waits).toEqual([1]);
    expect(gh.requests.map((r) => r.status)).toEqual([403, 201]);
  });

  it('loses the response of a write that happened: the comment exists, the client got 502', async () => {
    const fault = gh.fail('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', lostResponse());
    const url = `${gh.url}/repos/acme/churn/issues/7/comments`;
    const lost = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ body: 'posted once' }) });
    expect(lost.status).toBe(502);
    expect(fault.hits).toBe(1);
    expect(gh.comments('acme', 'churn', 7).map((c) => c.body)).toEqual(['posted once']);
    const next = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ body: 'and again' }) });
    expect(next.status).toBe(201);
    expect(gh.violations).toEqual([]);
  });
});

describe("the token's identity", () => {
  it('is the Actions bot by default: GET /user is refused, comments are by github-actions[bot]', async () => {
    const me = await fetch(`${gh.url}/user`, { headers });
    expect(me.status).toBe(403);
    expect(((await me.json()) as { message: string }).message).toBe('Resource not accessible by integration');
    await fetch(`${gh.url}/repos/acme/churn/issues/7/comments`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ body: 'x' }),
    });
    expect(gh.comments('acme', 'churn', 7)[0]).toMatchObject({ user: 'github-actions[bot]', userType: 'Bot' });
  });

  it("is a person with a personal access token: GET /user answers, and the comments are that person's", async () => {
    gh.setIdentity('mona');
    const me = await fetch(`${gh.url}/user`, { headers });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ login: 'mona', type: 'User' });
    await fetch(`${gh.url}/repos/acme/churn/issues/7/comments`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ body: 'x' }),
    });
    expect(gh.comments('acme', 'churn', 7)[0]).toMatchObject({ user: 'mona', userType: 'User' });
    expect(gh.violations).toEqual([]);
  });
});

describe('GraphQL', () => {
  it("answers viewer with the token's login, checked against GitHub's schema", async () => {
    const octokit = getOctokit(TOKEN, { baseUrl: gh.url });
    const data = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
    expect(data.viewer.login).toBe('github-actions[bot]');
    gh.setIdentity('mona');
    expect((await octokit.graphql<{ viewer: { login: string } }>('{ viewer { login } }')).viewer.login).toBe('mona');
    expect(gh.requests.map((r) => [r.method, r.path, r.operation])).toEqual([
      ['POST', '/graphql', 'POST /graphql'],
      ['POST', '/graphql', 'POST /graphql'],
    ]);
    expect(gh.violations).toEqual([]);
  });

  it('records a query the schema refuses as a violation and answers with errors, as GitHub does', async () => {
    const octokit = getOctokit(TOKEN, { baseUrl: gh.url });
    await expect(octokit.graphql('{ viewer { loginName } }')).rejects.toThrow(/Cannot query field "loginName"/);
    expect(gh.violations).toEqual([
      expect.objectContaining({ path: '/graphql', reason: expect.stringContaining('loginName') }),
    ]);
  });

  it('lives at /api/graphql beside a GHES /api/v3', async () => {
    const ghes = await startGitHubStandIn({ apiPrefix: '/api/v3' });
    try {
      const octokit = getOctokit(TOKEN, { baseUrl: ghes.url });
      expect((await octokit.graphql<{ viewer: { login: string } }>('{ viewer { login } }')).viewer.login).toBe(
        'github-actions[bot]',
      );
      expect(ghes.requests.map((r) => r.path)).toEqual(['/api/graphql']);
    } finally {
      await ghes.close();
    }
  });
});
