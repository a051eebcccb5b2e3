// A copy of examples/churn's model server and model in a temp dir: the tests change the model there.
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLocal, type LocalRunResult } from '../../../packages/cli/src/runner.ts';
import { NODE_BASE_IMAGE } from '../../helpers/docker-base.ts';

const EXAMPLE = join(import.meta.dirname, '..', '..', '..', 'examples', 'churn');

/** A workspace holding serve/, model/ and a metrics document, as a release job would have them. */
export function churnWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-pd-ws-'));
  cpSync(join(EXAMPLE, 'serve'), join(dir, 'serve'), { recursive: true });
  cpSync(join(EXAMPLE, 'model'), join(dir, 'model'), { recursive: true });
  // Test files run in parallel on one engine: a workspace of its own keeps another file's identical
  // build out of this one's layer cache (the cache matches content, the layers also hold mtimes).
  writeFileSync(join(dir, 'serve', 'workspace-id.txt'), randomUUID());
  writeFileSync(
    join(dir, 'metrics.json'),
    JSON.stringify({ version: 1, task: 'binary', rows: 5000, metrics: { accuracy: 0.91, f1: 0.88, roc_auc: 0.9412 } }),
  );
  return dir;
}

/** The inputs that package the churn server; tests override what they exercise. */
export function churnInputs(registryHost: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    model: 'model',
    image: `${registryHost}/acme/churn`,
    'base-image': NODE_BASE_IMAGE,
    files: 'serve',
    'serve-command': '["node", "serve/server.mjs"]',
    'smoke-request': 'serve/smoke-request.json',
    'predict-path': '/v2/models/churn/infer',
    metrics: 'metrics.json',
    'smoke-timeout': '30s',
    ...extra,
  };
}

/** Runs the package-docker bundle through the local runner on a push to main. */
export function packageDocker(
  cwd: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<LocalRunResult> {
  return runLocal({
    action: 'package-docker',
    cwd,
    inputs,
    env: { GITHUB_REPOSITORY: 'acme/churn', GITHUB_SHA: '90dd6032fac8bda1b6c4436a2e65de27961ed071', ...env },
    timeoutMs: 240_000,
  });
}
