/**
 * validate-data's work, apart from inputs and outputs: one pass over the data (checks, summaries, type
 * guesses), one over a raw reference (or a profile read instead), then drift and the report.
 */
import { readFile } from 'node:fs/promises';
import type { ColumnSchema, DataSchema } from '../contracts/schema.ts';
import type { CheckResult } from '../contracts/validation-report.ts';
import type { TableSource } from '../data/types.ts';
import { type DriftOptions, identifierLike } from '../drift/column-drift.ts';
import { fileError } from '../errors.ts';
import { info } from '../log.ts';
import { type DatasetDrift, type DriftColumn, datasetDrift } from './drift-columns.ts';
import { isProfile, readProfile } from './profile.ts';
import { fillQuantiles } from './quantile-pass.ts';
import { type ReferenceScan, scanReferenceInWorker, worthAWorker } from './reference-worker.ts';
import { type FailOn, buildReport, tableChecks } from './validation-report.ts';
import { type TableScan, scanTable } from './scan.ts';

export interface ValidateOptions {
  data: TableSource;
  schema?: DataSchema | undefined;
  /** A profile file path, or an opened reference table. */
  reference?: { profile: string } | { table: TableSource } | undefined;
  driftMethods: Record<string, DriftOptions>;
  driftThreshold?: number | undefined;
  driftShare: number;
  failOn: FailOn;
  failOnDrift: boolean;
  /** Guess every column's type (infer-schema was asked for). */
  guessAll: boolean;
  /**
   * Leave the quantile sketches of declared-unique numeric columns to a second pass run only when drift needs
   * them (false when the scan's summaries are written as a profile: it needs every sketch).
   */
  skipIdQuantiles?: boolean;
  /**
   * Read a reference table in a worker thread running `script` (the action's bundle), alongside the data's pass,
   * when it is large enough to gain (validate/reference-worker). `path` is the reference input as given.
   */
  referenceWorker?: { script: string; path: string; batchSize: number } | undefined;
  /** The `key-columns`: examples carry their values. */
  keyColumns?: readonly string[] | undefined;
}

export interface Validation {
  scan: TableScan;
  checks: CheckResult[];
  drift: DatasetDrift | null;
  report: ReturnType<typeof buildReport>;
}

/** Each scanned column with the type drift and the profile treat it as (schema type, else the guess). */
export function driftColumns(scan: TableScan): (DriftColumn & Pick<ColumnSchema, 'type'>)[] {
  return scan.columns.map((c) => ({
    name: c.name,
    type: c.schema?.type ?? c.guess?.type ?? 'string',
    summary: c.summary,
  }));
}

/** True when `path` holds a modelgate profile (a JSON file with kind modelgate-profile). */
export async function readProfileIfAny(path: string): Promise<unknown | undefined> {
  if (!/\.json$/i.test(path)) return undefined;
  const text = await readFile(path, 'utf8');
  try {
    const data: unknown = JSON.parse(text);
    return isProfile(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Current columns whose drift result cannot depend on what the reference holds, only on whether it holds a value:
 * date columns (never tested) and identifier-like ones without a method override (columnDrift skips them once both
 * sides have values). On the bench files this spares the reference pass the summaries of customer_id and email.
 */
function referenceUnneeded(scan: TableScan, methods: Record<string, DriftOptions>): Set<string> {
  const out = new Set<string>();
  for (const c of scan.columns) {
    const type = c.schema?.type ?? c.guess?.type ?? 'string';
    if (type === 'date' || type === 'datetime' || (!methods[c.name]?.method && identifierLike(c.summary)))
      out.add(c.name);
  }
  return out;
}

async function referenceColumns(
  ref: NonNullable<ValidateOptions['reference']>,
  schema: DataSchema | undefined,
  presenceOnly: Set<string>,
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
  const scan = await scanTable(ref.table, {
    schema,
    checks: false,
    presenceOnly,
    label: 'validate-data: reading the reference',
  });
  return new Map(driftColumns(scan).map((c) => [c.name, c]));
}

/**
 * The reference's columns from the worker's pass. A column it only checked for a value (declared unique) that drift
 * needs after all (not identifier-like in the data, or a method forced on it) is read again here, in full.
 */
async function workerReferenceColumns(
  inWorker: ReferenceScan,
  table: TableSource,
  schema: DataSchema | undefined,
  unneeded: Set<string>,
): Promise<Map<string, DriftColumn>> {
  const scan = await inWorker.scan;
  const again = new Set(inWorker.presenceOnly.filter((name) => !unneeded.has(name)));
  if (again.size > 0) {
    const others = new Set(scan.columns.map((c) => c.name).filter((name) => !again.has(name)));
    const full = await scanTable(table, {
      schema,
      checks: false,
      presenceOnly: others,
      label: `validate-data: reading the reference again for ${[...again].join(', ')}`,
    });
    scan.columns = scan.columns.map((c, i) => (again.has(c.name) ? full.columns[i]! : c));
  }
  return new Map(driftColumns(scan).map((c) => [c.name, c]));
}

/** Runs the checks and drift tests and builds the report. */
export async function validateData(o: ValidateOptions): Promise<Validation> {
  let inWorker: ReferenceScan | undefined;
  if (o.reference && 'table' in o.reference && o.referenceWorker && (await worthAWorker(o.reference.table))) {
    const w = o.referenceWorker;
    info('validate-data: reading the reference in a worker thread, alongside the data');
    inWorker = scanReferenceInWorker(w.script, w.path, o.schema, w.batchSize);
  }
  let scan: TableScan;
  try {
    scan = await scanTable(o.data, {
      skipUniqueQuantiles: o.skipIdQuantiles === true,
      schema: o.schema,
      checks: true,
      guessAll: o.guessAll,
      keyColumns: o.keyColumns,
      label: 'validate-data: reading the data',
    });
  } catch (e) {
    inWorker?.stop();
    throw e;
  }
  const checks: CheckResult[] = [];
  for (const c of scan.columns) if (c.checks) checks.push(...c.checks.results());
  if (o.schema) checks.push(...tableChecks(scan, o.schema));
  let drift: DatasetDrift | null = null;
  if (o.reference) {
    const unneeded = referenceUnneeded(scan, o.driftMethods);
    const ref =
      inWorker && 'table' in o.reference
        ? await workerReferenceColumns(inWorker, o.reference.table, o.schema, unneeded)
        : await referenceColumns(o.reference, o.schema, unneeded);
    const skipped = scan.columns.filter((c) => c.summary.quantilesSkipped && !unneeded.has(c.name));
    await fillQuantiles(o.data, scan, new Set(skipped.map((c) => c.name)));
    drift = datasetDrift(driftColumns(scan), ref, o.driftMethods, o.driftThreshold, o.driftShare);
  }
  return { scan, checks, drift, report: buildReport(scan, checks, drift, o.failOn, o.failOnDrift) };
}
