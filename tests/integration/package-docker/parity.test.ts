// Serving parity and load (issue 16): the built image replays the churn example's parity file through the real
// engine, and only an image that serves what the model predicted, fast enough, reaches the registry.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNodeBaseImage } from '../../helpers/docker-base.ts';
import { dockerTestsEnabled } from '../../helpers/docker-gate.ts';
import { listTags, startRegistry, type TestRegistry } from '../../helpers/registry.ts';
import { churnInputs, churnWorkspace, packageDocker } from './harness.ts';

const enabled = dockerTestsEnabled('package-docker integration (serving parity and load)');

const PARITY_FILE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'examples',
  'churn',
  'predictions',
  'candidate-parity.csv',
);

interface Parity {
  rows: number;
  agreement: number;
  max_abs_diff: Record<string, number | null>;
  mismatched_rows: number;
  mismatches: {
    row: number;
    features: Record<string, unknown>;
    expected: Record<string, unknown>;
    served: Record<string, unknown>;
  }[];
}
interface Latency {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  requests_per_second: number;
}

/** A workspace with the example server and model, the parity file, and optionally a changed server. */
function workspace(changeServer?: (source: string) => string): string {
  const dir = churnWorkspace();
  copyFileSync(PARITY_FILE, join(dir, 'parity.csv'));
  if (changeServer) {
    const server = join(dir, 'serve', 'server.mjs');
    const before = readFileSync(server, 'utf8');
    const after = changeServer(before);
    expect(after, 'the planted change applies to the example server').not.toBe(before);
    writeFileSync(server, after);
  }
  return dir;
}

const parityInputs = (host: string, extra: Record<string, string> = {}) =>
  churnInputs(host, {
    'parity-data': 'parity.csv',
    'parity-outputs': 'score: churn_probability',
    ...extra,
  });

