// Every workflow users can copy (README.md, the action READMEs, examples/, .github/workflows/e2e.yml) runs through
// `run-workflow` in a repository made from examples/churn, against the GitHub stand-in: a push to main, then a
// pull request, and the pull request finds the baseline the push produced.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runWorkflow, type WorkflowRunResult } from '../../../packages/cli/src/workflow/run-job.ts';
import { checkoutOf, churnRepository, type ChurnRepository } from '../../helpers/churn-repo.ts';
import { ensureNodeBaseImage, NODE_BASE_IMAGE } from '../../helpers/docker-base.ts';
import { dockerTestsEnabled } from '../../helpers/docker-gate.ts';
import { copyableWorkflows, type CopyableWorkflow } from '../../helpers/workflows.ts';
import { startGitHubStandIn, type GitHubStandIn } from '../../standins/github/index.ts';

const OWNER = 'acme';
const REPO = 'churn';
const TOKEN = 'ghs_copyableWorkflowsToken0123456789abcdef';

const workflows = copyableWorkflows();
function workflow(name: string, where: RegExp): CopyableWorkflow {
  const found = workflows.find((w) => w.name === name && where.test(w.where));
  if (!found)
    throw new Error(`no workflow '${name}' in ${where}: ${workflows.map((w) => `${w.name} (${w.where})`).join(', ')}`);
  return found;
}

let repo: ChurnRepository;
let standIn: GitHubStandIn;
let nextRun = 100;
beforeAll(async () => {
  repo = churnRepository();
  standIn = await startGitHubStandIn({ repository: `${OWNER}/${REPO}` });
});
afterAll(async () => {
  expect(standIn.violations).toEqual([]);
  await standIn.close();
});

/** Runs a workflow's job as run `runId` of its file on the stand-in, and marks the run finished after. */
async function run(
  w: CopyableWorkflow,
  o: {
    event: string;
    branch: string;
    job?: string;
    payload?: unknown;
    checkout?: string;
    adjust?: Parameters<typeof runWorkflow>[0]['adjust'];
    inputs?: Record<string, string>;
  },
): Promise<WorkflowRunResult & { runId: number; cwd: string }> {
  const runId = ++nextRun;
  const stored = standIn.seedWorkflowRun(OWNER, REPO, {
    id: runId,
    workflow: `${w.name}.yml`,
    name: w.name,
    head_branch: o.branch,
    head_sha: o.branch === 'main' ? repo.mainSha : repo.featureSha,
    event: o.event,
    status: 'in_progress',
  });
  standIn.beginRun(runId);
  const cwd = o.checkout ?? checkoutOf(repo, o.branch);
  const result = await runWorkflow({
    file: w.where,
    text: w.text,
    event: o.event,
    cwd,
    githubApi: standIn.url,
    env: { ...standIn.env(), GITHUB_RUN_ID: String(runId) },
    secrets: { GITHUB_TOKEN: TOKEN },
    ...(o.job ? { job: o.job } : {}),
    ...(o.payload ? { eventPayload: o.payload } : {}),
    ...(o.adjust ? { adjust: o.adjust } : {}),
    ...(o.inputs ? { inputs: o.inputs } : {}),
  });
  stored.status = 'completed';
  stored.conclusion = result.conclusion === 'failure' ? 'failure' : 'success';
  return { ...result, runId, cwd };
}

function failures(result: WorkflowRunResult): string {
  return result.steps
    .filter((s) => s.outcome === 'failure')
    .map(
      (s) =>
        `${s.name}:\n${s.stdout
          .split('\n')
          .filter((l) => l.startsWith('::error'))
          .join('\n')}\n${s.stderr.slice(-1500)}`,
    )
    .join('\n');
}

const step = (result: WorkflowRunResult, name: RegExp) => result.steps.find((s) => name.test(s.name))!;

function pullRequestPayload(o: { fork: boolean }): unknown {
  const base = { full_name: `${OWNER}/${REPO}`, fork: false, default_branch: 'main' };
  return {
    action: 'synchronize',
    number: 1,
    pull_request: {
      number: 1,
      head: {
        sha: repo.featureSha,
        ref: 'feature',
        repo: o.fork ? { full_name: `mallory/${REPO}`, fork: true } : base,
      },
      base: { sha: repo.mainSha, ref: 'main', repo: base },
    },
    repository: base,
  };
}

