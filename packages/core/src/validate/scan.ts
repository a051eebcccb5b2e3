/**
 * The one streaming pass over a table: feeds every cell to its column's schema checks, its drift/profile
 * summary and its type guess. Memory is the per-column aggregates only (see ColumnChecks, ColumnSummary):
 * batches are dropped as soon as they are read.
 */
import type { ColumnSchema, DataSchema } from '../contracts/schema.ts';
import type { Cell, TableSource } from '../data/types.ts';
import { ColumnSummary } from '../sketch/column-summary.ts';
import { progress } from '../log.ts';
import { NUMBER_TEXT, readAs } from './cell-types.ts';
import type { ExampleKey } from './examples.ts';
import { ColumnChecks } from './column-checks.ts';
import { TypeGuess } from './type-guess.ts';

export interface ColumnScan {
  name: string;
  /** The schema entry, when the schema names the column. */
  schema?: ColumnSchema;
  checks?: ColumnChecks;
  summary: ColumnSummary;
  guess?: TypeGuess;
}

export interface TableScan {
  rows: number;
  columns: ColumnScan[];
}

export interface ScanOptions {
  schema?: DataSchema | undefined;
  /** Run the schema checks (false for a reference: it only needs summaries). */
  checks: boolean;
  /** Guess every column's type (for infer-schema), not only the columns the schema leaves out. */
  guessAll?: boolean;
  /** Label of the progress log line. */
  label: string;
  /**
   * Columns of which only one fact is needed: whether they hold a value (a reference column whose drift is
   * skipped whatever it holds, e.g. identifier-like in the current data). Their summary is fed until it counts
   * a value, then no longer: it is partial and only its `count > 0` may be read.
   */
  presenceOnly?: ReadonlySet<string> | undefined;
  /**
   * Leave the quantile sketch unfed for numeric columns the schema declares `unique` (ids: drift skips them as
   * identifier-like; validate/quantile-pass fills it from a second pass when it is needed after all) and for date
   * and datetime columns (never tested for drift; only a profile reads their sketch).
   */
  skipUniqueQuantiles?: boolean;
  /** The `key-columns`: each example of a failing row carries their values (`"key": {"customer_id": 812}`). */
  keyColumns?: readonly string[] | undefined;
}

/** A key cell as the report shows it: numbers as numbers (as a SQL table gives them), text as text. */
function keyValue(cell: Cell): string | number | boolean | null {
  if (cell === null || cell === '') return null;
  if (typeof cell === 'string') return NUMBER_TEXT.test(cell) && Number.isFinite(Number(cell)) ? Number(cell) : cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return cell;
  return String(cell);
}

function feedDeclared(col: ColumnScan, cells: Cell[], start: number): void {
  const { summary, checks, schema } = col;
  const type = schema!.type;
  const numeric = type === 'integer' || type === 'number';
  const text = type === 'string' || type === 'boolean';
  for (let r = 0; r < cells.length; r++) {
    const cell = cells[r]!;
    const typed = checks ? checks.add(cell, start + r) : cell === null || cell === '' ? null : readAs(type, cell);
    if (typed === null) {
      summary.addNull();
      continue;
    }
    if (typed === undefined) continue; // a type failure: counted by the check, kept out of drift
    if (numeric) {
      const v = typeof typed === 'number' ? typed : Number(typed);
      if (Number.isFinite(v)) summary.addNumber(v);
    } else if (text) summary.addText(String(typed));
    col.guess?.add(cell as Exclude<Cell, null>);
  }
}

function feedInferred(col: ColumnScan, cells: Cell[]): void {
  const { summary, guess } = col;
  for (let r = 0; r < cells.length; r++) {
    const cell = cells[r]!;
    if (cell === null || cell === '') {
      summary.addNull();
      continue;
    }
    const isNumber = guess!.add(cell);
    if (typeof cell === 'number') summary.addNumber(cell);
    else if (typeof cell === 'string' && summary.numeric && isNumber) {
      const v = Number(cell);
      summary.addNumber(v);
    } else summary.addText(typeof cell === 'string' ? cell : String(cell));
  }
}

/** Reads the whole table once and returns every column's aggregates. */
export async function scanTable(source: TableSource, options: ScanOptions): Promise<TableScan> {
  const columns: ColumnScan[] = source.columns.map((name) => {
    const schema = options.schema?.columns[name];
    const col: ColumnScan = { name, summary: new ColumnSummary() };
    if (schema) {
      col.schema = schema;
      if (options.checks) col.checks = new ColumnChecks(name, schema);
      if (options.guessAll) col.guess = new TypeGuess();
      const numeric = schema.type === 'integer' || schema.type === 'number';
      const dated = schema.type === 'date' || schema.type === 'datetime';
      if (options.skipUniqueQuantiles && ((numeric && schema.unique?.value) || dated)) col.summary.skipQuantiles();
    } else col.guess = new TypeGuess();
    return col;
  });
  const presenceOnly = columns.map((c) => options.presenceOnly?.has(c.name) === true);
  const keyIndexes = (options.keyColumns ?? []).map((k) => source.columns.indexOf(k));
  const log = progress(options.label);
  let rows = 0;
  for await (const batch of source.batches()) {
    if (keyIndexes.length) {
      const key = (row: number): ExampleKey =>
        Object.fromEntries(
          keyIndexes.map((k) => [source.columns[k]!, keyValue(batch.columns[k]![row - batch.start] ?? null)]),
        );
      for (const col of columns) if (col.checks) col.checks.key = key;
    }
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c]!;
      if (presenceOnly[c] && col.summary.count > 0) continue;
      if (col.schema) feedDeclared(col, batch.columns[c]!, batch.start);
      else feedInferred(col, batch.columns[c]!);
    }
    rows = batch.start + batch.length;
    log.tick(rows);
  }
  log.done(rows);
  return { rows, columns };
}
