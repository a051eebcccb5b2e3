// What GitHub throws at the sticky comment, through the bundle: comments that only look like ours, responses
// lost after a write, persistent failures, and an API that cannot be reached.
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runLocal } from '../../../packages/cli/src/runner.ts';
import {
  badGateway,
  commentTooLongBody,
  lostResponse,
  startGitHubStandIn,
  type GitHubStandIn,
} from '../../standins/github/index.ts';
import { HEAD_SHA, metricsDocument, OWNER, REPO, runCompare, TOKEN, workspace } from './harness.ts';

let standIn: GitHubStandIn;
beforeEach(async () => {
  standIn = await startGitHubStandIn({ repository: `${OWNER}/${REPO}` });
});
afterEach(async () => {
  expect(standIn.violations).toEqual([]);
  await standIn.close();
});

const marker = '<!-- modelgate:compare-to-baseline:local/local -->';
const comments = () => standIn.comments(OWNER, REPO, 7);
const writesTo = (id: number) =>
  standIn.requests.filter((r) => r.method !== 'GET' && r.path.endsWith(`/issues/comments/${id}`));
const htmlUrl = (id: number) => `https://github.com/${OWNER}/${REPO}/issues/7#issuecomment-${id}`;

/** A run whose gate passes (no baseline yet) or fails (accuracy fell under its bound). */
function gate(passing: boolean) {
  const dir = workspace({ 'metrics.json': metricsDocument({ accuracy: passing ? 0.9 : 0.7 }) });
  return {
    dir,
    inputs: {
      metrics: 'metrics.json',
      baseline: 'artifact:modelgate-metrics-none-yet',
      history: '0',
      thresholds: 'accuracy: { min: 0.8 }',
    },
  };
}

describe('compare-to-baseline: the sticky comment is ours only when the token wrote it', () => {
  it("leaves a person's comment quoting the marker untouched and posts its own (update mode)", async () => {
    const [quoted] = standIn.seedComments(OWNER, REPO, 7, [
      { body: `${marker}\nLook, the bot's marker: I can make it edit this.`, user: 'mallory' },
    ]);
    const { dir, inputs } = gate(true);
    const result = await runCompare(standIn, dir, inputs);
    expect(result.exitCode, result.stderr + result.stdout).toBe(0);
    const all = comments();
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({ id: quoted!.id, user: 'mallory', body: expect.stringContaining('I can make it') });
    expect(all[0]!.updated_at).toBe(all[0]!.created_at);
    expect(writesTo(Number(quoted!.id))).toEqual([]);
    expect(all[1]).toMatchObject({ user: 'github-actions[bot]', userType: 'Bot' });
    expect(all[1]!.body.startsWith(marker)).toBe(true);
    expect(result.outputs['comment-url']).toBe(htmlUrl(all[1]!.id));
  });

  it("never deletes a person's or another App's comment quoting the marker (recreate mode)", async () => {
    const seeded = standIn.seedComments(OWNER, REPO, 7, [
      { body: `${marker}\nquoted by a person`, user: 'mallory' },
      { body: `${marker}\nold report`, user: 'github-actions[bot]' },
      { body: `${marker}\nquoted by another App`, user: 'other-app[bot]' },
    ]);
    const { dir, inputs } = gate(true);
    const result = await runCompare(standIn, dir, { ...inputs, 'comment-mode': 'recreate' });
    expect(result.exitCode, result.stderr + result.stdout).toBe(0);
    const all = comments();
    expect(all.map((c) => [c.user, c.body.split('\n')[1]])).toEqual([
      ['mallory', 'quoted by a person'],
      ['other-app[bot]', 'quoted by another App'],
      ['github-actions[bot]', expect.any(String)],
    ]);
    expect(writesTo(Number(seeded[0]!.id))).toEqual([]);
    expect(writesTo(Number(seeded[2]!.id))).toEqual([]);
    expect(writesTo(Number(seeded[1]!.id)).map((r) => r.method)).toEqual(['DELETE']);
    expect(result.outputs['comment-url']).toBe(htmlUrl(all[2]!.id));
  });

  it("with a person's token, edits that person's report and leaves GITHUB_TOKEN's alone", async () => {
    standIn.setIdentity('mona');
    const seeded = standIn.seedComments(OWNER, REPO, 7, [
      { body: `${marker}\nmona's earlier report`, user: 'mona' },
      { body: `${marker}\nfrom the Actions bot`, user: 'github-actions[bot]' },
    ]);
    const { dir, inputs } = gate(true);
    const result = await runCompare(standIn, dir, inputs);
    expect(result.exitCode, result.stderr + result.stdout).toBe(0);
    const all = comments();
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({ id: seeded[0]!.id, user: 'mona' });
    expect(all[0]!.body).toContain('No baseline yet');
    expect(all[1]!.body).toContain('from the Actions bot');
    expect(writesTo(Number(seeded[1]!.id))).toEqual([]);
    expect(result.outputs['comment-url']).toBe(htmlUrl(all[0]!.id));
  });
});