describe('run-workflow: the README pull-request check', () => {
  it('a push to main keeps the metrics, and the pull request compares with them', async () => {
    const check = workflow('model-check', /^README\.md/);
    const push = await run(check, { event: 'push', branch: 'main' });
    expect(push.conclusion, failures(push)).toBe('success');
    expect(step(push, /^actions\/checkout|checkout/i).note).toBe('skipped: the working directory is the checkout');
    expect(step(push, /Gate on the baseline/).action!.summary).toContain('No baseline yet');
    expect(Object.keys(standIn.artifacts(push.runId))).toContain('modelgate-metrics');

    standIn.seedPullRequest(OWNER, REPO, {
      number: 1,
      head: { ref: 'feature', sha: repo.featureSha },
      base: { ref: 'main', sha: repo.mainSha },
    });
    const pr = await run(check, {
      event: 'pull_request',
      branch: 'feature',
      payload: pullRequestPayload({ fork: false }),
    });
    const gate = step(pr, /Gate on the baseline/).action!;
    // The push was the workflow's first run on main (run_number 1), at main's commit.
    expect(gate.summary).toContain(`Baseline: artifact modelgate-metrics of run 1 \`${repo.mainSha.slice(0, 7)}\``);
    expect(pr.conclusion, failures(pr)).toBe('success');
    // The profile made by the first step is the reference the batch's drift is tested against.
    expect(step(pr, /Validate the new batch/).action!.summary).toMatch(/drift/i);
    const comments = standIn.comments(OWNER, REPO, 1).map((c) => c.body);
    expect(comments.some((b) => b.startsWith('<!-- modelgate:compare-to-baseline:'))).toBe(true);
    expect(comments.some((b) => b.startsWith('<!-- modelgate:validate-data:'))).toBe(true);
  });

  it("a fork's pull request saves its report, and the companion workflow posts it", async () => {
    const check = workflow('model-check', /^README\.md/);
    const companions = [
      workflow('post-model-report', /^README\.md/),
      workflow('Post model report', /^actions\/compare-to-baseline\/README\.md/),
    ];
    for (const companion of companions) expect((companion.text.match(/workflows: \[(.*)\]/) ?? [])[1]).toBe(check.name);
    standIn.seedPullRequest(OWNER, REPO, {
      number: 2,
      head: { ref: 'feature', sha: repo.featureSha, repo: `mallory/${REPO}` },
      base: { ref: 'main', sha: repo.mainSha },
    });
    standIn.setReadOnly(true);
    const payload = pullRequestPayload({ fork: true }) as { number: number; pull_request: { number: number } };
    payload.number = payload.pull_request.number = 2;
    const fork = await run(check, { event: 'pull_request', branch: 'feature', payload });
    standIn.setReadOnly(false);
    expect(fork.conclusion, failures(fork)).toBe('success');
    expect(standIn.comments(OWNER, REPO, 2)).toEqual([]);
    const saved = standIn.artifacts(fork.runId)['modelgate-report-compare-to-baseline-model-check-model-check'];
    expect(saved, JSON.stringify(Object.keys(standIn.artifacts(fork.runId)))).toBeDefined();

    // The companion runs in a checkout of main; download-artifact fetches the fork run's report from the API.
    for (const companion of companions) {
      const cwd = checkoutOf(repo, 'main');
      const post = await run(companion, {
        event: 'workflow_run',
        branch: 'main',
        checkout: cwd,
        payload: {
          action: 'completed',
          workflow_run: { id: fork.runId, event: 'pull_request', head_sha: repo.featureSha, head_branch: 'feature' },
          repository: { full_name: `${OWNER}/${REPO}`, default_branch: 'main' },
        },
      });
      expect(post.conclusion, failures(post)).toBe('success');
      expect(step(post, /download-artifact/).note).toBe(
        'downloaded saved-report/pull-request.json, saved-report/report.md',
      );
      // One sticky comment: the second companion updates the first one's.
      const posted = standIn.comments(OWNER, REPO, 2);
      expect(posted.length).toBe(1);
      expect(posted[0]!.body).toContain('Model vs. baseline');
    }
  });
});

describe('run-workflow: the example and e2e pull-request checks', () => {
  for (const [name, where, job] of [
    ['model-check', /^examples\/churn\/\.github\/workflows\/pr\.yml$/, undefined],
    ['e2e', /^\.github\/workflows\/e2e\.yml$/, 'model-check'],
  ] as const) {
    it(`${name} (${where.source}) passes on the candidate`, async () => {
      const pr = await run(workflow(name, where), {
        event: 'pull_request',
        branch: 'feature',
        payload: pullRequestPayload({ fork: false }),
        ...(job ? { job } : {}),
      });
      expect(pr.conclusion, failures(pr)).toBe('success');
      expect(pr.steps.filter((s) => s.kind === 'modelgate').length).toBeGreaterThanOrEqual(3);
    });
  }
});

