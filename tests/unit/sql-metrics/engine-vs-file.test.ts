/**
 * The metrics computed in DuckDB (in process, through the same engine the action opens) against the file mode's
 * functions on the same rows, on data chosen to reach the corners: heavy score ties and a score of exactly -0,
 * curves of thousands of distinct points (thinned to 50), NULL slice values, a slice holding one class only,
 * multiclass slices with a class absent, regression slices with a constant truth.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '@modelgate/core/evaluate/compute';
import { loadPredictions, type LoadSpec } from '@modelgate/core/evaluate/load';
import { parseConnection } from '@modelgate/core/sql/connection';
import { openEngine } from '@modelgate/core/sql/engine';
import { evaluateInEngine } from '@modelgate/core/sql/metrics/evaluate-sql';
import { metricDialect } from '@modelgate/core/sql/metrics/sql-dialect';
import { seededUniform } from '@modelgate/core/metrics/random';
import { differences } from '../../helpers/differences.ts';

type Spec = Omit<LoadSpec, 'predictions'>;

/**
 * Writes the CSV, scores it as the file mode does and in DuckDB (read_csv of the same file); both results.
 * `streamed`: the whole table's curves from DuckDB's row stream, as the action does (else in SQL, as in the
 * other engines).
 */
async function both(csv: string, spec: Spec, streamed = false) {
  const path = join(mkdtempSync(join(tmpdir(), 'sql-metrics-')), 'p.csv');
  writeFileSync(path, csv);
  const fileWarnings: string[] = [];
  const loaded = await loadPredictions({ ...spec, predictions: path });
  const file = await evaluate(loaded, { bootstrap: 0, seed: 0 }, (w) => fileWarnings.push(w));
  const engine = await openEngine(parseConnection('duckdb:'));
  const sqlWarnings: string[] = [];
  try {
    const from = `(SELECT * FROM read_csv('${path}', nullstr = '')) AS p`;
    const sql = await evaluateInEngine(
      {
        dialect: metricDialect(engine.dialect),
        from,
        columns: async () => (await engine.describe(`SELECT * FROM ${from}`)).map((c) => c.name),
        query: (q, params) => engine.query(q, params),
        ...(streamed ? { stream: engine.stream!.bind(engine) } : {}),
      },
      spec,
      (w) => sqlWarnings.push(w),
    );
    return { file, sql, loaded, fileWarnings, sqlWarnings, bytes: engine.bytesReceived() };
  } finally {
    await engine.close();
  }
}

const base = { labelColumn: 'label', predictionColumn: 'prediction', positiveLabel: '1', classes: undefined };

describe('metrics in the engine equal the file mode’s', () => {
  it('binary: ties, -0, 4,000 distinct scores, NULL slice values and a one-class slice', async () => {
    const rand = seededUniform(7);
    const lines = ['label,prediction,score,region'];
    for (let i = 0; i < 6000; i++) {
      const label = rand() < 0.35 ? 1 : 0;
      // half the rows share 2-decimal scores (ties), the rest are full float64
      const raw = Math.min(1, Math.max(0, 0.25 + 0.4 * label + (rand() - 0.5) * 0.7));
      const score = i % 2 ? raw.toFixed(2) : i % 997 === 0 ? '-0' : String(raw);
      const region = i % 11 === 0 ? '' : i % 7 === 0 ? 'solo' : ['eu', 'us'][i % 2]!;
      // the 'solo' region holds negatives only
      lines.push(`${region === 'solo' ? 0 : label},${Number(score) >= 0.5 ? 1 : 0},${score},${region}`);
    }
    const r = await both(`${lines.join('\n')}\n`, {
      ...base,
      task: 'binary',
      scoreColumn: 'score',
      sliceColumns: ['region'],
    });
    expect(r.sql.rows).toBe(6000);
    expect(Object.keys(r.sql.evaluation.slices!)).toEqual(['region=eu', 'region=solo', 'region=us', 'region=null']);
    expect(differences(r.sql.evaluation, r.file)).toEqual([]);
    // thousands of thresholds, thinned: the choice of points is the file mode's
    expect(r.file.curves!.roc!.length).toBeGreaterThan(30);
    expect(r.file.curves!.pr!.length).toBeLessThanOrEqual(50);
    expect(new Set(r.sqlWarnings)).toEqual(new Set(r.fileWarnings));
    expect(r.sqlWarnings.some((w) => w.startsWith('slice region=solo: roc_auc'))).toBe(true);
    // aggregates only: a few kilobytes for 6,000 rows
    expect(r.bytes).toBeLessThan(20_000);
  });

  it('binary, the curves from DuckDB’s row stream: the file mode’s points and sums', async () => {
    const rand = seededUniform(9);
    const lines = ['label,prediction,score'];
    for (let i = 0; i < 5000; i++) {
      const label = rand() < 0.4 ? 1 : 0;
      const raw = Math.min(1, Math.max(0, 0.3 + 0.35 * label + (rand() - 0.5) * 0.8));
      const score = i % 3 ? String(raw) : raw.toFixed(2);
      lines.push(`${label},${Number(score) >= 0.5 ? 1 : 0},${score}`);
    }
    const spec = { ...base, task: 'binary' as const, scoreColumn: 'score', sliceColumns: [] };
    const r = await both(`${lines.join('\n')}\n`, spec, true);
    expect(differences(r.sql.evaluation, r.file)).toEqual([]);
    // thinned from thousands of thresholds
    expect(r.file.curves!.roc!.length).toBeGreaterThan(20);
    expect(r.sql.evaluation.curves).toEqual((await both(`${lines.join('\n')}\n`, spec)).sql.evaluation.curves);
  });

  it('multiclass: probability columns, slices where a class is absent', async () => {
    const rand = seededUniform(11);
    const classes = ['ant', 'bee', 'cow'];
    const lines = ['label,prediction,proba_ant,proba_bee,proba_cow,site'];
    for (let i = 0; i < 3000; i++) {
      const site = i % 3 === 0 ? 'north' : 'south';
      const t = site === 'north' ? Math.floor(rand() * 2) : Math.floor(rand() * 3);
      const p = classes.map((_, c) => rand() + (c === t ? 0.8 : 0));
      const best = p.indexOf(Math.max(...p));
      lines.push(`${classes[t]},${classes[best]},${p.map((x) => (i % 5 ? x : x.toFixed(1))).join(',')},${site}`);
    }
    const r = await both(`${lines.join('\n')}\n`, {
      ...base,
      scoreColumns: 'proba_*',
      sliceColumns: ['site'],
    });
    expect(r.sql.task).toBe('multiclass');
    expect(differences(r.sql.evaluation, r.file)).toEqual([]);
    expect(r.sql.evaluation.slices!['site=north']!['roc_auc_ovr']).toBeUndefined();
    expect(new Set(r.sqlWarnings)).toEqual(new Set(r.fileWarnings));
  });

  it('regression: slices, one with a constant truth, and an inferred task', async () => {
    const rand = seededUniform(5);
    const lines = ['label,prediction,shop'];
    for (let i = 0; i < 4000; i++) {
      const shop = i % 4 === 0 ? 'flat' : 'busy';
      const y = shop === 'flat' ? 0.1 : 100 + 30 * rand();
      lines.push(`${y},${y + (rand() - 0.5) * 9},${shop}`);
    }
    const r = await both(`${lines.join('\n')}\n`, { ...base, sliceColumns: ['shop'] });
    expect(r.sql.task).toBe('regression');
    expect(r.sql.inferred).toMatch(/task: regression, because the label column holds non-integer numbers/);
    expect(differences(r.sql.evaluation, r.file)).toEqual([]);
  });
});
