// Monitoring on a schedule (CONTRACTS "Monitoring on a schedule"), through the validate-data and
// compare-to-baseline bundles against the GitHub stand-in: one issue per comment key across failing runs, closed
// by the first clean run, a workflow dispatch per failing run, and 403/422 named.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runLocal, type LocalRunResult } from '../../../packages/cli/src/runner.ts';
import { startGitHubStandIn, type GitHubStandIn } from '../../standins/github/index.ts';
import { driftCsv, workspace } from '../validate-data/harness.ts';

const OWNER = 'acme';
const REPO = 'churn';
const TOKEN = 'ghs_monitoringSecretToken0123456789abcdef';
const MARKER = '<!-- modelgate:issue:validate-data:nightly -->';

let standIn: GitHubStandIn;
let runId = 5000;
beforeEach(async () => {
  standIn = await startGitHubStandIn({ repository: `${OWNER}/${REPO}` });
});
afterEach(async () => {
  expect(standIn.violations).toEqual([]);
  expect(standIn.unhandled.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  await standIn.close();
});

/** A workspace with a training reference, a drifted batch and a clean one. */
function production(): string {
  return workspace({
    'reference.csv': driftCsv(2000, 1, 0),
    'drifted.csv': driftCsv(2000, 2, 25),
    'clean.csv': driftCsv(2000, 3, 0),
  });
}

function validate(cwd: string, inputs: Record<string, string>, event = 'schedule'): Promise<LocalRunResult> {
  runId++;
  return runLocal({
    action: 'validate-data',
    cwd,
    event,
    inputs: { reference: 'reference.csv', 'drift-share': '0.3', 'comment-key': 'nightly', issue: 'true', ...inputs },
    eventPayload: { schedule: '0 3 * * *', repository: { full_name: `${OWNER}/${REPO}`, default_branch: 'main' } },
    githubApi: standIn.url,
    env: { ...standIn.env(), GITHUB_RUN_ID: String(runId), GITHUB_TOKEN: TOKEN },
    timeoutMs: 60_000,
  });
}

const RETRAIN_INPUTS = { reason: { required: true }, 'run-url': {}, 'drifted-columns': {} };
const DISPATCH = {
  'dispatch-workflow': 'retrain.yml',
  'dispatch-inputs': 'reason: "{{reason}}"\nrun-url: "{{run-url}}"\ndrifted-columns: "{{drifted-columns}}"',
};

describe('monitoring: one issue and a dispatch per failing scheduled run', () => {
  it('opens one issue across two failing runs among 100+ open issues, dispatches each time, and a clean run closes it', async () => {
    // 120 other open issues with the label (two pages of 100), a closed issue of ours with the marker (never
    // reopened or edited), and a person's open issue quoting the marker as its first line (never ours).
    for (let i = 0; i < 120; i++)
      standIn.seedIssue(OWNER, REPO, { title: `other ${i}`, labels: ['modelgate'], body: `issue ${i}` });
    const closed = standIn.seedIssue(OWNER, REPO, {
      title: 'old drift',
      labels: ['modelgate'],
      state: 'closed',
      user: 'github-actions[bot]',
      body: `${MARKER}\nold report`,
    });
    const persons = standIn.seedIssue(OWNER, REPO, {
      title: 'copied',
      labels: ['modelgate'],
      user: 'mallory',
      body: `${MARKER}\nnot a report`,
    });
    standIn.declareWorkflow(OWNER, REPO, 'retrain.yml', RETRAIN_INPUTS);
    const cwd = production();

    const first = await validate(cwd, { data: 'drifted.csv', ...DISPATCH });
    expect(first.exitCode, first.stdout + first.stderr).toBe(0); // drift without fail-on-drift passes the step
    const ours = () =>
      standIn.issues(OWNER, REPO).filter((i) => i.body?.startsWith(MARKER) && i.user.login === 'github-actions[bot]');
    expect(ours().filter((i) => i.state === 'open')).toHaveLength(1);
    const opened = ours().find((i) => i.state === 'open')!;
    expect(first.outputs['issue-url']).toBe(`https://github.com/${OWNER}/${REPO}/issues/${opened.number}`);
    expect(opened.labels).toEqual(['modelgate']);
    expect(opened.title).toBe('validate-data is failing: nightly');
    expect(opened.body).toContain(
      `the scheduled run [${runId}](https://github.com/${OWNER}/${REPO}/actions/runs/${runId})`,
    );
    expect(opened.body).toContain('monthly_spend');
    // What a person reads first: what is wrong and which run found it (the report itself may say "passed").
    expect(opened.body!.split('\n')[1]).toBe(
      `**validate-data: dataset drift (1 of 3 columns)**, found by the scheduled run [${runId}](https://github.com/${OWNER}/${REPO}/actions/runs/${runId}). Later failing runs update this issue; the first clean run closes it.`,
    );
    expect(standIn.dispatches()).toHaveLength(1);
    expect(standIn.dispatches()[0]).toMatchObject({
      workflow: 'retrain.yml',
      ref: 'main',
      inputs: {
        reason: 'validate-data: dataset drift (1 of 3 columns)',
        'run-url': `https://github.com/${OWNER}/${REPO}/actions/runs/${runId}`,
        'drifted-columns': 'monthly_spend',
      },
    });
    // The issue list was read page by page, with the labels and state=open.
    const lists = standIn.requests.filter((r) => r.method === 'GET' && r.path === '/repos/acme/churn/issues');
    expect(lists.map((r) => r.query)).toEqual([
      { state: 'open', labels: 'modelgate', per_page: '100' },
      { state: 'open', labels: 'modelgate', per_page: '100', page: '2' },
    ]);

    const second = await validate(cwd, { data: 'drifted.csv', ...DISPATCH });
    expect(second.exitCode, second.stdout).toBe(0);
    expect(ours().filter((i) => i.state === 'open')).toHaveLength(1);
    expect(ours().find((i) => i.state === 'open')!.number).toBe(opened.number);
    expect(ours().find((i) => i.state === 'open')!.body).toContain(`[${runId}]`);
    expect(second.outputs['issue-url']).toBe(first.outputs['issue-url']);
    expect(standIn.dispatches()).toHaveLength(2);

    const clean = await validate(cwd, { data: 'clean.csv', ...DISPATCH });
    expect(clean.exitCode, clean.stdout).toBe(0);
    const after = standIn.issues(OWNER, REPO).find((i) => i.number === opened.number)!;
    expect(after.state).toBe('closed');
    expect(after.state_reason).toBe('completed');
    const note = standIn.comments(OWNER, REPO, opened.number);
    expect(note).toHaveLength(1);
    expect(note[0]!.body).toContain(`Resolved: the scheduled run [${runId}]`);
    expect(standIn.dispatches()).toHaveLength(2); // none on a clean run
    // Never touched: the closed issue and the person's issue.
    expect(standIn.issues(OWNER, REPO).find((i) => i.number === closed.number)).toMatchObject({
      state: 'closed',
      body: `${MARKER}\nold report`,
    });
    expect(standIn.issues(OWNER, REPO).find((i) => i.number === persons.number)).toMatchObject({
      state: 'open',
      body: `${MARKER}\nnot a report`,
    });
    expect(standIn.comments(OWNER, REPO, persons.number)).toEqual([]);
    for (const r of [first, second, clean])
      expect((r.stdout + r.stderr + r.summary).replace(/^::add-mask::.*$/gm, '')).not.toContain(TOKEN);
  }, 120_000);

  it('does nothing on a push or a pull request: the report goes to the job summary (and the PR comment)', async () => {
    standIn.declareWorkflow(OWNER, REPO, 'retrain.yml', RETRAIN_INPUTS);
    const result = await validate(production(), { data: 'drifted.csv', ...DISPATCH }, 'push');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('act on schedule and workflow_dispatch runs');
    expect(standIn.issues(OWNER, REPO)).toEqual([]);
    expect(standIn.dispatches()).toEqual([]);
  });

  it('without GitHub (the local runner), shows the issue that would be opened and the workflow it would start', async () => {
    const result = await runLocal({
      action: 'validate-data',
      cwd: production(),
      event: 'schedule',
      inputs: { data: 'drifted.csv', reference: 'reference.csv', 'drift-share': '0.3', issue: 'true', ...DISPATCH },
      timeoutMs: 60_000,
    });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.comment!.split('\n')[0]).toBe('<!-- modelgate:issue:validate-data:local/local -->');
    expect(result.stdout).toContain('Local run: retrain.yml would be started (workflow_dispatch).');
  });

  it('names issues: write when GitHub refuses the issue (403)', async () => {
    standIn.setReadOnly(true);
    const result = await validate(production(), { data: 'drifted.csv' });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /::error::Could not open the monitoring issue: GitHub answered HTTP 403 \(Resource not accessible by integration\)\. The workflow needs `permissions: issues: write`/,
    );
    expect(result.summary).toContain('validate-data'); // the report was still written
  });

  it('names actions: write when GitHub refuses the dispatch (403)', async () => {
    standIn.declareWorkflow(OWNER, REPO, 'retrain.yml', RETRAIN_INPUTS);
    standIn.setReadOnly(true);
    const result = await validate(production(), { data: 'drifted.csv', issue: 'false', ...DISPATCH });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /Could not start retrain\.yml: GitHub answered HTTP 403 .*`permissions: actions: write`/,
    );
  });

  it('names dispatch-inputs when the workflow does not declare an input (422)', async () => {
    standIn.declareWorkflow(OWNER, REPO, 'retrain.yml', { reason: {} });
    const result = await validate(production(), {
      data: 'drifted.csv',
      issue: 'false',
      'dispatch-workflow': 'retrain.yml',
      'dispatch-inputs': 'reason: "{{reason}}"\ncolumns: "{{drifted-columns}}"',
      'dispatch-ref': 'release',
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      'dispatch-inputs: GitHub refused to start retrain.yml: GitHub answered HTTP 422 (Unexpected inputs provided: ["columns"])',
    );
    expect(result.stdout).toContain(
      'must be declared under on.workflow_dispatch.inputs of retrain.yml (sent: reason, columns)',
    );
    expect(standIn.requests.some((r) => r.method === 'GET' && r.path === '/repos/acme/churn')).toBe(false);
  });

  it('refuses an unknown placeholder before reading any data', async () => {
    const result = await validate(production(), {
      data: 'drifted.csv',
      'dispatch-workflow': 'retrain.yml',
      'dispatch-inputs': 'reason: "{{why}}"',
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/input 'dispatch-inputs'.*unknown placeholder \{\{why\}\}/);
    expect(standIn.requests).toEqual([]);
  });

  it('makes values from the data one inert line in the dispatched inputs', async () => {
    standIn.declareWorkflow(OWNER, REPO, 'retrain.yml', RETRAIN_INPUTS);
    const cwd = workspace({
      'reference.csv': driftCsv(2000, 1, 0).replace('monthly_spend', '"::error::x\nowned"'),
      'drifted.csv': driftCsv(2000, 2, 25).replace('monthly_spend', '"::error::x\nowned"'),
    });
    const result = await validate(cwd, { data: 'drifted.csv', issue: 'false', ...DISPATCH });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(standIn.dispatches()[0]!.inputs['drifted-columns']).toBe(':\u200b:error:\u200b:x owned');
  });
});

