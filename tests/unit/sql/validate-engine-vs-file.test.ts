/**
 * validate-data computed in DuckDB (in process, through the engine the action opens) against the file mode on the
 * same rows: every schema check with its failing-row count, observed value and examples by key, on a text-typed
 * landing table with planted defects and on typed tables; the drift statistics (grouped and sketched) against
 * the reference; the summaries a profile is written from. The integration tests run the same comparisons through
 * the bundles and PostgreSQL; this one runs in process, so it also tells a wrong SQL check from a right one when
 * the compiled SQL is changed (mutation testing, stryker.config.mjs sqlCompilation).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDataSchema } from '@modelgate/core/contracts/schema';
import { openTable } from '@modelgate/core/data/open';
import type { DriftOptions } from '@modelgate/core/drift/column-drift';
import { parseDocumentText } from '@modelgate/core/inputs/document';
import { parseConnection } from '@modelgate/core/sql/connection';
import { openEngine } from '@modelgate/core/sql/engine';
import { parseSource } from '@modelgate/core/sql/source';
import { validateSql } from '@modelgate/core/validate/sql/validate-sql';
import { inferSchema } from '@modelgate/core/validate/infer-schema';
import { buildProfile } from '@modelgate/core/validate/profile';
import { driftColumns, validateData } from '@modelgate/core/validate/validate-data';
import { differences as differencesWithin } from '../../helpers/differences.ts';
import { defectsCsv } from '../../helpers/planted-defects.ts';

/** Paths where two reports differ: numbers to 1e-12 relative (moments are summed in another order), and a set of
 * distinct values in any order (a GROUP BY does not keep the insertion order the file mode writes). */
const differences = (got: unknown, want: unknown) =>
  differencesWithin(got, want, { relative: 1e-12, absolute: 0, unordered: (path) => path.endsWith('.exact') });

const DEFECTS_SCHEMA = `columns:
  id: { type: integer, unique: true, nullable: false }
  age: { type: integer, nullable: false, min: 18, max: 120 }
  score: { type: number, min: 0, max: 1 }
  plan: { type: string, allowed: [basic, pro, team], pattern: '^[a-z]+$', min-length: 3, max-length: 5 }
  active: { type: boolean }
  day: { type: date, min: 2020-01-01, max: 2025-12-31 }
  email: { type: string, max-null-fraction: { value: 0.01, level: warn }, pattern: '@example\\.(com|eu)$' }
  gone: { type: string, nullable: true }
rows: { min: 10, max: 250 }
`;

const TYPED_SCHEMA = `columns:
  id: { type: integer, unique: true, nullable: false }
  x: { type: number, min: -5, max: 5 }
  y: { type: number, nullable: false }
  n: { type: integer, allowed: [0, 1, 2, 3, 4, 5] }
  plan: { type: string, allowed: [basic, pro], max-length: 5 }
  flag: { type: boolean }
  day: { type: date, max: 2024-06-30 }
rows: { min: 200 }
`;
const TYPED_COLUMNS =
  "{'id': 'BIGINT', 'x': 'DOUBLE', 'y': 'DOUBLE', 'n': 'INTEGER', 'plan': 'VARCHAR', 'flag': 'BOOLEAN', 'day': 'DATE'}";

/** `rows` typed rows from a seeded generator, x and y shifted by `shift`; a few nulls and out-of-range values. */
function typedCsv(rows: number, seed: number, shift: number): string {
  let s = seed;
  const u = () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
  const lines = ['id,x,y,n,plan,flag,day'];
  for (let i = 0; i < rows; i++) {
    const x = i % 17 === 4 ? '' : ((u() + u() + u() - 1.5) * 2 + shift).toPrecision(17);
    const y = (u() * 10 + shift * 3).toFixed(i % 5);
    const n = i % 53 === 9 ? 7 : Math.floor(u() * 6);
    const plan = ['basic', 'pro', 'enterprise'][i % 19 === 2 ? 2 : i % 2]!;
    const flag = i % 13 === 0 ? '' : String(u() < 0.3 + shift / 3);
    const day = `2024-0${1 + (i % 8)}-${String(1 + (i % 28)).padStart(2, '0')}`;
    lines.push([1000 + i * 3, x, y, n, plan, flag, day].join(','));
  }
  return `${lines.join('\n')}\n`;
}
type Validation = Awaited<ReturnType<typeof validateData>>;