describe('run-workflow: the example monitoring and retraining', () => {
  it('a drifting night opens one issue per failing check and starts retrain.yml, which retrains and proposes the model; a clean night closes the issue', async () => {
    const monitor = workflow('model-monitor', /^examples\/churn\/\.github\/workflows\/monitor\.yml$/);
    const retrain = workflow('retrain', /^examples\/churn\/\.github\/workflows\/retrain\.yml$/);
    // The dispatch endpoint checks the inputs sent against retrain.yml's own declaration.
    const declared = (
      parseYaml(retrain.text) as { on: { workflow_dispatch: { inputs: Record<string, { required?: boolean }> } } }
    ).on.workflow_dispatch.inputs;
    standIn.declareWorkflow(OWNER, REPO, 'retrain.yml', declared);
    const before = standIn.dispatches().length;
    const ours = () =>
      standIn
        .issues(OWNER, REPO)
        .filter((i) => i.body?.startsWith('<!-- modelgate:issue:') && i.user.login === 'github-actions[bot]');

    const night = await run(monitor, { event: 'schedule', branch: 'main' });
    expect(night.conclusion, failures(night)).toBe('success'); // drift is reported, it does not fail the step
    const opened = ours().filter((i) => i.state === 'open');
    expect(opened.length).toBeGreaterThan(0);
    for (const issue of opened) expect(issue.labels).toEqual(['modelgate', 'churn']);
    const validate = step(night, /production sample/);
    expect(validate.outputs['issue-url']).toMatch(/\/issues\/\d+$/);
    const dispatched = standIn.dispatches().slice(before);
    expect(dispatched.length).toBe(opened.length);
    expect(dispatched[0]).toMatchObject({ workflow: 'retrain.yml', ref: 'main' });
    expect(dispatched[0]!.inputs.reason).toMatch(/^validate-data: .*dataset drift/);
    expect(dispatched[0]!.inputs['monitoring-run']).toBe(
      `https://github.com/${OWNER}/${REPO}/actions/runs/${night.runId}`,
    );
    const quality = step(night, /labels that arrived/);
    expect(quality.action!.summary).toMatch(/predictions labelled and scored; \*\*\d+ have no label yet\*\*/);

    const retrained = await run(retrain, {
      event: 'workflow_dispatch',
      branch: 'main',
      inputs: dispatched[0]!.inputs as Record<string, string>,
    });
    expect(retrained.conclusion, failures(retrained)).toBe('success');
    expect(step(retrained, /Compare with production/).outputs.passed).toBe('true');
    expect(step(retrained, /Propose the retrained model/).note).toBe(
      'skipped: run-workflow runs only run: steps and modelgate actions',
    );
    expect(readFileSync(join(retrained.cwd, 'examples/churn/model/model.json'), 'utf8')).toContain('"version": "2.1.');

    // A clean night (the production sample looks like the training data again) closes the data issue.
    const clean = await run(monitor, {
      event: 'schedule',
      branch: 'main',
      adjust: (action, inputs) =>
        action === 'validate-data' ? { ...inputs, data: 'examples/churn/data/reference.csv' } : inputs,
    });
    expect(clean.conclusion, failures(clean)).toBe('success');
    const dataIssue = standIn
      .issues(OWNER, REPO)
      .find((i) => validate.outputs['issue-url']!.endsWith(`/issues/${i.number}`));
    expect(dataIssue?.state).toBe('closed');
    expect(standIn.comments(OWNER, REPO, dataIssue!.number)[0]!.body).toMatch(/^Resolved: the scheduled run/);
    expect(standIn.dispatches().length).toBe(before + dispatched.length);
  }, 300_000);
});

