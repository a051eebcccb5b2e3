// Measures package-docker against a plain `docker build` + `docker push` of an equivalent hand-written
// single-layer Dockerfile (code, dependencies and weights in one COPY): cold build, rebuild after a
// model-only change, and the bytes each push actually uploaded (growth of a fresh registry's blob store).
// Usage: node scripts/bench/package-docker.ts [--weights-mb 32] [--deps-mb 16]   (npm run build first)
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLocal } from '../../packages/cli/src/runner.ts';
import { ensureNodeBaseImage, NODE_BASE_IMAGE } from '../../tests/helpers/docker-base.ts';
import { startRegistry, type TestRegistry } from '../../tests/helpers/registry.ts';

const { values } = parseArgs({
  options: { 'weights-mb': { type: 'string', default: '32' }, 'deps-mb': { type: 'string', default: '16' } },
});
const WEIGHTS = Number(values['weights-mb']) * 1e6;
const DEPS = Number(values['deps-mb']) * 1e6;
const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'churn');

/** A release workspace: the churn server, vendored dependencies and a model with incompressible weights. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-bench-pd-'));
  cpSync(join(EXAMPLE, 'serve'), join(dir, 'serve'), { recursive: true });
  cpSync(join(EXAMPLE, 'model'), join(dir, 'model'), { recursive: true });
  mkdirSync(join(dir, 'vendor'));
  writeFileSync(join(dir, 'vendor', 'deps.bin'), randomBytes(DEPS));
  writeFileSync(join(dir, 'model', 'weights.bin'), randomBytes(WEIGHTS));
  writeFileSync(
    join(dir, 'Dockerfile.handwritten'),
    `FROM ${NODE_BASE_IMAGE}\nWORKDIR /app\nCOPY . /app\nENV MODEL_PATH=/app/model PORT=8080\nCMD ["node", "serve/server.mjs"]\n`,
  );
  return dir;
}

const retrain = (dir: string) => writeFileSync(join(dir, 'model', 'weights.bin'), randomBytes(WEIGHTS));

interface Measure {
  seconds: number;
  buildSeconds: number;
  pushedBytes: number;
}

async function modelgate(dir: string, registry: TestRegistry, tag: string): Promise<Measure> {
  const before = registry.blobBytes();
  const result = await runLocal({
    action: 'package-docker',
    cwd: dir,
    inputs: {
      model: 'model',
      image: `${registry.host}/bench/churn`,
      'base-image': NODE_BASE_IMAGE,
      files: 'vendor\nserve',
      'serve-command': '["node", "serve/server.mjs"]',
      'smoke-request': 'serve/smoke-request.json',
      'predict-path': '/v2/models/churn/infer',
      tags: `type=raw,value=${tag}`,
      push: 'true',
    },
  });
  if (result.exitCode !== 0) throw new Error(`package-docker failed:\n${result.stdout}\n${result.stderr}`);
  const built = /Built sha256:\w+ in ([\d.]+) s/.exec(result.stdout);
  return {
    seconds: result.durationMs / 1000,
    buildSeconds: Number(built?.[1] ?? NaN),
    pushedBytes: registry.blobBytes() - before,
  };
}

function timed(args: string[], env: Record<string, string> = {}): number {
  const started = performance.now();
  execFileSync('docker', args, { stdio: 'ignore', env: { ...process.env, ...env } });
  return (performance.now() - started) / 1000;
}

function handwritten(dir: string, registry: TestRegistry, tag: string): Measure {
  const before = registry.blobBytes();
  const ref = `${registry.host}/bench/handwritten:${tag}`;
  const buildSeconds = timed(['build', '--file', join(dir, 'Dockerfile.handwritten'), '--tag', ref, dir], {
    DOCKER_BUILDKIT: '0',
  });
  const pushSeconds = timed(['push', ref]);
  return { seconds: buildSeconds + pushSeconds, buildSeconds, pushedBytes: registry.blobBytes() - before };
}

const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
const row = (name: string, m: Measure) =>
  `| ${name} | ${m.buildSeconds.toFixed(1)} s | ${m.seconds.toFixed(1)} s | ${mb(m.pushedBytes)} |`;

ensureNodeBaseImage();
const ours = { registry: await startRegistry(), dir: workspace() };
const theirs = { registry: await startRegistry(), dir: workspace() };
try {
  const results = {
    'package-docker, cold': await modelgate(ours.dir, ours.registry, 'cold'),
    'hand-written, cold': handwritten(theirs.dir, theirs.registry, 'cold'),
  } as Record<string, Measure>;
  retrain(ours.dir);
  retrain(theirs.dir);
  results['package-docker, model-only change'] = await modelgate(ours.dir, ours.registry, 'retrained');
  results['hand-written, model-only change'] = handwritten(theirs.dir, theirs.registry, 'retrained');
  console.log(
    `\nWorkspace: churn server + ${mb(DEPS)} vendored dependencies + ${mb(WEIGHTS)} model weights (random, incompressible); base ${NODE_BASE_IMAGE}.`,
  );
  console.log(
    'package-docker time includes the smoke test and the push; "pushed" is the growth of a fresh registry.\n',
  );
  console.log('| Run | Build | Build + test + push | Pushed |\n| --- | ---: | ---: | ---: |');
  for (const [name, m] of Object.entries(results)) console.log(row(name, m));
  console.log(`\n${JSON.stringify(results)}`);
} finally {
  await Promise.all([ours.registry.stop(), theirs.registry.stop()]);
  for (const dir of [ours.dir, theirs.dir]) rmSync(dir, { recursive: true, force: true });
}
