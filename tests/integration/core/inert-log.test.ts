import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runLocal } from '../../../packages/cli/src/runner.ts';
import { HOSTILE, injectedCommands } from '../../helpers/workflow-commands.ts';
import { httpRoute, stableDeployment, stableService } from '../../standins/kube/fixtures.ts';
import { runDeployCanary, startKubeStandIn, type KubeStandIn } from '../deploy-canary/harness.ts';

// Issue #10 point 1: text that data, file names, metric names or a remote service chose never becomes a
// workflow command, wherever the actions log it.
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'inert-log-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;
const NEWLINE_LABEL = `a\n${HOSTILE.error}\r${HOSTILE.stop}`;

describe('hostile text is inert in the log', () => {
  it('evaluate-model: raw label values in the task-inference line and file names', async () => {
    const labels = [HOSTILE.error, NEWLINE_LABEL];
    const rows = Array.from({ length: 20 }, (_, i) => {
      const label = labels[i % 2]!;
      const prediction = labels[(i + (i % 3 === 0 ? 1 : 0)) % 2]!;
      return `${csvCell(label)},${csvCell(prediction)}`;
    });
    const cwd = workspace({});
    mkdirSync(join(cwd, 'parts'));
    // Two files of one glob: one named ::add-mask::churn.csv, one whose name holds a newline and a command.
    for (const name of [HOSTILE.mask, `b\n${HOSTILE.stop}.csv`])
      writeFileSync(join(cwd, 'parts', name), `label,prediction\n${rows.join('\n')}\n`);
    const r = await runLocal({
      action: 'evaluate-model',
      cwd,
      inputs: { predictions: 'parts/*.csv', 'positive-label': HOSTILE.error },
    });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.stdout).toContain('task: binary');
    expect(r.stdout).toMatch(/Read 40 rows from .*::add-mask::churn\.csv/);
    expect(injectedCommands(r.stdout)).toEqual([]);
  });

  it("evaluate-model: the output of the user's command, which prints their data", async () => {
    const lines = [HOSTILE.stop, HOSTILE.error, HOSTILE.legacy].map((l) => `console.log(${JSON.stringify(l)});`);
    const cwd = workspace({
      'make.mjs': `${lines.join('')}\nimport { writeFileSync } from 'node:fs';\nwriteFileSync('p.csv', 'label,prediction\\n1,1\\n0,0\\n1,0\\n');\n`,
    });
    const r = await runLocal({
      action: 'evaluate-model',
      cwd,
      inputs: { predictions: 'p.csv', command: 'node make.mjs' },
    });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.stdout).toContain(HOSTILE.error);
    expect(injectedCommands(r.stdout)).toEqual([]);
  });

  it('validate-data: column names and values in warnings, drift and errors', async () => {
    const names = [HOSTILE.error, HOSTILE.stop, NEWLINE_LABEL];
    const header = names.map(csvCell).join(',');
    const data = Array.from({ length: 30 }, (_, i) => `${i},${i % 2 ? 'x' : HOSTILE.mask},${i * 2}`);
    const reference = Array.from({ length: 30 }, (_, i) => `${i + 1000},y,${i * 2 + 500}`);
    const schema = [
      'columns:',
      `  ${JSON.stringify(HOSTILE.error)}: { type: integer, max: { value: 3, level: warn } }`,
      `  ${JSON.stringify(HOSTILE.stop)}: { type: string, allowed: { value: [y], level: warn } }`,
      `  ${JSON.stringify(NEWLINE_LABEL)}: { type: integer }`,
    ].join('\n');
    const cwd = workspace({
      'd.csv': `${header}\n${data.join('\n')}\n`,
      'ref.csv': `${header}\n${reference.join('\n')}\n`,
      's.yml': `${schema}\n`,
      'bad.yml': `columns:\n  ${JSON.stringify(HOSTILE.error)}: { type: integer, pattern: '(?=x)' }\n`,
    });
    const warned = await runLocal({
      action: 'validate-data',
      cwd,
      inputs: { data: 'd.csv', schema: 's.yml', reference: 'ref.csv', profile: `p\n${HOSTILE.error}.json` },
    });
    expect(warned.exitCode, warned.stdout).toBe(0);
    expect(warned.stdout).toContain('::warning::');
    expect(injectedCommands(warned.stdout)).toEqual([]);

    const failed = await runLocal({ action: 'validate-data', cwd, inputs: { data: 'd.csv', schema: 'bad.yml' } });
    expect(failed.exitCode).toBe(1);
    expect(injectedCommands(failed.stdout)).toEqual([]);
  });

  it('compare-to-baseline: metric names in the regression warning', async () => {
    const doc = (v: number) =>
      JSON.stringify({ version: 1, task: 'binary', rows: 10, metrics: { [NEWLINE_LABEL]: v, [HOSTILE.stop]: v } });
    const cwd = workspace({ 'm.json': doc(0.5), 'base.json': doc(0.9) });
    const r = await runLocal({
      action: 'compare-to-baseline',
      cwd,
      inputs: {
        metrics: 'm.json',
        baseline: 'base.json',
        thresholds: `${JSON.stringify(NEWLINE_LABEL)}: { max-regression: 0.01 }\n${JSON.stringify(HOSTILE.stop)}: { max-regression: 0.01 }\n`,
        'fail-on-regression': 'false',
      },
    });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.stdout).toContain('::warning::');
    expect(injectedCommands(r.stdout)).toEqual([]);
  });
});

describe('deploy-canary: Prometheus error text is inert', () => {
  let api: KubeStandIn | undefined;
  let prometheus: ReturnType<typeof createServer> | undefined;
  afterEach(async () => {
    await api?.close();
    await new Promise<void>((done) => (prometheus ? prometheus.close(() => done()) : done()));
  });

  it('an error answer with newlines and commands is logged as one inert line', async () => {
    let queries = 0;
    // Answers the preflight query, then rejects every query with hostile text, as a proxy or a fork could.
    prometheus = createServer((req, res) => {
      req.resume();
      queries += 1;
      const body =
        queries === 1
          ? { status: 'success', data: { resultType: 'scalar', result: [1, '0.01'] } }
          : {
              status: 'error',
              errorType: 'bad_data',
              error: `boom\n${HOSTILE.error}\n${HOSTILE.stop}\n${HOSTILE.legacy}`,
            };
      res.writeHead(queries === 1 ? 200 : 400, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((done) => prometheus!.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(prometheus.address() as AddressInfo).port}`;
    api = await startKubeStandIn();
    api.seed(stableDeployment('churn'));
    api.seed(stableService('churn'));
    api.seed(httpRoute('churn', 'churn'));
    const r = await runDeployCanary(api, {
      image: 'registry.local/churn:2.0',
      name: 'churn',
      steps: '20,100',
      analysis: '- name: error-rate\n  query: max(model_error_rate{track="{{track}}"})\n  max: 0.05\n',
      'prometheus-url': url,
    });
    expect(r.stdout).toContain('boom');
    expect(r.stdout).toMatch(/Outcome: rolled-back/);
    expect(injectedCommands(r.stdout)).toEqual([]);
  });
});
