/**
 * Loads CSV files into the test PostgreSQL cluster (as the admin role, into a schema of its own) and into a DuckDB
 * database file, with the column types a warehouse would give them, for the SQL-source tests.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { DuckDBInstance } from '@duckdb/node-api';
import { postgresAdminUrl } from './postgres.ts';

export type SqlType = 'bigint' | 'integer' | 'double precision' | 'text' | 'date' | 'boolean';

/** Parses a simple CSV (no quoted separators) into a header and rows of cells; '' is a null. */
function readCsv(path: string): { header: string[]; rows: (string | null)[][] } {
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  return {
    header: lines[0]!.split(','),
    rows: lines.slice(1).map((l) => l.split(',').map((c) => (c === '' ? null : c))),
  };
}

/** True when the PostgreSQL cluster of .ci/postgres answers. */
export async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Creates `schema` (dropped first if left over) with one table per CSV; columns typed by `types`. */
export async function loadPostgres(
  schema: string,
  tables: Record<string, string>,
  types: Record<string, SqlType>,
): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`CREATE SCHEMA ${schema}`);
    for (const [table, path] of Object.entries(tables)) {
      const { header, rows } = readCsv(path);
      const cols = header.map((h) => `"${h}" ${types[h] ?? 'text'}`).join(', ');
      await client.query(`CREATE TABLE ${schema}.${table} (${cols})`);
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        const values: (string | null)[] = [];
        const tuples = chunk.map((r) => `(${r.map((c) => (values.push(c), `$${values.length}`)).join(', ')})`);
        await client.query(`INSERT INTO ${schema}.${table} VALUES ${tuples.join(', ')}`, values);
      }
    }
  } finally {
    await client.end();
  }
}

export async function dropPostgres(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

/** The relations of `schema` and every relation the reader role owns: what a read-only run must leave as it was. */
export async function catalogSnapshot(schema: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  const r = await client.query(
    `SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 OR pg_get_userbyid(c.relowner) = 'modelgate_reader' ORDER BY 1`,
    [schema],
  );
  await client.end();
  return r.rows.map((x: { name: string }) => x.name);
}

/** A DuckDB database file at `path` with one table per CSV (DuckDB's own type detection). */
export async function loadDuckdb(
  path: string,
  tables: Record<string, string>,
  types: Record<string, SqlType>,
): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  const duck: Record<SqlType, string> = {
    bigint: 'BIGINT',
    integer: 'INTEGER',
    'double precision': 'DOUBLE',
    text: 'VARCHAR',
    date: 'DATE',
    boolean: 'BOOLEAN',
  };
  for (const [table, csv] of Object.entries(tables)) {
    const { header } = readCsv(csv);
    const spec = header.map((h) => `'${h}': '${duck[types[h] ?? 'text']}'`).join(', ');
    await conn.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${csv}', header = true, columns = {${spec}})`);
  }
  conn.closeSync();
  instance.closeSync();
}
