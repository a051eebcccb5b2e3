/**
 * An open connection to the engine that holds the data: queries with bound parameters, in a read-only session,
 * rows as plain JavaScript values. The clients (pg, @duckdb/node-api, @google-cloud/bigquery) are imported only
 * when `connection` names their engine, so an action run on files loads none of them.
 */
import type { Connection, EngineName } from './connection.ts';
import type { Dialect } from './dialect.ts';

/** What a result column holds, in the schema's words; `other` for types modelgate does not read. */
export type ColumnKind = 'integer' | 'number' | 'string' | 'boolean' | 'date' | 'datetime' | 'other';

export interface SqlColumn {
  name: string;
  /** The engine's own type name (`bigint`, `DOUBLE`, `FLOAT64`, …), for messages. */
  type: string;
  kind: ColumnKind;
}

/**
 * A row's values: numbers (BIGINT counts as numbers when exact, else as decimal text), text, booleans, null, lists
 * of these; dates and timestamps as ISO 8601 text (`2024-05-01`, `2024-05-01T12:00:00`); decimals as numbers.
 */
export type SqlRow = Record<string, unknown>;

export interface SqlEngine {
  readonly name: EngineName;
  readonly dialect: Dialect;
  /** Runs one query (a single SELECT/WITH statement) with `params` bound to the dialect's placeholders. */
  query(sql: string, params?: readonly unknown[]): Promise<SqlRow[]>;
  /** The columns a query returns, without running it over the data (`LIMIT 0` or the engine's equivalent). */
  describe(sql: string): Promise<SqlColumn[]>;
  /**
   * In-process engines only (DuckDB): runs a query and hands its rows to `each` one at a time, as the engine
   * produces them, without holding the result (millions of rows in a few kilobytes of the action's memory).
   */
  stream?(sql: string, params: readonly unknown[], each: (row: readonly unknown[]) => void): Promise<void>;
  /** Bytes received from the server so far (for in-process DuckDB: the size of the results handed over). */
  bytesReceived(): number;
  /** Ends the read-only session and the connection. */
  close(): Promise<void>;
}

/** Opens a read-only session on the engine `connection` names, loading its client on first use. */
export async function openEngine(connection: Connection): Promise<SqlEngine> {
  switch (connection.engine) {
    case 'postgresql':
      return (await import('./engines/postgresql.ts')).openPostgres(connection);
    case 'duckdb':
      return (await import('./engines/duckdb.ts')).openDuckdb(connection);
    case 'bigquery':
      return (await import('./engines/bigquery.ts')).openBigquery(connection);
  }
}

/** A value the client returned, as SqlRow says: exact BIGINTs as numbers, dates as ISO text. */
export function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().replace(/\.000Z$|Z$/, '');
  if (Array.isArray(v)) return v.map(plainValue);
  return v;
}

/** Approximate size of rows as JSON, the measure of what an in-process engine hands over. */
export function jsonBytes(rows: readonly SqlRow[]): number {
  let n = 0;
  for (const r of rows) n += JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)).length;
  return n;
}
