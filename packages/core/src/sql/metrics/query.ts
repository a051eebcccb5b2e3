/**
 * The pieces every metric query is made of: the predictions as a FROM clause, bound parameters, and the group a
 * row belongs to (one group for the whole table, or the text of a slice column's value: NULL forms its own group).
 * Only identifiers we quote, parameters and numbers we generate go into the SQL: no value of the user's is pasted.
 */
import type { MetricDialect } from './sql-dialect.ts';

export type Row = Record<string, unknown>;

/** What the metric queries run against. */
export interface SqlContext {
  dialect: MetricDialect;
  /** The predictions as a FROM item: a quoted table name, or a parenthesised query with an alias. */
  from: string;
  /** The predictions' column names (without reading the rows). */
  columns(): Promise<string[]>;
  query(sql: string, params: unknown[]): Promise<Row[]>;
  /** The engine's row stream, where it has one (SqlEngine.stream): DuckDB in process. */
  stream?(sql: string, params: unknown[], each: (row: readonly unknown[]) => void): Promise<void>;
}

/** Parameters bound in order, each placeholder made by the dialect. */
export class Params {
  readonly values: unknown[] = [];
  readonly #dialect: MetricDialect;
  constructor(dialect: MetricDialect) {
    this.#dialect = dialect;
  }
  add(value: unknown): string {
    this.values.push(value);
    return this.#dialect.param(this.values.length - 1);
  }
}

/** The group expression: a constant for the whole table, the slice column's value as text otherwise. */
export function groupExpr(d: MetricDialect, slice: string | undefined): string {
  return slice === undefined ? '0' : d.toText(d.identifier(slice));
}

/** A column as text (labels are compared as the engine writes them, then made canonical in TypeScript). */
export function textOf(d: MetricDialect, column: string): string {
  return d.toText(d.identifier(column));
}

/** A column as a double. */
export function doubleOf(d: MetricDialect, column: string): string {
  return d.toDouble(d.identifier(column));
}

/**
 * `CASE text WHEN $a THEN i ... END`: the index of each row's label, from the engine's texts of the labels (as
 * parameters) to their indices in the sorted label list.
 */
export function labelIndex(p: Params, text: string, indices: Map<string, number>): string {
  if (!indices.size) return 'NULL';
  const arms = [...indices].map(([raw, i]) => `WHEN ${p.add(raw)} THEN ${i}`);
  return `CASE ${text} ${arms.join(' ')} END`;
}

/** 1 when the text is one of `texts`, else 0 (0 for all rows when none). */
export function oneOf(p: Params, text: string, texts: string[]): string {
  if (!texts.length) return '0';
  return `CASE WHEN ${text} IN (${texts.map((t) => p.add(t)).join(', ')}) THEN 1 ELSE 0 END`;
}

/** The group of a result row: null for the whole table's constant, or the slice value's text (null too). */
export function groupKey(row: Row): string | null {
  const g = row['g'];
  return g === null || g === undefined ? null : String(g);
}
