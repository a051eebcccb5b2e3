import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNodeBaseImage } from '../../helpers/docker-base.ts';
import { dockerTestsEnabled } from '../../helpers/docker-gate.ts';
import {
  fetchManifest,
  listTags,
  startRegistry,
  TEST_PASSWORD,
  TEST_USER,
  type TestRegistry,
} from '../../helpers/registry.ts';
import { churnInputs, churnWorkspace, packageDocker } from './harness.ts';

const enabled = dockerTestsEnabled('package-docker integration (bad inputs)');

/** The error annotation runAction prints for a UserError. */
function errorAnnotation(stdout: string): string {
  return stdout.split('\n').find((l) => l.startsWith('::error')) ?? '';
}

/** The smoke-test container a run named in its log, if the engine still has it (other runs may have their own). */
function leftoverContainer(stdout: string): string {
  const name = /Container logs \((modelgate-smoke-[0-9a-f]+)\)/.exec(stdout)?.[1];
  expect(name, 'the run names its smoke-test container').toBeDefined();
  return execFileSync('docker', ['ps', '--all', '--quiet', '--filter', `name=^/${name}$`], { encoding: 'utf8' }).trim();
}

describe.runIf(enabled)('package-docker refuses bad inputs clearly and pushes nothing', () => {
  let registry: TestRegistry;
  let authRegistry: TestRegistry;
  let workspace: string;

  beforeAll(async () => {
    ensureNodeBaseImage();
    [registry, authRegistry] = await Promise.all([startRegistry(), startRegistry({ auth: true })]);
    workspace = churnWorkspace();
  }, 120_000);
  afterAll(async () => Promise.all([registry?.stop(), authRegistry?.stop()]));

  it('names the model path when it does not exist', async () => {
    const result = await packageDocker(
      workspace,
      churnInputs(registry.host, { model: 'models/missing.onnx', push: 'true' }),
    );
    expect(result.exitCode).toBe(1);
    expect(errorAnnotation(result.stdout)).toContain("input 'model'");
    expect(errorAnnotation(result.stdout)).toContain('models/missing.onnx does not exist');
    expect(await listTags(registry.host, 'acme/churn')).toEqual([]);
  }, 60_000);

  it('refuses a metrics file that is a JSON array, naming it, and pushes nothing', async () => {
    writeFileSync(join(workspace, 'runs.json'), JSON.stringify([{ accuracy: 0.91 }]));
    const result = await packageDocker(workspace, churnInputs(registry.host, { metrics: 'runs.json', push: 'true' }));
    expect(result.exitCode).toBe(1);
    expect(errorAnnotation(result.stdout)).toContain("input 'metrics'");
    expect(errorAnnotation(result.stdout)).toMatch(/file=runs\.json.*the top level is a list \(JSON array\)/);
    expect(await listTags(registry.host, 'acme/churn')).toEqual([]);
  }, 60_000);

  it('asks for serve-command when it generates the Dockerfile', async () => {
    const result = await packageDocker(workspace, churnInputs(registry.host, { 'serve-command': '', push: 'true' }));
    expect(result.exitCode).toBe(1);
    expect(errorAnnotation(result.stdout)).toContain("input 'serve-command'");
    expect(errorAnnotation(result.stdout)).toContain('is required when package-docker generates the Dockerfile');
  }, 60_000);

  it('says the base image cannot be pulled', async () => {
    const result = await packageDocker(
      workspace,
      churnInputs(registry.host, { 'base-image': '127.0.0.1:9/nowhere/base:1', push: 'true' }),
    );
    expect(result.exitCode).toBe(1);
    expect(errorAnnotation(result.stdout)).toContain("input 'base-image'");
    expect(errorAnnotation(result.stdout)).toContain(
      'the base image 127.0.0.1:9/nowhere/base:1 is not on this machine and cannot be pulled',
    );
    expect(await listTags(registry.host, 'acme/churn')).toEqual([]);
  }, 120_000);

  it('fails a refused login without printing the password, and pushes nothing', async () => {
    const password = 'wrong-password-7f3c9e';
    const result = await packageDocker(
      workspace,
      churnInputs(authRegistry.host, { push: 'true', username: TEST_USER, password }),
    );
    expect(result.exitCode).toBe(1);
    expect(errorAnnotation(result.stdout)).toContain(`docker login to ${authRegistry.host} as ${TEST_USER} failed`);
    // The one place the password may appear is the ::add-mask:: command, which the runner consumes and never shows.
    const shown = (result.stdout + result.stderr).split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(shown.join('\n')).not.toContain(password);
    expect(result.stdout).toContain(`::add-mask::${password}`);
    expect(result.summary).not.toContain(password);
    expect(JSON.stringify(result.outputs)).not.toContain(password);
    const tags = await fetch(`http://${authRegistry.host}/v2/acme/churn/tags/list`, {
      headers: { authorization: `Basic ${Buffer.from(`${TEST_USER}:${TEST_PASSWORD}`).toString('base64')}` },
    });
    expect(tags.status).toBe(404);
  }, 120_000);

  it('logs in with the right password and pushes to a registry that requires it', async () => {
    const result = await packageDocker(
      workspace,
      churnInputs(authRegistry.host, { push: 'true', username: TEST_USER, password: TEST_PASSWORD }),
    );
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const manifest = await fetchManifest(authRegistry.host, 'acme/churn', 'main', `${TEST_USER}:${TEST_PASSWORD}`);
    expect(result.outputs.digest).toBe(manifest.digest);
    expect(
      result.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain(TEST_PASSWORD);
  }, 240_000);

  it('fails a smoke test that gets the wrong status: prints the container logs, removes it, pushes nothing', async () => {
    const result = await packageDocker(
      workspace,
      churnInputs(registry.host, { 'predict-path': '/v2/models/other/infer', push: 'true' }),
    );
    expect(result.exitCode).toBe(1);
    expect(errorAnnotation(result.stdout)).toContain("input 'expect-status'");
    expect(errorAnnotation(result.stdout)).toContain('answered HTTP 404, expected 200');
    expect(result.stdout).toMatch(/Container logs \(modelgate-smoke-[0-9a-f]+\)/);
    expect(result.stdout).toContain('churn model 2.0.0 serving on :8080');
    expect(leftoverContainer(result.stdout)).toBe('');
    expect(await listTags(registry.host, 'acme/churn')).toEqual([]);
  }, 240_000);

  it('fails a server that never becomes healthy within smoke-timeout', async () => {
    const result = await packageDocker(
      workspace,
      churnInputs(registry.host, {
        'serve-command': '["node", "-e", "setInterval(() => {}, 1000)"]',
        'smoke-timeout': '3s',
        push: 'true',
      }),
    );
    expect(result.exitCode).toBe(1);
    expect(errorAnnotation(result.stdout)).toContain("input 'smoke-timeout'");
    expect(errorAnnotation(result.stdout)).toContain('did not answer 2xx within the smoke-timeout');
    expect(leftoverContainer(result.stdout)).toBe('');
    expect(await listTags(registry.host, 'acme/churn')).toEqual([]);
  }, 240_000);
});
