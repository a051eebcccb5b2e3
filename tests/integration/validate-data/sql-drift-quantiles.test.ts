/**
 * Drift of SQL columns with many distinct values (issue 14): up to 100,000 distinct values a column's grouped
 * counts are its exact distribution (no error_bound); beyond, the engine's quantiles feed the sketch path and the
 * statistic carries an error_bound. Both agree with the file mode's statistic within the bounds the two report.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresReaderUrl } from '../../helpers/postgres.ts';
import { dropPostgres, loadDuckdb, loadPostgres, postgresAnswers } from '../../helpers/sql-tables.ts';
import { validate } from './harness.ts';

const ROWS = 120_000;

/** `wide`: every value distinct; `mid`: 50,000 distinct values; `few`: 40. Shifted by `shift` in the current data. */
function table(seed: number, shift: number): string {
  let s = seed;
  const u = () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
  const lines = ['id,wide,mid,few'];
  for (let i = 0; i < ROWS; i++) {
    const wide = (u() + u() + u()) * 10 + shift + i * 1e-9;
    lines.push(
      `${i},${wide.toPrecision(17)},${(Math.floor(u() * 50_000) * 0.37 + shift).toFixed(2)},${Math.floor(u() * 40)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const live = await postgresAnswers();
if (!live && !process.env['CI'])
  console.warn(`\n!!! SKIPPING SQL drift quantiles on PostgreSQL: no cluster on 127.0.0.1:55432, and CI is not set.\n`);
const PG_SCHEMA = `mg_quantiles_${process.pid}`;
const TYPES = { id: 'bigint', wide: 'double precision', mid: 'double precision', few: 'integer' } as const;

type Drift = { column: string; statistic: number; error_bound?: number; method: string };
const drift = (dir: string, file: string) =>
  (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { drift: Drift[] }).drift;

describe.skipIf(!live && !process.env['CI'])('drift of SQL columns beyond the grouped limit', () => {
  let dir: string;
  let files: Drift[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'validate-sql-quantiles-'));
    writeFileSync(join(dir, 'current.csv'), table(7, 0.4));
    writeFileSync(join(dir, 'reference.csv'), table(11, 0));
    const tables = { current: join(dir, 'current.csv'), reference: join(dir, 'reference.csv') };
    await loadPostgres(PG_SCHEMA, tables, TYPES);
    await loadDuckdb(join(dir, 'q.duckdb'), tables, TYPES);
    const out = await validate(dir, {
      data: 'current.csv',
      reference: 'reference.csv',
      'drift-methods': '{wide: wasserstein, mid: ks}',
    });
    expect(out.exitCode, out.stdout).toBe(0);
    files = drift(dir, 'modelgate-validation.json');
  }, 240_000);
  afterAll(async () => {
    if (live || process.env['CI']) await dropPostgres(PG_SCHEMA);
  });

  for (const [engine, connection, prefix] of [
    ['PostgreSQL', postgresReaderUrl, `${PG_SCHEMA}.`],
    ['DuckDB', 'duckdb:q.duckdb', ''],
  ] as const) {
    it(`${engine}: exact below 100,000 distinct values, within the error bound above`, async () => {
      const out = await validate(dir, {
        connection,
        data: `${prefix}current`,
        reference: `${prefix}reference`,
        'drift-methods': '{wide: wasserstein, mid: ks}',
        report: 'sql.json',
      });
      expect(out.exitCode, out.stdout).toBe(0);
      const sql = drift(dir, 'sql.json');
      expect(sql.map((d) => [d.column, d.method])).toEqual(files.map((d) => [d.column, d.method]));
      const by = (list: Drift[], c: string) => list.find((d) => d.column === c)!;
      expect(by(sql, 'wide').error_bound).toBeGreaterThan(0);
      expect(by(sql, 'mid').error_bound).toBeUndefined();
      expect(by(sql, 'few').error_bound).toBeUndefined();
      for (const d of sql) {
        const f = by(files, d.column);
        const tolerance = (d.error_bound ?? 0) + (f.error_bound ?? 0) + 1e-9 * Math.abs(f.statistic);
        expect(Math.abs(d.statistic - f.statistic), d.column).toBeLessThanOrEqual(tolerance);
      }
      // the few-valued column is exact on both sides
      expect(by(sql, 'few').statistic).toBeCloseTo(by(files, 'few').statistic, 12);
    });
  }
});
