// The parity replay's pieces on small files and a loopback Open Inference Protocol v2 server (a real HTTP
// server on 127.0.0.1; the image-level behaviour is in tests/integration/package-docker/parity.test.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseParityOutputs, readParityRows } from '@modelgate/core/docker/parity-data';
import { inferBody, percentile, replayParity } from '@modelgate/core/docker/parity-replay';
import { UserError } from '@modelgate/core/errors';

const dir = mkdtempSync(join(tmpdir(), 'modelgate-parity-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A CSV of n rows: x (integer), y (float), plan (text), flag (boolean), label, score = 2x + y. */
function csv(n: number): string {
  const lines = ['x,y,plan,flag,label,score'];
  for (let i = 0; i < n; i++) lines.push(`${i},${i / 4},${['a', 'b'][i % 2]},${i % 3 === 0},${i % 2},${2 * i + i / 4}`);
  return lines.join('\n') + '\n';
}

describe('parity-outputs', () => {
  it('reads `<column>: <output>` lines', () => {
    expect(parseParityOutputs('score: churn_probability\nlabel_pred : churn_class')).toEqual([
      { column: 'score', tensor: 'churn_probability' },
      { column: 'label_pred', tensor: 'churn_class' },
    ]);
  });

  it('names a line without a colon and an output paired twice', () => {
    expect(() => parseParityOutputs('score churn_probability')).toThrow(/item 1 "score churn_probability" is not/);
    expect(() => parseParityOutputs('a: out\nb: out')).toThrow(/the output "out" is paired twice/);
  });
});

describe('parity rows', () => {
  const outputs = [{ column: 'score', tensor: 'out' }];

  it('sends every column but the outputs and label, typed once per column, rows numbered from 1', async () => {
    const rows = await readParityRows(file('small.csv', csv(5)), outputs, undefined, 1000);
    expect(rows.rowNumbers).toEqual([1, 2, 3, 4, 5]);
    expect(rows.features.map((f) => [f.name, f.type])).toEqual([
      ['x', 'INT64'],
      ['y', 'FP64'],
      ['plan', 'BYTES'],
      ['flag', 'BOOL'],
    ]);
    expect(rows.features[1]!.values).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(rows.features[3]!.values).toEqual([true, false, false, true, false]);
    expect(rows.expected[0]!.values).toEqual(['0', '2.25', '4.5', '6.75', '9']);
  });

  it('samples the same rows on every run, in file order, when the file has more than parity-rows', async () => {
    const path = file('big.csv', csv(5000));
    const a = await readParityRows(path, outputs, ['x'], 100);
    const b = await readParityRows(path, outputs, ['x'], 100);
    expect(a.totalRows).toBe(5000);
    expect(a.rowNumbers).toHaveLength(100);
    expect(a.rowNumbers).toEqual(b.rowNumbers);
    expect([...a.rowNumbers].sort((p, q) => p - q)).toEqual(a.rowNumbers);
    // Row r holds x = r - 1: the features travel with their row.
    expect(a.features[0]!.values).toEqual(a.rowNumbers.map((r) => r - 1));
    // A uniform sample reaches the end of the file, not only its head.
    expect(Math.max(...a.rowNumbers)).toBeGreaterThan(4000);
  });

  it('names a parity-outputs or parity-features column that is not in the file', async () => {
    const path = file('cols.csv', csv(3));
    const missing = await readParityRows(path, [{ column: 'prob', tensor: 'out' }], undefined, 10).catch((e) => e);
    expect(missing).toBeInstanceOf(UserError);
    expect((missing as UserError).describe()).toMatch(
      /^input 'parity-outputs', .*cols\.csv, field 'prob': no column 'prob' in .*; its columns are: x, y, plan, flag, label, score\.$/,
    );
    const feature = await readParityRows(path, outputs, ['x', 'zz'], 10).catch((e) => e);
    expect((feature as UserError).location).toMatchObject({ input: 'parity-features', field: 'zz' });
  });
});

describe('replay against a loopback server', () => {
  let server: Server;
  let base: string;
  let inFlight = 0;
  let maxInFlight = 0;
  /** Serves out = 2x + y, plus `bias` on rows with plan b. */
  let bias = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () =>
        setTimeout(() => {
          inFlight--;
          const inputs = (JSON.parse(body) as { inputs: { name: string; data: unknown[] }[] }).inputs;
          const by = Object.fromEntries(inputs.map((i) => [i.name, i.data]));
          const data = (by.x as number[]).map(
            (x, i) => 2 * x + (by.y as number[])[i]! + (by.plan![i] === 'b' ? bias : 0),
          );
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ outputs: [{ name: 'out', shape: [data.length], datatype: 'FP64', data }] }));
        }, 5),
      );
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const options = () => ({
    base,
    predictPath: '/infer',
    batchSize: 10,
    concurrency: 3,
    tolerance: 1e-6,
    timeoutMs: 5000,
  });

  it('sends Open Inference Protocol v2 batches with a shape and datatype per feature', async () => {
    const rows = await readParityRows(file('oip.csv', csv(3)), [{ column: 'score', tensor: 'out' }], undefined, 10);
    expect(JSON.parse(inferBody(rows, 1, 3))).toEqual({
      inputs: [
        { name: 'x', shape: [2], datatype: 'INT64', data: [1, 2] },
        { name: 'y', shape: [2], datatype: 'FP64', data: [0.25, 0.5] },
        { name: 'plan', shape: [2], datatype: 'BYTES', data: ['b', 'a'] },
        { name: 'flag', shape: [2], datatype: 'BOOL', data: [false, false] },
      ],
    });
  });

  it('agrees on every row, with load-concurrency requests in flight and one latency per request', async () => {
    bias = 0;
    maxInFlight = 0;
    const rows = await readParityRows(
      file('agree.csv', csv(95)),
      [{ column: 'score', tensor: 'out' }],
      undefined,
      1000,
    );
    const { parity, latency } = await replayParity(rows, options());
    expect(parity).toMatchObject({ rows: 95, agreement: 1, mismatched_rows: 0, mismatches: [] });
    expect(parity.max_abs_diff.out).toBe(0);
    expect(latency.requests).toBe(10);
    expect(maxInFlight).toBe(3);
    expect(latency.p50_ms).toBeGreaterThanOrEqual(5);
  });

  it('reports the rows off by more than the tolerance, with features sent, expected and served', async () => {
    bias = 1e-3;
    const rows = await readParityRows(file('skew.csv', csv(20)), [{ column: 'score', tensor: 'out' }], undefined, 1000);
    const { parity } = await replayParity(rows, options());
    expect(parity.agreement).toBe(0.5);
    expect(parity.mismatched_rows).toBe(10);
    expect(parity.mismatches).toHaveLength(5);
    expect(parity.mismatches[0]).toEqual({
      row: 2,
      features: { x: 1, y: 0.25, plan: 'b', flag: false },
      expected: { score: 2.25 },
      served: { out: 2.25 + 1e-3 },
    });
    expect(parity.max_abs_diff.out).toBeCloseTo(1e-3, 12);
    const loose = await replayParity(rows, { ...options(), tolerance: 1e-2 });
    expect(loose.parity.agreement).toBe(1);
  });

  it('names an output the server does not return', async () => {
    const rows = await readParityRows(file('name.csv', csv(4)), [{ column: 'score', tensor: 'prob' }], undefined, 10);
    const error = (await replayParity(rows, options()).catch((e) => e)) as UserError;
    expect(error.describe()).toBe(
      `input 'parity-outputs', field 'score': the server does not return the output "prob" (paired with the column 'score'); its outputs are: "out".`,
    );
  });
});

describe('percentile', () => {
  it('is the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99)]).toEqual([50, 95, 99]);
    expect(percentile([7], 99)).toBe(7);
  });
});
