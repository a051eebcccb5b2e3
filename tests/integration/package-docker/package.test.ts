import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNodeBaseImage } from '../../helpers/docker-base.ts';
import { dockerTestsEnabled } from '../../helpers/docker-gate.ts';
import {
  fetchConfig,
  fetchManifest,
  startRegistry,
  type FetchedManifest,
  type TestRegistry,
} from '../../helpers/registry.ts';
import { churnInputs, churnWorkspace, packageDocker } from './harness.ts';

const enabled = dockerTestsEnabled('package-docker integration (build, smoke test, push)');

function imageLayers(image: string): string[] {
  return JSON.parse(
    execFileSync('docker', ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', image], { encoding: 'utf8' }),
  ) as string[];
}

describe.runIf(enabled)('package-docker with a real engine and registry', () => {
  let registry: TestRegistry;
  let workspace: string;
  let first: {
    outputs: Record<string, string>;
    summary: string;
    manifest: FetchedManifest;
    layers: string[];
    blobBytes: number;
  };

  beforeAll(async () => {
    ensureNodeBaseImage();
    registry = await startRegistry();
    workspace = churnWorkspace();
  }, 120_000);
  afterAll(async () => registry?.stop());

  it('builds, smoke-tests and pushes every tag; the digest output is the registry manifest digest', async () => {
    const result = await packageDocker(workspace, churnInputs(registry.host, { push: 'true' }));
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const repo = `${registry.host}/acme/churn`;
    expect(result.outputs.tags?.split('\n')).toEqual([`${repo}:main`, `${repo}:sha-90dd603`]);
    expect(result.outputs.image).toBe(`${repo}:main`);
    expect(result.stdout).toContain('Smoke test: POST /v2/models/churn/infer answered HTTP 200');
    expect(result.stdout).toContain('classic builder');

    const manifest = await fetchManifest(registry.host, 'acme/churn', 'main');
    expect(manifest.headerDigest).toBe(manifest.digest);
    expect(result.outputs.digest).toBe(manifest.digest);
    expect((await fetchManifest(registry.host, 'acme/churn', 'sha-90dd603')).digest).toBe(manifest.digest);
    expect(manifest.manifest.config?.digest).toBe(result.outputs['image-id']);
    first = {
      outputs: result.outputs,
      summary: result.summary,
      manifest,
      layers: imageLayers(result.outputs['image-id']!),
      blobBytes: registry.blobBytes(),
    };
  }, 240_000);

  it('labels the pushed image with its lineage and metrics, and runs it as a non-root user', async () => {
    const { config } = await fetchConfig(registry.host, 'acme/churn', first.manifest.manifest.config!.digest);
    const labels = config.Labels ?? {};
    expect(labels).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/acme/churn',
      'org.opencontainers.image.revision': '90dd6032fac8bda1b6c4436a2e65de27961ed071',
      'org.opencontainers.image.version': 'main',
      'org.opencontainers.image.title': 'churn',
      'org.modelgate.model.name': 'churn',
      'org.modelgate.metric.accuracy': '0.91',
      'org.modelgate.metric.roc_auc': '0.9412',
    });
    expect(labels['org.modelgate.model.sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(labels['org.opencontainers.image.created'] ?? '')).not.toBeNaN();
    expect(JSON.parse(first.outputs.labels ?? '{}')).toEqual(labels);
    expect(config.User).toBe('65532:65532');
  });

  it('writes the generated Dockerfile and a summary with digest, size, layers and labels', () => {
    const dockerfile = readFileSync(first.outputs.dockerfile!, 'utf8');
    expect(dockerfile).toContain('COPY ["model","/opt/ml/model/"]');
    expect(dockerfile).toContain('CMD ["node","serve/server.mjs"]');
    expect(first.summary).toContain(`| Digest | \`${first.outputs.digest}\` |`);
    expect(first.summary).toMatch(/\| Size \| \d+(\.\d+)? MB \|/);
    expect(first.summary).toMatch(/\| 1 \| `\(base image\)` \| \d/);
    expect(first.summary).toContain('in /opt/ml/model/');
    expect(first.summary).toContain('`org.modelgate.metric.accuracy` | 0.91');
  });

  it('after a model-only change reuses every layer before the model and uploads only the model layer', async () => {
    const modelFile = join(workspace, 'model', 'model.json');
    const model = JSON.parse(readFileSync(modelFile, 'utf8')) as { intercept: number };
    writeFileSync(modelFile, JSON.stringify({ ...model, intercept: model.intercept + 0.1 }, null, 2));
    const result = await packageDocker(
      workspace,
      churnInputs(registry.host, { push: 'true', tags: 'type=raw,value=retrained' }),
    );
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);

    const layers = imageLayers(result.outputs['image-id']!);
    expect(layers).toHaveLength(first.layers.length);
    expect(layers.slice(0, -1)).toEqual(first.layers.slice(0, -1));
    expect(layers.at(-1)).not.toBe(first.layers.at(-1));

    const manifest = await fetchManifest(registry.host, 'acme/churn', 'retrained');
    expect(result.outputs.digest).toBe(manifest.digest);
    const before = first.manifest.manifest.layers!.map((l) => l.digest);
    const after = manifest.manifest.layers!.map((l) => l.digest);
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
    expect(result.stdout).toMatch(/\(1 layers uploaded, \d+ already there\)/);
    // The registry grew by the model layer, the config and the manifest only: a few kB, not the 130 MB base.
    expect(registry.blobBytes() - first.blobBytes).toBeLessThan(20_000);
    expect(result.summary).toContain('retrained');
    expect(result.summary).toContain('| Layers uploaded | 1 uploaded');
  }, 240_000);
});