describe('compare-to-baseline: a comment whose response was lost is not posted twice', () => {
  it('finds the comment a 502 hid after creating it, and reports its URL', async () => {
    const lost = standIn.fail('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', lostResponse(1));
    const { dir, inputs } = gate(true);
    const result = await runCompare(standIn, dir, inputs);
    expect(result.exitCode, result.stderr + result.stdout).toBe(0);
    expect(lost.hits).toBe(1);
    const all = comments();
    expect(all).toHaveLength(1);
    expect(standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/comments'))).toHaveLength(1);
    expect(result.outputs['comment-url']).toBe(htmlUrl(all[0]!.id));
  });

  it('posts again when the 502 came before anything was written', async () => {
    const failed = standIn.fail('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', badGateway(1));
    const { dir, inputs } = gate(true);
    const result = await runCompare(standIn, dir, inputs);
    expect(result.exitCode, result.stderr + result.stdout).toBe(0);
    expect(failed.hits).toBe(1);
    const all = comments();
    expect(all).toHaveLength(1);
    expect(result.outputs['comment-url']).toBe(htmlUrl(all[0]!.id));
  });
});

describe('compare-to-baseline: GitHub failures are warnings, not bugs', () => {
  const expectAllOutputs = (outputs: Record<string, string>) => {
    for (const name of ['passed', 'regressions', 'improvements', 'report', 'comment-url'])
      expect(outputs, name).toHaveProperty(name);
  };

  it('persistent 5xx on the comments: the gate fails on its rule, with every output and the summary', async () => {
    standIn.fail('* /repos/{owner}/{repo}/issues/{issue_number}/comments', badGateway(Infinity));
    const { dir, inputs } = gate(false);
    const result = await runCompare(standIn, dir, inputs);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toContain('internal error');
    expect(result.stdout).toMatch(/::error::1 rule\(s\) failed against the baseline: accuracy/);
    expect(result.stdout).toMatch(/::warning::Could not post the report comment on pull request #7: .*HTTP 502/);
    expectAllOutputs(result.outputs);
    expect(result.outputs.passed).toBe('false');
    expect(result.outputs['comment-url']).toBe('');
    expect(result.summary).toContain('accuracy');
    expect(comments()).toEqual([]);
  });

  it('a 422 on the comment: the passing gate passes, with a warning', async () => {
    standIn.fail('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      status: 422,
      times: Infinity,
      body: commentTooLongBody(),
    });
    const { dir, inputs } = gate(true);
    const result = await runCompare(standIn, dir, inputs);
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/::warning::Could not post the report comment on pull request #7: .*HTTP 422/);
    expectAllOutputs(result.outputs);
    expect(result.outputs.passed).toBe('true');
    expect(standIn.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/comments'))).toHaveLength(1);
  });
});

/** A loopback port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('compare-to-baseline: baseline artifact with the API unreachable', () => {
  it('is a named error on the baseline input after a bounded retry of a few seconds', async () => {
    const api = `http://127.0.0.1:${await closedPort()}`;
    const dir = workspace({ 'metrics.json': metricsDocument({ accuracy: 0.9 }) });
    const result = await runLocal({
      action: 'compare-to-baseline',
      cwd: dir,
      inputs: { metrics: 'metrics.json', baseline: 'artifact:x', history: '0' },
      event: 'push',
      githubApi: api,
      env: { GITHUB_TOKEN: TOKEN, GITHUB_SHA: HEAD_SHA, GITHUB_REPOSITORY: `${OWNER}/${REPO}`, GITHUB_RUN_ID: '4242' },
      timeoutMs: 60_000,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toContain('internal error');
    expect(result.stdout).toMatch(
      new RegExp(
        `::error title=modelgate%3A fix the input::input 'baseline': could not look for the artifact 'x': ` +
          `the GitHub API at ${api} could not be reached \\(connect ECONNREFUSED [^)]*\\) after 4 tries\\. ` +
          'Check that the runner can reach GitHub',
      ),
    );
    // 4 tries with 0.4, 1.6 and 3.6 s between them: about 6 s, where it took 52 s.
    expect(result.durationMs).toBeLessThan(10_000);
  });

  it('a token that may not read Actions is a named error that says which permission to grant', async () => {
    standIn.fail('GET /repos/{owner}/{repo}/actions/runs', {
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const dir = workspace({ 'metrics.json': metricsDocument({ accuracy: 0.9 }) });
    const result = await runCompare(standIn, dir, { metrics: 'metrics.json', baseline: 'artifact:x', history: '0' });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toContain('internal error');
    expect(result.stdout).toContain(
      "input 'baseline': could not look for the artifact 'x': GitHub answered HTTP 403 (Resource not accessible by integration). " +
        'The token may not read this: give the job `permissions: actions: read`',
    );
    expect(result.outputs).toEqual({});
  });
});
