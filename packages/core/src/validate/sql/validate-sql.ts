/**
 * validate-data on a SQL table (CONTRACTS "Where the data lives"): the checks, drift summaries and examples are
 * computed in the engine (validate/sql/checks, summaries); only aggregates and at most 100,000 grouped values per
 * column come back. The result is the file mode's Validation, so the report, summary, inferred schema and profile
 * are built by the same code.
 */
import { readFile } from 'node:fs/promises';
import type { DataSchema } from '../../contracts/schema.ts';
import { type DriftOptions, identifierLike } from '../../drift/column-drift.ts';
import { fileError, inputError } from '../../errors.ts';
import { ColumnSummary } from '../../sketch/column-summary.ts';
import type { SqlEngine } from '../../sql/engine.ts';
import type { SqlSource } from '../../sql/source.ts';
import { type DriftColumn, datasetDrift } from '../drift-columns.ts';
import { readProfile } from '../profile.ts';
import type { ColumnScan, TableScan } from '../scan.ts';
import { TypeGuess } from '../type-guess.ts';
import { type FailOn, buildReport } from '../validation-report.ts';
import { type Validation, driftColumns } from '../validate-data.ts';
import { runChecks } from './checks.ts';
import { type ColumnPlan, planColumn } from './column-plan.ts';
import { Params } from './params.ts';
import { summarize } from './summaries.ts';

export interface SqlValidateOptions {
  engine: SqlEngine;
  data: SqlSource;
  /** A profile file, or a table/query on the same connection. */
  reference?: { profile: string } | { source: SqlSource } | undefined;
  schema?: DataSchema | undefined;
  driftMethods: Record<string, DriftOptions>;
  driftThreshold?: number | undefined;
  driftShare: number;
  failOn: FailOn;
  failOnDrift: boolean;
  keyColumns: readonly string[];
  /** The summaries are needed (drift, profile or infer-schema). */
  summaries: boolean;
  /** A profile is written: every summary complete. */
  profile: boolean;
}

// A value of each kind, to give an undeclared column the type its engine type stands for (TypeGuess reads values).
const SAMPLE_VALUE: Record<string, string | number | boolean> = {
  integer: 1,
  number: 1.5,
  boolean: true,
  date: '2024-01-01',
  datetime: '2024-01-01T00:00:00',
  string: 'x',
};

async function plan(
  engine: SqlEngine,
  source: SqlSource,
  schema: DataSchema | undefined,
  params: Params,
  input: string,
) {
  const columns = await engine.describe(source.selectAll).catch((e: unknown) => {
    throw inputError(input, (e as Error).message);
  });
  return columns.map((c) => planColumn(c, schema?.columns[c.name], engine.dialect, params));
}

function scanOf(rows: number, plans: ColumnPlan[], summaries: Map<string, ColumnScan['summary']>): TableScan {
  return {
    rows,
    columns: plans.map((p) => {
      const col: ColumnScan = { name: p.name, summary: summaries.get(p.name)! };
      if (p.schema) col.schema = p.schema;
      const guess = new TypeGuess();
      guess.add(SAMPLE_VALUE[p.sql.kind === 'other' ? 'string' : p.sql.kind]!);
      col.guess = guess;
      return col;
    }),
  };
}

async function referenceColumns(
  o: SqlValidateOptions,
  ref: NonNullable<SqlValidateOptions['reference']>,
  presenceOnly: ReadonlySet<string>,
): Promise<Map<string, DriftColumn>> {
  if ('profile' in ref) {
    const text = await readFile(ref.profile, 'utf8');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw fileError(`the reference profile is not valid JSON: ${(e as Error).message}`, ref.profile);
    }
    const p = readProfile(data, ref.profile);
    return new Map([...p.columns].map(([name, c]) => [name, { name, type: c.type, summary: c.summary }]));
  }
  const params = new Params(o.engine.dialect);
  const plans = await plan(o.engine, ref.source, o.schema, params, 'reference');
  const { rows, summaries } = await summarize(o.engine, ref.source.relation, plans, params, {
    presenceOnly,
    complete: (c) => Boolean(o.driftMethods[c]?.method),
  });
  return new Map(driftColumns(scanOf(rows, plans, summaries)).map((c) => [c.name, c]));
}

export async function validateSql(
  o: SqlValidateOptions,
): Promise<Validation & { source: { engine: string; data: string } }> {
  const params = new Params(o.engine.dialect);
  const plans = await plan(o.engine, o.data, o.schema, params, 'data');
  const names = new Set(plans.map((p) => p.name));
  const missing = o.keyColumns.filter((k) => !names.has(k));
  if (missing.length)
    throw inputError(
      'key-columns',
      `${missing.join(', ')} not in ${o.data.text} (its columns: ${[...names].join(', ')}).`,
    );
  const run = await runChecks(o.engine, o.data.relation, plans, params, o.keyColumns, o.schema);
  const summaries = o.summaries
    ? (
        await summarize(o.engine, o.data.relation, plans, params, {
          knownDistinct: run.distinct,
          complete: (c) => o.profile || Boolean(o.driftMethods[c]?.method),
        })
      ).summaries
    : new Map(plans.map((p) => [p.name, Object.assign(new ColumnSummary(), { nulls: run.nulls.get(p.name) ?? 0 })]));
  const scan = scanOf(run.rows, plans, summaries);
  let drift = null;
  if (o.reference) {
    // as the file mode: the reference's date columns and the columns identifier-like in the data are only counted
    const presenceOnly = new Set(
      driftColumns(scan)
        .filter(
          (c) =>
            c.type === 'date' ||
            c.type === 'datetime' ||
            (!o.driftMethods[c.name]?.method && identifierLike(c.summary)),
        )
        .map((c) => c.name),
    );
    const ref = await referenceColumns(o, o.reference, presenceOnly);
    drift = datasetDrift(driftColumns(scan), ref, o.driftMethods, o.driftThreshold, o.driftShare);
  }
  const source = { engine: o.engine.name, data: o.data.text };
  const report = { ...buildReport(scan, run.checks, drift, o.failOn, o.failOnDrift), source };
  return { scan, checks: run.checks, drift, report, source };
}