/** The report without what differs by design (file rows, which a table has not; the source) and drift numbers. */
function comparable(v: Validation) {
  const { drift, ...rest } = v.report as unknown as {
    drift: { column: string; method: string; statistic: number; p_value: number | null }[];
    source?: unknown;
  } & Record<string, unknown>;
  delete rest['source'];
  return {
    ...rest,
    checks: v.checks.map((c) => ({ ...c, examples: c.examples.map(({ row: _row, ...e }) => e) })),
    drift: drift.map(({ statistic: _s, p_value: _p, ...d }) => d),
  };
}

function expectSameStatistics(file: Validation, sql: Validation): void {
  const [a, b] = [file, sql].map(
    (v) => (v.report as unknown as { drift: { column: string; statistic: number; p_value: number | null }[] }).drift,
  );
  expect(b!.map((d) => d.column)).toEqual(a!.map((d) => d.column));
  a!.forEach((d, i) => {
    const e = b![i]!;
    expect(e.statistic, d.column).toBeCloseTo(d.statistic, 9);
    if (d.p_value === null) expect(e.p_value).toBeNull();
    else expect(Math.abs(e.p_value! - d.p_value) / Math.max(Math.abs(d.p_value), 1e-300), d.column).toBeLessThan(1e-9);
  });
}

interface Case {
  schema?: string;
  data: { file: string; sql: string };
  reference?: { file: string; sql: string };
  driftMethods?: Record<string, DriftOptions>;
  keyColumns: string[];
  profile?: boolean;
}

async function both(c: Case): Promise<{ file: Validation; sql: Validation & { source: unknown } }> {
  const schema = c.schema ? parseDataSchema(parseDocumentText(c.schema, { file: 'schema.yml' })) : undefined;
  const common = {
    schema,
    driftMethods: c.driftMethods ?? {},
    driftShare: 0.5,
    failOn: 'never' as const,
    failOnDrift: false,
    keyColumns: c.keyColumns,
  };
  const file = await validateData({
    ...common,
    data: await openTable(c.data.file),
    reference: c.reference ? { table: await openTable(c.reference.file) } : undefined,
    guessAll: Boolean(c.profile),
    skipIdQuantiles: !c.profile,
  });
  const engine = await openEngine(parseConnection('duckdb:'));
  try {
    const sql = await validateSql({
      ...common,
      engine,
      data: parseSource(c.data.sql, engine.dialect, 'data'),
      reference: c.reference ? { source: parseSource(c.reference.sql, engine.dialect, 'reference') } : undefined,
      summaries: Boolean(c.reference || c.profile),
      profile: Boolean(c.profile),
    });
    return { file, sql };
  } finally {
    await engine.close();
  }
}

