/**
 * DuckDB in-process through @duckdb/node-api. `duckdb:<path>` opens the database file READ_ONLY (DuckDB refuses
 * any write); `duckdb:` is an empty in-memory database whose queries read Parquet, CSV or JSON files and object
 * storage (`SELECT * FROM 'data/*.parquet'`). Each query is prepared, so it is one statement with bound values.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { inputError } from '../../errors.ts';
import type { Connection } from '../connection.ts';
import { duckdb } from '../dialects/duckdb.ts';
import { type ColumnKind, type SqlColumn, type SqlEngine, type SqlRow, jsonBytes, plainValue } from '../engine.ts';
import { sqlError } from '../errors.ts';

// DuckDB's type ids (DuckDBTypeId) as the schema reads them.
const KINDS: Record<string, ColumnKind> = {
  BOOLEAN: 'boolean',
  TINYINT: 'integer',
  SMALLINT: 'integer',
  INTEGER: 'integer',
  BIGINT: 'integer',
  HUGEINT: 'integer',
  UTINYINT: 'integer',
  USMALLINT: 'integer',
  UINTEGER: 'integer',
  UBIGINT: 'integer',
  FLOAT: 'number',
  DOUBLE: 'number',
  DECIMAL: 'number',
  VARCHAR: 'string',
  UUID: 'string',
  ENUM: 'string',
  DATE: 'date',
  TIMESTAMP: 'datetime',
  TIMESTAMP_S: 'datetime',
  TIMESTAMP_MS: 'datetime',
  TIMESTAMP_NS: 'datetime',
  TIMESTAMP_TZ: 'datetime',
};

export async function openDuckdb(connection: Extract<Connection, { engine: 'duckdb' }>): Promise<SqlEngine> {
  const path = connection.path === undefined ? undefined : resolve(connection.path);
  if (path !== undefined && !existsSync(path))
    throw inputError(
      'connection',
      `the DuckDB database file ${connection.path} does not exist (resolved to ${path}); use duckdb: alone for an in-memory database that reads files.`,
    );
  let api: typeof import('@duckdb/node-api');
  try {
    api = await import('@duckdb/node-api');
  } catch (e) {
    // the bundles ship DuckDB's native library for Linux x64 (glibc) only: GitHub's ubuntu runners
    throw inputError(
      'connection',
      `duckdb: needs a Linux x64 runner (the action ships DuckDB's native library for that platform only); this one is ${process.platform}-${process.arch} (${e instanceof Error ? e.message.split('\n')[0] : String(e)}). Use runs-on: ubuntu-latest for this step.`,
    );
  }
  const { DuckDBInstance, DuckDBTypeId } = api;
  let instance: InstanceType<typeof DuckDBInstance>;
  try {
    instance =
      path === undefined
        ? await DuckDBInstance.create(':memory:')
        : await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  } catch (e) {
    throw sqlError(connection.display, 'could not open the database', e);
  }
  const conn = await instance.connect();
  let bytes = 0;
  const typeName = (id: number): string => (DuckDBTypeId as unknown as Record<number, string>)[id] ?? `type ${id}`;
  const run = async (sql: string, params: readonly unknown[]) => {
    try {
      const prepared = await conn.prepare(sql);
      prepared.bind(params as never); // numbers bind as DOUBLE, text as VARCHAR
      return await prepared.runAndReadAll();
    } catch (e) {
      throw sqlError(connection.display, 'query failed', e, sql);
    }
  };
  return {
    name: 'duckdb',
    dialect: duckdb,
    async query(sql, params = []) {
      const reader = await run(sql, params);
      const names = reader.columnNames();
      const dates = names.map((_, i) => reader.columnTypeId(i) === DuckDBTypeId.DATE);
      const rows = reader.getRowsJS().map((r) => {
        const out: SqlRow = {};
        for (let i = 0; i < names.length; i++) {
          const v = plainValue(r[i]);
          out[names[i]!] = dates[i] && typeof v === 'string' ? v.slice(0, 10) : v;
        }
        return out;
      });
      bytes += jsonBytes(rows);
      return rows;
    },
    async describe(sql): Promise<SqlColumn[]> {
      const reader = await run(`SELECT * FROM (${sql}) AS modelgate_columns LIMIT 0`, []);
      return reader.columnNames().map((name, i) => {
        const type = typeName(reader.columnTypeId(i));
        return { name, type, kind: KINDS[type] ?? 'other' };
      });
    },
    bytesReceived: () => bytes,
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