/** The error annotation runAction prints for a UserError, or the failure setFailed prints for a gate. */
const errorLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('::error'))
    .map((l) => l.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'));

/** The data rows of the parity file by 1-based row number (the header is not a row). */
function parityRow(row: number): Record<string, string> {
  const [header, ...lines] = readFileSync(PARITY_FILE, 'utf8').trimEnd().split('\n');
  const names = header!.split(',');
  const cells = lines[row - 1]!.split(',');
  return Object.fromEntries(names.map((n, i) => [n, cells[i]!]));
}

describe.runIf(enabled)('package-docker replays the parity data against the built image', () => {
  let registry: TestRegistry;

  beforeAll(async () => {
    ensureNodeBaseImage();
    registry = await startRegistry();
  }, 120_000);
  afterAll(async () => registry?.stop());

  it('the example server serves what the model predicted: agreement 1, figures in the outputs and report, pushed', async () => {
    const dir = workspace();
    const result = await packageDocker(dir, parityInputs(registry.host, { push: 'true' }));
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const parity = JSON.parse(result.outputs.parity ?? '{}') as Parity;
    const latency = JSON.parse(result.outputs.latency ?? '{}') as Latency;
    // The file has 3,000 rows: parity-rows (default 1,000) is a sample of them.
    expect(parity.rows).toBe(1000);
    expect(parity.agreement).toBe(1);
    expect(parity.mismatches).toEqual([]);
    expect(parity.max_abs_diff.churn_probability).toBeLessThan(1e-12);
    expect(latency.p50_ms).toBeGreaterThan(0);
    expect(latency.p50_ms).toBeLessThanOrEqual(latency.p95_ms);
    expect(latency.p95_ms).toBeLessThanOrEqual(latency.p99_ms);
    expect(latency.requests_per_second).toBeGreaterThan(0);
    expect(result.stdout).toContain('Parity replay: 1000 rows of 3000 in batches of 64, 4 requests in flight');
    expect(result.stdout).toContain('Parity replay: 1000 of 1000 rows agree (100%, needed 100%)');

    const ready = Number(result.outputs['ready-seconds']);
    expect(ready).toBeGreaterThan(0);
    expect(ready).toBeLessThan(30);
    const imageSize = Number(
      execFileSync('docker', ['image', 'inspect', '--format', '{{.Size}}', result.outputs['image-id']!], {
        encoding: 'utf8',
      }),
    );
    expect(Number(result.outputs['image-size'])).toBe(imageSize);
    expect(Number(result.outputs['model-size'])).toBe(statSync(join(dir, 'model', 'model.json')).size);

    expect(result.summary).toContain('### What this model costs to serve');
    expect(result.summary).toMatch(/\| `accuracy` \| 0\.91 \| Ready after \(model load\) \| \d+\.\d\d s \|/);
    expect(result.summary).toMatch(/Latency p50 \/ p95 \/ p99 \| [\d.]+ \/ [\d.]+ \/ [\d.]+ ms/);
    expect(result.summary).toContain('1000 of 1000 replayed rows agree (100%)');
    expect((await listTags(registry.host, 'acme/churn')).sort()).toEqual(['main', 'sha-90dd603']);
    // The figures issue 16 asks for, in the test log.
    console.log(
      `parity on the churn example: ${parity.rows} rows, agreement ${parity.agreement}, p50 ${latency.p50_ms} ms, ` +
        `p95 ${latency.p95_ms} ms, p99 ${latency.p99_ms} ms, ${latency.requests_per_second} requests/s, ` +
        `ready ${ready} s, image ${result.outputs['image-size']} B, model ${result.outputs['model-size']} B`,
    );
  }, 240_000);

  it('a server with a planted skew (age standardised with another mean) fails, shows the real rows, pushes nothing', async () => {
    const dir = workspace((s) => s.replace('model.age * (age - 40)', 'model.age * (age - 45)'));
    const before = registry.blobBytes();
    const result = await packageDocker(
      dir,
      parityInputs(registry.host, { push: 'true', tags: 'type=raw,value=skewed' }),
    );
    expect(result.exitCode, result.stdout).toBe(1);
    const parity = JSON.parse(result.outputs.parity ?? '{}') as Parity;
    expect(parity.rows).toBe(1000);
    expect(parity.agreement).toBe(0);
    expect(parity.mismatches).toHaveLength(5);
    for (const m of parity.mismatches) {
      const row = parityRow(m.row);
      expect(m.features).toEqual({
        customer_id: Number(row.customer_id),
        plan: row.plan,
        tenure_months: Number(row.tenure_months),
        support_tickets: Number(row.support_tickets),
        monthly_spend: Number(row.monthly_spend),
        age: Number(row.age),
      });
      expect(m.expected).toEqual({ score: Number(row.score) });
      // age - 45 instead of age - 40 adds 0.018 * 5 to the logit: the served probability is higher.
      expect(m.served.churn_probability as number).toBeGreaterThan(Number(row.score));
      expect(result.stdout).toContain(`  row ${m.row}: sent {"customer_id":${row.customer_id},`);
    }
    expect(errorLines(result.stdout).join('\n')).toContain(
      'serving parity 0% (0 of 1000 rows agree), below parity-min-agreement 100%',
    );
    expect(result.summary).toContain('❌ not pushed');
    expect(result.summary).toContain(
      'The first 5 of 1000 mismatching rows: row of the file, features sent, expected, served',
    );
    expect(result.summary).toMatch(new RegExp(`\\| ${parity.mismatches[0]!.row} \\| \`\\{"customer_id"`));
    expect(await listTags(registry.host, 'acme/churn')).not.toContain('skewed');
    expect(registry.blobBytes()).toBe(before);
    expect(result.outputs.digest).toBeUndefined();
    // The container that served the replay is gone.
    const containers = execFileSync(
      'docker',
      ['ps', '--all', '--quiet', '--filter', `ancestor=${result.outputs['image-id']!}`],
      { encoding: 'utf8' },
    );
    expect(containers.trim()).toBe('');
  }, 240_000);

  describe('thresholds on a server whose spend is standardised with a mean off by 0.001', () => {
    let dir: string;
    let strict: Parity;
    beforeAll(() => {
      dir = workspace((s) => s.replace('(spend - 60)', '(spend - 60.001)'));
    });

    it('fails at the default tolerance 1e-6 on the rows where the difference exceeds it', async () => {
      const result = await packageDocker(
        dir,
        parityInputs(registry.host, { push: 'true', tags: 'type=raw,value=tol' }),
      );
      expect(result.exitCode, result.stdout).toBe(1);
      strict = JSON.parse(result.outputs.parity ?? '{}') as Parity;
      // 0.007 * 0.001 * p (1 - p) is at most 1.75e-6: rows with p near 0.5 differ by more than 1e-6, the rest not.
      expect(strict.agreement).toBeGreaterThan(0.05);
      expect(strict.agreement).toBeLessThan(0.95);
      expect(strict.max_abs_diff.churn_probability).toBeGreaterThan(1e-6);
      expect(strict.max_abs_diff.churn_probability).toBeLessThan(1.76e-6);
      for (const m of strict.mismatches) {
        const diff = Math.abs((m.served.churn_probability as number) - (m.expected.score as number));
        expect(diff).toBeGreaterThan(1e-6);
      }
      expect(await listTags(registry.host, 'acme/churn')).not.toContain('tol');
    }, 240_000);

    it('passes with parity-tolerance 1e-5', async () => {
      const result = await packageDocker(dir, parityInputs(registry.host, { 'parity-tolerance': '1e-5' }));
      expect(result.exitCode, result.stdout).toBe(0);
      expect((JSON.parse(result.outputs.parity ?? '{}') as Parity).agreement).toBe(1);
    }, 240_000);

    it('passes with parity-min-agreement at the agreement reached, and fails just above it', async () => {
      const floor = Math.floor(strict.agreement * 1000) / 1000;
      const pass = await packageDocker(dir, parityInputs(registry.host, { 'parity-min-agreement': String(floor) }));
      expect(pass.exitCode, pass.stdout).toBe(0);
      expect((JSON.parse(pass.outputs.parity ?? '{}') as Parity).agreement).toBe(strict.agreement);
      const above = Math.round((strict.agreement + 0.01) * 1000) / 1000;
      const fail = await packageDocker(dir, parityInputs(registry.host, { 'parity-min-agreement': String(above) }));
      expect(fail.exitCode, fail.stdout).toBe(1);
      expect(errorLines(fail.stdout).join('\n')).toContain(
        `below parity-min-agreement ${Number((above * 100).toFixed(2))}%`,
      );
    }, 240_000);
  });

  it('a slow server fails max-latency-p95 and pushes nothing', async () => {
    const dir = workspace((s) =>
      s
        .replace("req.on('end', () => {", "req.on('end', () => setTimeout(() => {")
        .replace(
          '        send(res, 400, { error: error.message });\n      }\n    });',
          '        send(res, 400, { error: error.message });\n      }\n    }, 60));',
        ),
    );
    const result = await packageDocker(
      dir,
      parityInputs(registry.host, { push: 'true', tags: 'type=raw,value=slow', 'max-latency-p95': '40ms' }),
    );
    expect(result.exitCode, result.stdout).toBe(1);
    const latency = JSON.parse(result.outputs.latency ?? '{}') as Latency;
    expect(latency.p95_ms).toBeGreaterThan(60);
    expect((JSON.parse(result.outputs.parity ?? '{}') as Parity).agreement).toBe(1);
    expect(errorLines(result.stdout).join('\n')).toContain(
      `latency p95 ${latency.p95_ms} ms, above max-latency-p95 40 ms`,
    );
    expect(await listTags(registry.host, 'acme/churn')).not.toContain('slow');
  }, 240_000);

  it('max-ready-time and max-image-size fail the step before the push', async () => {
    const dir = workspace();
    const result = await packageDocker(
      dir,
      parityInputs(registry.host, {
        push: 'true',
        tags: 'type=raw,value=big',
        'max-image-size': '1MB',
        'max-ready-time': '1ms',
      }),
    );
    expect(result.exitCode, result.stdout).toBe(1);
    const errors = errorLines(result.stdout).join('\n');
    expect(errors).toMatch(/the image is [\d.]+ MB, above max-image-size 1.00 MB/);
    expect(errors).toMatch(/the server was ready after [\d.]+ s, above max-ready-time 0.001 s/);
    expect(await listTags(registry.host, 'acme/churn')).not.toContain('big');
  }, 240_000);

  it('names an output the server does not return, and pushes nothing', async () => {
    const dir = workspace();
    const result = await packageDocker(
      dir,
      parityInputs(registry.host, {
        push: 'true',
        tags: 'type=raw,value=nooutput',
        'parity-outputs': 'score: churn_score',
      }),
    );
    expect(result.exitCode).toBe(1);
    expect(errorLines(result.stdout)[0]).toContain(
      "input 'parity-outputs', field 'score': the server does not return the output \"churn_score\" (paired with the column 'score'); its outputs are: \"churn_probability\".",
    );
    expect(await listTags(registry.host, 'acme/churn')).not.toContain('nooutput');
  }, 240_000);

  it('names a parity-outputs column that is not in the file before anything is built', async () => {
    const dir = workspace();
    const result = await packageDocker(
      dir,
      parityInputs(registry.host, { push: 'true', 'parity-outputs': 'probability: churn_probability' }),
    );
    expect(result.exitCode).toBe(1);
    const error = errorLines(result.stdout)[0];
    expect(error).toContain("input 'parity-outputs'");
    expect(error).toContain("field 'probability': no column 'probability' in ");
    expect(error).toContain('parity.csv; its columns are: customer_id, label, plan, tenure_months');
    expect(result.stdout).not.toContain('docker build');
    expect(result.stdout).not.toContain('Built ');
  }, 60_000);

  it('names a gate with nothing to measure: max-latency-p95 without parity-data', async () => {
    const dir = workspace();
    const result = await packageDocker(dir, churnInputs(registry.host, { push: 'true', 'max-latency-p95': '100ms' }));
    expect(result.exitCode).toBe(1);
    expect(errorLines(result.stdout)[0]).toContain(
      "input 'max-latency-p95': needs parity-data: the latency is measured by the parity replay.",
    );
    expect(result.stdout).not.toContain('Built ');
  }, 60_000);
});
