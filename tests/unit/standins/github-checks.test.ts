import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startGitHubStandIn, type GitHubStandIn } from '../../standins/github/index.ts';

const TOKEN = 'ghs_checkstesttoken000000000000000000';
const SHA = 'a'.repeat(40);
let gh: GitHubStandIn;

beforeEach(async () => {
  gh = await startGitHubStandIn();
});
afterEach(async () => {
  await gh.close();
});

it('creates and completes a check run, and sets a commit status', async () => {
  const octokit = getOctokit(TOKEN, { baseUrl: gh.url });
  const created = await octokit.rest.checks.create({
    owner: 'acme',
    repo: 'churn',
    name: 'modelgate',
    head_sha: SHA,
    status: 'in_progress',
  });
  expect(created.status).toBe(201);
  expect(created.data.status).toBe('in_progress');
  const done = await octokit.rest.checks.update({
    owner: 'acme',
    repo: 'churn',
    check_run_id: created.data.id,
    conclusion: 'failure',
    output: { title: 'accuracy regressed', summary: 'accuracy 0.91 -> 0.88' },
  });
  expect(done.data).toMatchObject({
    status: 'completed',
    conclusion: 'failure',
    output: { title: 'accuracy regressed' },
  });
  expect(gh.checkRuns()).toEqual([
    expect.objectContaining({ id: created.data.id, name: 'modelgate', conclusion: 'failure' }),
  ]);

  await octokit.rest.repos.createCommitStatus({
    owner: 'acme',
    repo: 'churn',
    sha: SHA,
    state: 'success',
    context: 'modelgate/compare',
  });
  expect(gh.statuses()).toEqual([
    expect.objectContaining({ sha: SHA, state: 'success', context: 'modelgate/compare' }),
  ]);
  expect(gh.violations).toEqual([]);
});

it('serves a seeded pull request, marking a head from another repository as a fork', async () => {
  gh.seedPullRequest('acme', 'churn', {
    number: 12,
    head: { ref: 'patch-1', sha: SHA, repo: 'stranger/churn' },
    base: { ref: 'main', sha: 'b'.repeat(40) },
  });
  const octokit = getOctokit(TOKEN, { baseUrl: gh.url });
  const pr = await octokit.rest.pulls.get({ owner: 'acme', repo: 'churn', pull_number: 12 });
  expect(pr.data).toMatchObject({
    number: 12,
    head: { sha: SHA, repo: { fork: true, full_name: 'stranger/churn' } },
    base: { ref: 'main' },
  });
  await expect(octokit.rest.pulls.get({ owner: 'acme', repo: 'churn', pull_number: 13 })).rejects.toMatchObject({
    status: 404,
  });
});

it('answers 401 to a write without a token and to a wrong token when one is configured', async () => {
  const strict = await startGitHubStandIn({ token: TOKEN });
  try {
    const post = (auth?: string) =>
      fetch(`${strict.url}/repos/acme/churn/issues/1/comments`, {
        method: 'POST',
        headers: { 'user-agent': 't', 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body: '{"body":"x"}',
      });
    expect((await post()).status).toBe(401);
    expect((await post('token ghs_wrong')).status).toBe(401);
    expect((await post(`Bearer ${TOKEN}`)).status).toBe(201);
  } finally {
    await strict.close();
  }
});
