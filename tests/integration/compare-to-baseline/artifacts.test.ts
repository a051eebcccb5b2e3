import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubStandIn, type GitHubStandIn } from '../../standins/github/index.ts';
import { HEAD_SHA, metricsDocument, OWNER, pullRequestEvent, REPO, runCompare, TOKEN, workspace } from './harness.ts';

let standIn: GitHubStandIn;
beforeEach(async () => {
  standIn = await startGitHubStandIn({ repository: `${OWNER}/${REPO}` });
  // The run the action executes in: its workflow is the one whose earlier runs are searched.
  standIn.seedWorkflowRun(OWNER, REPO, {
    id: 4242,
    head_branch: 'feature',
    event: 'pull_request',
    status: 'in_progress',
  });
});
afterEach(async () => {
  expect(standIn.violations).toEqual([]);
  await standIn.close();
});

function seedMainRun(runNumber: number, accuracy: number, conclusion = 'success'): void {
  const run = standIn.seedWorkflowRun(OWNER, REPO, {
    run_number: runNumber,
    conclusion,
    created_at: `2025-01-0${runNumber}T00:00:00Z`,
  });
  standIn.seedArtifact(OWNER, REPO, {
    runId: run.id,
    name: 'modelgate-metrics',
    files: { 'metrics.json': metricsDocument({ accuracy, f1: 0.8 }) },
  });
}

describe('compare-to-baseline: artifacts', () => {
  it('auto falls back to the latest successful main run artifact, charts the trend, and caches it', async () => {
    seedMainRun(1, 0.86);
    seedMainRun(2, 0.88);
    seedMainRun(3, 0.5, 'failure');
    const cur = workspace({ 'metrics.json': metricsDocument({ accuracy: 0.87, f1: 0.8 }) });
    const toolCache = mkdtempSync(join(tmpdir(), 'modelgate-tool-cache-'));
    const inputs = { metrics: 'metrics.json', thresholds: 'accuracy: { max-regression: 0.005 }', history: '5' };
    const result = await runCompare(standIn, cur, inputs, { env: { RUNNER_TOOL_CACHE: toolCache } });
    expect(result.exitCode, result.stdout).toBe(1);
    expect(JSON.parse(result.outputs.regressions!)[0]).toMatchObject({
      metric: 'accuracy',
      baseline: 0.88,
      current: 0.87,
    });
    expect(result.summary).toContain('Baseline: artifact modelgate-metrics of run 2');
    expect(result.summary).toContain('x-axis ["run 1", "run 2", "this"]');
    expect(result.summary).toContain('line [0.86, 0.88, 0.87]');
    const downloads = () =>
      standIn.requests.filter((r) => r.service === 'api' && /\/artifacts\/\d+\/zip$/.test(r.path)).length;
    expect(downloads()).toBe(3);
    // The blob storage host never sees the token: fetch drops Authorization on the cross-origin redirect.
    for (const r of standIn.requests.filter((x) => x.service === 'actions'))
      expect(JSON.stringify(r.headers)).not.toContain(TOKEN);

    const again = await runCompare(standIn, cur, inputs, { env: { RUNNER_TOOL_CACHE: toolCache } });
    expect(again.summary).toContain('line [0.86, 0.88, 0.87]');
    expect(downloads()).toBe(4); // only the baseline again; the trend came from the cache
  });

  it('on a push to the default branch uploads the metrics as the artifact later runs read', async () => {
    const text = metricsDocument({ accuracy: 0.9 });
    const cur = workspace({ 'metrics.json': text });
    const result = await runCompare(
      standIn,
      cur,
      { metrics: 'metrics.json', baseline: 'artifact:modelgate-metrics-none-yet', history: '0' },
      {
        event: 'push',
        payload: { ref: 'refs/heads/main', repository: { full_name: `${OWNER}/${REPO}`, default_branch: 'main' } },
      },
    );
    expect(result.exitCode, result.stdout).toBe(0);
    expect(standIn.artifacts()['modelgate-metrics']?.files).toEqual({ 'metrics.json': text });
  });

  it('on a fork PR leaves the summary and a report artifact, does not fail, and a workflow_run job posts it', async () => {
    standIn.setReadOnly(true);
    const cur = workspace({ 'metrics.json': metricsDocument({ accuracy: 0.9, '@acme/everyone': 1 }) });
    const fork = await runCompare(
      standIn,
      cur,
      { metrics: 'metrics.json', baseline: 'artifact:modelgate-metrics-none-yet', history: '0' },
      { payload: pullRequestEvent({ fork: true }) },
    );
    expect(fork.exitCode, fork.stdout).toBe(0);
    expect(fork.summary).toContain('No baseline yet');
    expect(fork.stdout).toContain('::warning::This pull request comes from a fork');
    expect(standIn.comments(OWNER, REPO, 7)).toEqual([]);
    const saved = standIn.artifacts()['modelgate-report-compare-to-baseline-local-local']!.files;
    expect(JSON.parse(saved['pull-request.json']!)).toMatchObject({
      number: 7,
      action: 'compare-to-baseline',
      headSha: HEAD_SHA,
    });

    // The workflow_run job: downloads the artifact (here: writes its files) and posts with a write token.
    standIn.setReadOnly(false);
    standIn.seedPullRequest(OWNER, REPO, {
      number: 7,
      head: { ref: 'feature', sha: HEAD_SHA, repo: `mallory/${REPO}` },
      base: { ref: 'main', sha: 'b'.repeat(40) },
    });
    const dir = mkdtempSync(join(tmpdir(), 'modelgate-saved-'));
    writeFileSync(join(dir, 'report.md'), `${saved['report.md']}\n<!-- modelgate:validate-data:x -->\ncc @acme/admins`);
    writeFileSync(join(dir, 'pull-request.json'), saved['pull-request.json']!);
    const workflowRun = {
      workflow_run: { head_sha: HEAD_SHA, event: 'pull_request' },
      repository: { full_name: `${OWNER}/${REPO}` },
    };
    const post = await runCompare(
      standIn,
      cur,
      { 'post-report': dir },
      { event: 'workflow_run', payload: workflowRun },
    );
    expect(post.exitCode, post.stdout).toBe(0);
    const [posted] = standIn.comments(OWNER, REPO, 7);
    expect(post.outputs['comment-url']).toContain('#issuecomment-');
    expect(posted!.body.split('\n')[0]).toBe('<!-- modelgate:compare-to-baseline:local/local -->');
    expect(posted!.body).not.toContain('modelgate:validate-data');
    expect(posted!.body).toContain('cc @&#8203;acme/admins');

    // A saved file naming another pull request (head not the run's commit) is not posted.
    standIn.seedPullRequest(OWNER, REPO, {
      number: 8,
      head: { ref: 'other', sha: 'd'.repeat(40) },
      base: { ref: 'main', sha: 'b'.repeat(40) },
    });
    writeFileSync(
      join(dir, 'pull-request.json'),
      JSON.stringify({ ...JSON.parse(saved['pull-request.json']!), number: 8 }),
    );
    const forged = await runCompare(
      standIn,
      cur,
      { 'post-report': dir },
      { event: 'workflow_run', payload: workflowRun },
    );
    expect(forged.exitCode).toBe(0);
    expect(forged.stdout).toContain('Not posting: pull request #8');
    expect(standIn.comments(OWNER, REPO, 8)).toEqual([]);
  });
});
