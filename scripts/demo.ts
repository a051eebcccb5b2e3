// npm run demo: the whole suite on examples/churn through the local runner, as a pull request would run it,
// with no token and no network. Prints a short verdict per step; every step's job summary and PR comment land in
// one temp folder. `npm run demo -- validate-data evaluate-model` runs only the steps named.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLocal, type LocalRunResult } from '../packages/cli/src/runner.ts';
import { ensureNodeBaseImage, NODE_BASE_IMAGE } from '../tests/helpers/docker-base.ts';

const root = join(import.meta.dirname, '..');
const example = join(root, 'examples', 'churn');
const out = mkdtempSync(join(tmpdir(), 'modelgate-demo-'));
const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

interface Step {
  action: string;
  title: string;
  inputs: Record<string, string>;
  event?: string;
  /** Why the step cannot run here, if it cannot. */
  skip?: () => string | undefined;
  verdict: (r: LocalRunResult) => string;
}

function dockerAnswers(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

const steps: Step[] = [
  {
    action: 'validate-data',
    title: 'Validate the new batch against the schema and the training data',
    event: 'pull_request',
    inputs: {
      data: join(example, 'data', 'batch.csv'),
      schema: join(example, 'schema.yml'),
      reference: join(example, 'data', 'reference.parquet'),
      report: join(out, 'validation.json'),
      comment: 'true',
    },
    verdict: (r) =>
      `passed=${r.outputs.passed}, failed checks=${r.outputs['failed-checks']}, drifted columns=${r.outputs['drifted-columns']}`,
  },
  {
    action: 'evaluate-model',
    title: 'Evaluate the candidate model',
    inputs: {
      predictions: join(example, 'predictions', 'candidate.csv'),
      'score-column': 'score',
      'slice-columns': 'region, plan',
      bootstrap: '200',
      output: join(out, 'candidate-metrics.json'),
    },
    verdict: (r) => {
      const m = JSON.parse(r.outputs.metrics ?? '{}') as Record<string, number>;
      return ['accuracy', 'f1', 'roc_auc', 'log_loss'].map((k) => `${k}=${m[k]?.toFixed(4)}`).join(', ');
    },
  },
  {
    action: 'compare-to-baseline',
    title: 'Compare the candidate with the baseline and gate on the thresholds',
    event: 'pull_request',
    inputs: {
      metrics: join(out, 'candidate-metrics.json'),
      baseline: join(example, 'metrics', 'baseline.json'),
      thresholds: join(example, 'thresholds.yml'),
    },
    verdict: (r) => `passed=${r.outputs.passed}, regressions=${r.outputs.regressions}`,
  },
  {
    action: 'package-docker',
    title: 'Package the model as a smoke-tested image (not pushed)',
    skip: () => {
      if (!dockerAnswers()) return 'no Docker engine answers here (start dockerd to include it)';
      // No public base image can be pulled offline: make a minimal Node 24 one from this checkout's node.
      if (!process.env.MODELGATE_DEMO_BASE_IMAGE) ensureNodeBaseImage();
      return undefined;
    },
    inputs: {
      model: join(example, 'model'),
      image: 'localhost:5000/modelgate-demo/churn',
      'base-image': process.env.MODELGATE_DEMO_BASE_IMAGE ?? NODE_BASE_IMAGE,
      files: join(example, 'serve', 'server.mjs'),
      'serve-command': '["node", "/app/examples/churn/serve/server.mjs"]',
      'smoke-request': join(example, 'serve', 'smoke-request.json'),
      'predict-path': '/v2/models/churn/infer',
      metrics: join(out, 'candidate-metrics.json'),
      push: 'false',
    },
    verdict: (r) => `image=${r.outputs.image}, image-id=${(r.outputs['image-id'] ?? '').slice(0, 19)}`,
  },
  {
    action: 'deploy-canary',
    title: 'Plan the canary rollout (dry run: no cluster here)',
    inputs: {
      image: 'localhost:5000/modelgate-demo/churn:demo',
      name: 'churn',
      namespace: 'ml',
      router: 'gateway-api',
      'dry-run': 'true',
    },
    verdict: (r) => `outcome=${r.outputs.outcome}`,
  },
];

const only = process.argv.slice(2);
const unknown = only.filter((name) => !steps.some((s) => s.action === name));
if (unknown.length) {
  console.error(`No demo step ${unknown.join(', ')}; the steps are ${steps.map((s) => s.action).join(', ')}.`);
  process.exit(2);
}
console.log(bold(`modelgate demo on examples/churn (outputs in ${out})\n`));
let failed = false;
const comments: string[] = [];
for (const step of steps.filter((s) => !only.length || only.includes(s.action))) {
  const bundle = join(root, 'dist', step.action, 'index.js');
  const why =
    !existsSync(join(root, 'actions', step.action, 'action.yml')) || !existsSync(bundle)
      ? 'the action is not built yet'
      : step.skip?.();
  if (why) {
    console.log(`${bold(step.action)}: skipped: ${why}.`);
    continue;
  }
  const result = await runLocal({
    action: step.action,
    inputs: step.inputs,
    ...(step.event ? { event: step.event } : {}),
    cwd: root,
  });
  const status = result.exitCode === 0 ? 'ok' : `FAILED (exit ${result.exitCode})`;
  console.log(`${bold(step.action)}: ${step.title}: ${status} in ${result.durationMs} ms\n  ${step.verdict(result)}`);
  if (result.exitCode !== 0) {
    failed = true;
    const errors = result.stdout.split('\n').filter((l) => l.startsWith('::error'));
    console.log(errors.map((l) => `  ${l}`).join('\n') || result.stderr.slice(-2000));
  }
  if (result.commentFile) {
    // beside the summaries, not in the runner's own temp folder of the step
    const comment = join(out, `${step.action}-comment.md`);
    copyFileSync(result.commentFile, comment);
    comments.push(comment);
  }
  writeFileSync(join(out, `${step.action}-summary.md`), result.summary);
}
console.log(`\nJob summaries: ${out}/*-summary.md`);
for (const c of comments) console.log(`PR comment it would have posted: ${c}`);
const last = comments.at(-1);
if (last) console.log(`\n${bold('The comparison comment:')}\n\n${readFileSync(last, 'utf8')}`);
process.exitCode = failed ? 1 : 0;