describe('validate-data in DuckDB gives the file mode’s report', () => {
  it('a text-typed landing table with planted defects: every check, count, observed value and example by key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'validate-engine-'));
    const csv = join(dir, 'defects.csv');
    writeFileSync(csv, defectsCsv());
    const { file, sql } = await both({
      schema: DEFECTS_SCHEMA,
      data: { file: csv, sql: `SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)` },
      keyColumns: ['id'],
    });
    const failing = file.checks.filter((c) => c.failing_rows > 0).map((c) => `${c.column}.${c.check}`);
    expect(failing).toEqual(
      expect.arrayContaining([
        'id.unique',
        'age.type',
        'age.nullable',
        'age.min',
        'age.max',
        'score.type',
        'score.min',
        'score.max',
        'plan.allowed',
        'plan.pattern',
        'plan.min-length',
        'plan.max-length',
        'active.type',
        'day.type',
        'day.min',
        'day.max',
        'email.pattern',
      ]),
    );
    expect(comparable(sql)).toStrictEqual(comparable(file));
    expect(sql.source).toEqual({ engine: 'duckdb', data: expect.stringMatching(/^SELECT \* FROM read_csv/) });
  });

  it('typed tables against a reference: the same checks, drift methods and statistics to 1e-9', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'validate-engine-'));
    const [data, reference] = [join(dir, 'data.csv'), join(dir, 'reference.csv')];
    writeFileSync(data, typedCsv(160, 3, 0.7));
    writeFileSync(reference, typedCsv(240, 11, 0));
    const query = (path: string) => `SELECT * FROM read_csv('${path}', header = true, columns = ${TYPED_COLUMNS})`;
    const { file, sql } = await both({
      schema: TYPED_SCHEMA,
      data: { file: data, sql: query(data) },
      reference: { file: reference, sql: query(reference) },
      driftMethods: {
        x: { method: 'ks' },
        n: { method: 'psi' },
        y: { method: 'wasserstein' },
        plan: { method: 'chi2' },
      },
      keyColumns: ['id'],
    });
    expect(file.checks.filter((c) => c.failing_rows > 0).map((c) => `${c.column}.${c.check}`)).toEqual([
      'n.allowed',
      'plan.allowed',
      'plan.max-length',
      'day.max',
    ]);
    // id is identifier-like and day a date: only their presence is compared
    expect(comparable(file).drift.map((d) => [d.column, d.method])).toEqual([
      ['x', 'ks'],
      ['y', 'wasserstein'],
      ['n', 'psi'],
      ['plan', 'chi2'],
      ['flag', 'z'],
    ]);
    expect(comparable(sql)).toStrictEqual(comparable(file));
    expectSameStatistics(file, sql);
  });

  it('a profile (no schema): the same inferred schema, and drift against either profile is the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'validate-engine-'));
    const [data, reference] = [join(dir, 'data.csv'), join(dir, 'reference.csv')];
    writeFileSync(data, typedCsv(160, 3, 0.7));
    writeFileSync(reference, typedCsv(240, 11, 0));
    const query = (path: string) => `SELECT * FROM read_csv('${path}', header = true, columns = ${TYPED_COLUMNS})`;
    const { file, sql } = await both({
      data: { file: reference, sql: query(reference) },
      keyColumns: [],
      profile: true,
    });
    expect(inferSchema(sql.scan)).toEqual(inferSchema(file.scan));
    // the profiles themselves: counts, moments, ranges, integer-ness, categories and sketches per column
    const profileOf = (v: Validation) =>
      JSON.parse(JSON.stringify(buildProfile(v.scan.rows, driftColumns(v.scan)))) as unknown;
    expect(differences(profileOf(sql), profileOf(file))).toEqual([]);
    const drifts: Validation[] = [];
    for (const [name, v] of [
      ['file', file],
      ['sql', sql],
    ] as const) {
      const profile = join(dir, `${name}-profile.json`);
      writeFileSync(profile, JSON.stringify(buildProfile(v.scan.rows, driftColumns(v.scan))));
      drifts.push(
        await validateData({
          data: await openTable(data),
          reference: { profile },
          driftMethods: { y: { method: 'wasserstein' }, n: { method: 'jensen_shannon' } },
          driftShare: 0.5,
          failOn: 'never',
          failOnDrift: false,
          guessAll: false,
        }),
      );
    }
    expect(comparable(drifts[0]!).drift.length).toBeGreaterThan(3);
    expect(comparable(drifts[1]!)).toEqual(comparable(drifts[0]!));
    expectSameStatistics(drifts[0]!, drifts[1]!);
  });

  it('no key columns (examples ordered by value), timestamps, boolean and number sets, repeats, presence, rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'validate-engine-'));
    const csv = join(dir, 'events.csv');
    const lines = ['code,at,ok,level,amount,extra'];
    for (let i = 0; i < 40; i++) {
      const at = `2024-03-${String(1 + (i % 28)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:15:00`;
      lines.push(
        [`c${i % 13}`, at, i % 9 === 0 ? 'false' : 'true', i % 6, i % 8 === 0 ? '' : (i * 2.5).toFixed(1), 'x'].join(
          ',',
        ),
      );
    }
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const columns =
      "{'code': 'VARCHAR', 'at': 'TIMESTAMP', 'ok': 'BOOLEAN', 'level': 'INTEGER', 'amount': 'DOUBLE', 'extra': 'VARCHAR'}";
    const { file, sql } = await both({
      schema: `columns:
  code: { type: string, unique: true, allowed: [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11] }
  at: { type: datetime, min: '2024-03-02T00:00:00', max: '2024-03-20T12:00:00' }
  ok: { type: boolean, allowed: [true] }
  level: { type: integer, allowed: [0, 1, 2, 3], min: 1, max: 4, nullable: false }
  amount: { type: number, max-null-fraction: { value: 0.1, level: warn }, min: 5, max: 90 }
  missing: { type: string }
rows: { max: 30 }
`,
      data: { file: csv, sql: `SELECT * FROM read_csv('${csv}', header = true, columns = ${columns})` },
      keyColumns: [],
    });
    expect(file.checks.filter((c) => !c.passed).map((c) => `${c.column}.${c.check}`)).toEqual([
      'code.unique',
      'code.allowed',
      'at.min',
      'at.max',
      'ok.allowed',
      'level.min',
      'level.max',
      'level.allowed',
      'amount.max-null-fraction',
      'amount.min',
      'amount.max',
      'missing.present',
      'extra.present',
      'null.rows',
    ]);
    // Without key columns a table has no row order: the engine's examples are the first failing values in value
    // order (the file mode's, the first failing rows), so they are compared apart. A datetime bound's observed
    // value is written differently (the file mode: an ISO instant; the engine: its own text), also apart.
    const apart = (v: Validation) => {
      const c = comparable(v);
      return {
        ...c,
        checks: c.checks.map(({ examples: _e, observed, ...rest }) =>
          rest.column === 'at' ? rest : { ...rest, observed },
        ),
      };
    };
    expect(apart(sql)).toStrictEqual(apart(file));
    const examples = (column: string, check: string) =>
      sql.checks.find((c) => c.column === column && c.check === check)!.examples.map((e) => e.value);
    // c0 is at rows 1, 14, 27, 40: three repeats
    expect(examples('code', 'unique')).toEqual(['c0', 'c0', 'c0', 'c1', 'c1']);
    expect(examples('level', 'allowed')).toEqual(['4', '4', '4', '4', '4']);
    expect(examples('amount', 'max-null-fraction')).toEqual([null, null, null, null, null]);
    expect(sql.checks.find((c) => c.column === 'at' && c.check === 'max')!.observed).toBe('2024-03-28 03:15:00');
  });

  it('a schema type over another engine type: integers in a DOUBLE, numbers in an INTEGER, text timestamps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'validate-engine-'));
    const csv = join(dir, 'mixed.csv');
    const stamps = ['2024-01-02 03:04:05', '2024-01-02T03:04', '2024-01-02', 'noon', '2024-01-02T03:04:05.5+01:00'];
    const lines = ['id,d,i,b,t,e'];
    for (let i = 0; i < 30; i++)
      lines.push([i, i % 4 === 1 ? i + 0.5 : i, i * 3, i % 2, stamps[i % stamps.length], ''].join(','));
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const columns = "{'id': 'INTEGER', 'd': 'DOUBLE', 'i': 'INTEGER', 'b': 'INTEGER', 't': 'VARCHAR', 'e': 'DOUBLE'}";
    const { file, sql } = await both({
      schema: `columns:
  id: { type: integer }
  d: { type: integer, max: 20 }
  i: { type: number, min: 3 }
  b: { type: boolean }
  t: { type: datetime }
  e: { type: number, min: 1, max: 2, max-null-fraction: 1 }
# exactly 30 rows: both bounds pass
rows: { min: 30, max: 30 }
`,
      data: { file: csv, sql: `SELECT * FROM read_csv('${csv}', header = true, columns = ${columns})` },
      keyColumns: ['id'],
    });
    expect(file.checks.filter((c) => !c.passed).map((c) => `${c.column}.${c.check}`)).toEqual([
      'd.type',
      'd.max',
      'i.min',
      'b.type',
      't.type',
    ]);
    // a DOUBLE's cell reads 22.0 in the engine where the file has 22: example values compared as numbers there
    const asNumbers = (v: Validation) => {
      const c = comparable(v);
      return {
        ...c,
        checks: c.checks.map((k) =>
          k.column === 'd' ? { ...k, examples: k.examples.map((e) => ({ ...e, value: Number(e.value) })) } : k,
        ),
      };
    };
    expect(asNumbers(sql)).toStrictEqual(asNumbers(file));
    // a column with no value: its bounds pass and observe nothing; every row null is within a fraction of 1
    const e = sql.checks.filter((c) => c.column === 'e');
    expect(e.map((c) => [c.check, c.passed, c.failing_rows, c.observed])).toEqual([
      ['type', true, 0, 'number'],
      ['max-null-fraction', true, 30, 1],
      ['min', true, 0, null],
      ['max', true, 0, null],
    ]);
    expect(sql.checks.at(-1)).toMatchObject({ check: 'rows', passed: true, expected: { min: 30, max: 30 } });
  });

  it('past 100,000 distinct values the engine’s quantiles feed the sketch: drift within the error bounds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'validate-engine-'));
    const table = (seed: number, shift: number) => {
      let s = seed;
      const u = () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
      const lines = ['wide,few'];
      for (let i = 0; i < 100_500; i++)
        lines.push(`${((u() + u()) * 10 + shift + i * 1e-9).toPrecision(17)},${Math.floor(u() * 40)}`);
      return `${lines.join('\n')}\n`;
    };
    const [data, reference] = [join(dir, 'current.csv'), join(dir, 'reference.csv')];
    writeFileSync(data, table(7, 0.4));
    writeFileSync(reference, table(11, 0));
    const query = (path: string) =>
      `SELECT * FROM read_csv('${path}', header = true, columns = {'wide': 'DOUBLE', 'few': 'INTEGER'})`;
    const { file, sql } = await both({
      data: { file: data, sql: query(data) },
      reference: { file: reference, sql: query(reference) },
      driftMethods: { wide: { method: 'ks' }, few: { method: 'psi' } },
      keyColumns: [],
    });
    type Drift = { column: string; method: string; statistic: number; error_bound?: number };
    const drift = (v: Validation) => (v.report as unknown as { drift: Drift[] }).drift;
    const by = (v: Validation, column: string) => drift(v).find((d) => d.column === column)!;
    expect(drift(sql).map((d) => [d.column, d.method])).toEqual([
      ['wide', 'ks'],
      ['few', 'psi'],
    ]);
    expect(by(sql, 'wide').error_bound).toBeGreaterThan(0);
    expect(by(sql, 'few').error_bound).toBeUndefined();
    for (const column of ['wide', 'few']) {
      const [f, e] = [by(file, column), by(sql, column)];
      const tolerance = (e.error_bound ?? 0) + (f.error_bound ?? 0) + 1e-9 * Math.abs(f.statistic);
      expect(Math.abs(e.statistic - f.statistic), column).toBeLessThanOrEqual(tolerance);
    }
    expect(by(sql, 'few').statistic).toBeCloseTo(by(file, 'few').statistic, 12);
    expect(by(sql, 'wide').statistic).toBeGreaterThan(0.01);
  });
});