describe('monitoring: compare-to-baseline on a manual run', () => {
  it('cuts a report too long for an issue at 65,536 characters, at a table row, and says where the rest is', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `segment_${i}_accuracy_of_a_long_metric_name`);
    // One rule fails; the table of 3,000 metrics is what does not fit.
    const doc = (first: number) =>
      JSON.stringify({
        version: 1,
        task: 'binary',
        rows: 100,
        metrics: Object.fromEntries(names.map((n, i) => [n, i === 0 ? first : 0.9])),
      });
    const cwd = workspace({ 'metrics.json': doc(0.5), 'baseline.json': doc(0.9) });
    runId++;
    const result = await runLocal({
      action: 'compare-to-baseline',
      cwd,
      event: 'schedule',
      inputs: {
        metrics: 'metrics.json',
        baseline: 'baseline.json',
        thresholds: `${names[0]}: { max-regression: 0.01 }`,
        history: '0',
        issue: 'true',
      },
      githubApi: standIn.url,
      env: { ...standIn.env(), GITHUB_RUN_ID: String(runId), GITHUB_TOKEN: TOKEN },
      timeoutMs: 60_000,
    });
    expect(result.exitCode).toBe(1); // the regressions, not the issue
    expect(result.stdout.includes('Could not open the monitoring issue')).toBe(false);
    const [issue] = standIn.issues(OWNER, REPO);
    expect([...issue!.body!].length).toBeLessThanOrEqual(65_536);
    expect([...issue!.body!].length).toBeGreaterThan(60_000);
    expect(issue!.body).toContain('This report was cut to fit in a comment (65,536 characters)');
    expect(result.summary.length).toBeGreaterThan(65_536);
  }, 60_000);

  it('opens its own issue (its own marker) when a rule fails, and closes it when the metrics recover', async () => {
    const cwd = workspace({
      'baseline.json': JSON.stringify({ version: 1, task: 'binary', rows: 100, metrics: { accuracy: 0.9 } }),
    });
    const compare = (accuracy: number) => {
      writeFileSync(
        join(cwd, 'metrics.json'),
        JSON.stringify({ version: 1, task: 'binary', rows: 100, metrics: { accuracy } }),
      );
      runId++;
      return runLocal({
        action: 'compare-to-baseline',
        cwd,
        event: 'workflow_dispatch',
        inputs: {
          metrics: 'metrics.json',
          baseline: 'baseline.json',
          thresholds: 'accuracy: { max-regression: 0.01 }',
          history: '0',
          issue: 'true',
          'issue-labels': 'modelgate, model-quality',
          'comment-key': 'production',
        },
        eventPayload: { inputs: {}, ref: 'refs/heads/main', repository: { full_name: `${OWNER}/${REPO}` } },
        githubApi: standIn.url,
        env: { ...standIn.env(), GITHUB_RUN_ID: String(runId), GITHUB_TOKEN: TOKEN },
        timeoutMs: 60_000,
      });
    };
    const failing = await compare(0.8);
    expect(failing.exitCode).toBe(1);
    const [issue] = standIn.issues(OWNER, REPO);
    expect(issue!.body!.split('\n')[0]).toBe('<!-- modelgate:issue:compare-to-baseline:production -->');
    expect(issue!.labels).toEqual(['modelgate', 'model-quality']);
    expect(issue!.body).toContain('the manually started run');
    const recovered = await compare(0.9);
    expect(recovered.exitCode, recovered.stdout).toBe(0);
    expect(standIn.issues(OWNER, REPO)).toMatchObject([{ number: issue!.number, state: 'closed' }]);
  }, 60_000);
});
