/**
 * DuckDB in-process through @duckdb/node-api. `duckdb:<path>` opens the database file READ_ONLY (DuckDB refuses
 * any write); `duckdb:` is an empty in-memory database whose queries read Parquet, CSV or JSON files and object
 * storage (`SELECT * FROM 'data/*.parquet'`). Each query is prepared, so it is one statement with bound values.
 *
 * Memory: the action holds at most 250 MB whatever the row count (CONTRACTS). DuckDB's default is 80% of the
 * machine with a thread (and its buffers) per core: 1.1 GB on 2M rows. So it runs with a buffer pool of
 * MEMORY_LIMIT on THREADS threads and spills what does not fit (hash tables, sorts, materialized CTEs) to a
 * directory of its own under the runner's temp dir, removed on close. A query that still cannot fit (an operator
 * DuckDB cannot spill) is run again with the larger RETRY_MEMORY_LIMITS in turn rather than failing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inputError } from '../../errors.ts';
import * as log from '../../log.ts';
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

/** DuckDB's buffer pool: the node process (~105 MB) and DuckDB's untracked allocations (~70 MB) come on top. */
export const MEMORY_LIMIT = '64MB';
/** One thread: each thread pins its own blocks, and a runner has two cores shared with the rest of the job. */
export const THREADS = '1';
/** The buffer pools a query gets in turn when it ran out of memory under MEMORY_LIMIT. */
export const RETRY_MEMORY_LIMITS = ['256MB', '2GB'] as const;

/** The settings the instance is created with, spilling into `spill` (a fresh directory). */
export function duckdbSettings(spill: string): Record<string, string> {
  return {
    memory_limit: MEMORY_LIMIT,
    threads: THREADS,
    temp_directory: spill,
    // jemalloc hands freed memory back to the system as it goes rather than keeping it (up to 128 MB) for reuse:
    // 2M rows peaked at 346 MB without these two, 256 MB with them
    allocator_flush_threshold: '4MB',
    allocator_background_threads: 'true',
    // and after a large free (a hash table or sort done) at once, not from 512 MB on: 13-23 MB less at the peak
    allocator_bulk_deallocation_flush_threshold: '4MB',
  };
}

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
  const { DuckDBInstance, DuckDBTypeId, DOUBLE } = api;
  // @duckdb/node-api binds a whole JS number as INTEGER or BIGINT: 1e300 fails (beyond int64) and -0 loses its sign.
  // Those two bind as what they are, doubles; every other value as the client infers it.
  const types = (params: readonly unknown[]) =>
    params.map((v) => (typeof v === 'number' && (Object.is(v, -0) || Math.abs(v) >= 2 ** 63) ? DOUBLE : undefined));
  let instance: InstanceType<typeof DuckDBInstance>;
  // the runner's temp dir (RUNNER_TEMP), emptied after each job; never beside the user's database file
  const spill = mkdtempSync(join(process.env['RUNNER_TEMP'] || tmpdir(), 'modelgate-duckdb-'));
  try {
    const settings = duckdbSettings(spill);
    instance =
      path === undefined
        ? await DuckDBInstance.create(':memory:', settings)
        : await DuckDBInstance.create(path, { ...settings, access_mode: 'READ_ONLY' });
  } catch (e) {
    rmSync(spill, { recursive: true, force: true });
    throw sqlError(connection.display, 'could not open the database', e);
  }
  const conn = await instance.connect();
  let bytes = 0;
  const typeName = (id: number): string => (DuckDBTypeId as unknown as Record<number, string>)[id] ?? `type ${id}`;
  const once = async (sql: string, params: readonly unknown[]) => {
    const prepared = await conn.prepare(sql);
    try {
      prepared.bind(params as never, types(params) as never); // text binds as VARCHAR, whole numbers as integers
      return await prepared.runAndReadAll();
    } finally {
      // now, not when the garbage collector gets to it: a statement holds on to its buffers (read_csv's 30 MB each)
      prepared.destroySync();
    }
  };
  const run = async (sql: string, params: readonly unknown[]) => {
    try {
      return await once(sql, params);
    } catch (e) {
      if (!isOutOfMemory(e)) throw sqlError(connection.display, 'query failed', e, sql);
    }
    // an operator that cannot spill: this query gets larger pools in turn rather than failing, the next ones the
    // cap again
    let last: unknown;
    try {
      for (const limit of RETRY_MEMORY_LIMITS) {
        await conn.run(`SET memory_limit = '${limit}'`);
        try {
          const result = await once(sql, params);
          log.warning(
            `DuckDB: one query did not fit the ${MEMORY_LIMIT} buffer pool and ran with ${limit}, so the action's memory went past its usual ~250 MB for it; the next queries are capped again.`,
          );
          return result;
        } catch (e) {
          last = e;
          if (!isOutOfMemory(e)) break;
        }
      }
    } finally {
      // back to the cap for the next queries (DuckDB refuses while it holds more; then the next query tries again)
      await conn.run(`SET memory_limit = '${MEMORY_LIMIT}'`).catch(() => undefined);
    }
    throw sqlError(connection.display, 'query failed', last, sql);
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
    async stream(sql, params, each) {
      let rows = 0;
      const prepared = await conn.prepare(sql);
      try {
        prepared.bind(params as never, types(params) as never);
        const result = await prepared.stream();
        for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
          for (const row of chunk.getRows()) each(row.map(plainValue));
          rows += chunk.rowCount;
          bytes += chunk.rowCount * chunk.columnCount * 8;
        }
      } catch (e) {
        throw sqlError(connection.display, rows ? 'query failed while streaming' : 'query failed', e, sql);
      } finally {
        prepared.destroySync();
      }
    },
    bytesReceived: () => bytes,
    async close() {
      conn.closeSync();
      instance.closeSync();
      rmSync(spill, { recursive: true, force: true });
    },
  };
}

function isOutOfMemory(e: unknown): boolean {
  return e instanceof Error && /Out of Memory Error/i.test(e.message);
}