// Release and deploy workflows need a registry login and a cluster. What runs here: evaluate-model for real,
// deploy-canary as a dry run (its plan, no cluster), package-docker with the real Docker engine when the
// workflow's server is the example's Node server (the Python ones need their base image and pip from the network).
const releases: Array<[string, RegExp, string, string | undefined]> = [
  ['model-release', /^README\.md/, 'release', undefined],
  ['model-release', /^examples\/churn\/\.github\/workflows\/release\.yml$/, 'release', undefined],
  ['release', /^actions\/package-docker\/README\.md/, 'push', undefined],
  ['deploy', /^actions\/deploy-canary\/README\.md/, 'push', undefined],
  ['e2e', /^\.github\/workflows\/e2e\.yml$/, 'push', 'package'],
];
describe('run-workflow: release and deploy workflows (what can run here)', () => {
  const docker = dockerTestsEnabled('package-docker steps of the release workflows');
  for (const [name, where, event, job] of releases) {
    it(`${name} (${where.source}${job ? `, job ${job}` : ''})`, async () => {
      const w = workflow(name, where);
      const nodeServer = /serve\/server\.mjs/.test(w.text);
      const result = await run(w, {
        event,
        branch: 'main',
        ...(job ? { job } : {}),
        adjust: (action, inputs) => {
          if (action === 'deploy-canary')
            return { ...inputs, 'dry-run': 'true', image: inputs.image || 'localhost:5000/acme/churn:candidate' };
          if (action !== 'package-docker') return inputs;
          if (!nodeServer) return 'its Python base image and pip requirements need the network';
          if (!docker) return 'no Docker engine here (runs under CI)';
          ensureNodeBaseImage();
          const { username: _u, password: _p, ...rest } = inputs;
          return {
            ...rest,
            image: 'localhost:5000/modelgate-workflows/churn',
            'base-image': NODE_BASE_IMAGE,
            push: 'true',
          };
        },
      });
      expect(result.conclusion, failures(result)).toBe('success');
      const ran = result.steps.filter((s) => s.kind === 'modelgate').map((s) => s.name);
      // without Docker (a developer machine, CI unset) e2e's package job has only the skipped packaging step
      const skippedForDocker = result.steps.filter((s) => s.note?.includes('no Docker engine here'));
      expect(ran.length + (docker ? 0 : skippedForDocker.length)).toBeGreaterThan(0);
      const packaging = result.steps.find((s) => /package/i.test(s.name) && s.kind !== 'run');
      if (packaging && nodeServer && docker) {
        expect(packaging.kind).toBe('modelgate');
        expect(packaging.outputs['image-id']).toMatch(/^sha256:/);
      } else if (packaging) {
        expect(packaging.note).toMatch(/^skipped: /);
      }
      for (const canary of result.steps.filter(
        (s) => s.action?.stdout.includes('deploy-canary') || /canary/i.test(s.name),
      ))
        if (canary.kind === 'modelgate') expect(canary.outputs.outcome).toBe('dry-run');
    }, 300_000);
  }
});

it('every copyable workflow is run by a test above', () => {
  const covered = [
    /^README\.md.*model-check/,
    /^README\.md.*post-model-report/,
    /^actions\/compare-to-baseline\/README\.md.*Post model report/,
    /^README\.md.*model-release/,
    /^examples\/churn\/\.github\/workflows\/pr\.yml.*model-check/,
    /^examples\/churn\/\.github\/workflows\/release\.yml.*model-release/,
    /^actions\/package-docker\/README\.md.*release/,
    /^actions\/deploy-canary\/README\.md.*deploy/,
    /^\.github\/workflows\/e2e\.yml.*e2e/,
    /^examples\/churn\/\.github\/workflows\/monitor\.yml.*model-monitor/,
    /^examples\/churn\/\.github\/workflows\/retrain\.yml.*retrain/,
    // the evaluate-model README's Warehouses workflows: tests/integration/evaluate-model/sql-workflows.test.ts
    /^actions\/evaluate-model\/README\.md.*model-check-(bigquery|postgres)$/,
  ];
  // ci, e2e-kind, release and mutation are the repository's own (release's tag step: tests/unit/meta/release.test.ts).
  const userFacing = workflows.filter(
    (w) => !/^\.github\/workflows\/(ci|e2e-kind|release|mutation)\.yml$/.test(w.where),
  );
  const uncovered = userFacing.filter((w) => !covered.some((c) => c.test(`${w.where} ${w.name}`)));
  expect(uncovered.map((w) => `${w.name} (${w.where})`)).toEqual([]);
});

it("download-artifact keeps a fork's artifact entries inside its path", async () => {
  const runId = 999;
  standIn.seedWorkflowRun(OWNER, REPO, { id: runId, event: 'pull_request', head_branch: 'feature' });
  standIn.seedArtifact(OWNER, REPO, { runId, name: 'modelgate-report-x', files: { '../../escape.txt': 'x' } });
  const text = `name: post
on: workflow_run
jobs:
  post:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/download-artifact@v5
        with:
          pattern: modelgate-report-*
          path: saved
          run-id: ${runId}
`;
  const cwd = checkoutOf(repo, 'main');
  const result = await runWorkflow({
    file: 'post.yml',
    text,
    cwd,
    githubApi: standIn.url,
    env: standIn.env(),
    secrets: { GITHUB_TOKEN: TOKEN },
  });
  expect(result.conclusion).toBe('failure');
  expect(result.steps[0]!.note).toMatch(/entry "\.\.\/\.\.\/escape\.txt" leaves .*saved/);
});
