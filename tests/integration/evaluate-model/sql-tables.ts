/**
 * Prediction CSVs loaded as tables into the two engines that run here: a DuckDB database file (DuckDB reads the
 * CSV and infers the column types) and the PostgreSQL cluster of .ci/postgres (the same types, through the admin
 * role; the actions get the SELECT-only reader). Each test run has its own PostgreSQL schema, dropped at the end.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { postgresAdminUrl, postgresReaderUrl } from '../../helpers/postgres.ts';

const PG_TYPES: Record<string, string> = {
  BIGINT: 'bigint',
  INTEGER: 'integer',
  DOUBLE: 'double precision',
  VARCHAR: 'text',
  BOOLEAN: 'boolean',
};

interface Table {
  name: string;
  columns: { name: string; type: string }[];
  rows: unknown[][];
}

/** A DuckDB file with one table per CSV (named by `tables`' keys); returns its path and the tables' contents. */
export async function duckdbFile(tables: Record<string, string>): Promise<{ path: string; tables: Table[] }> {
  const path = join(mkdtempSync(join(tmpdir(), 'sql-evaluate-')), 'predictions.duckdb');
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  const out: Table[] = [];
  for (const [name, csv] of Object.entries(tables)) {
    await conn.run(`CREATE TABLE "${name}" AS SELECT * FROM read_csv('${csv.replace(/'/g, "''")}')`);
    const reader = await conn.runAndReadAll(`SELECT * FROM "${name}"`);
    out.push({
      name,
      columns: reader.columnNames().map((c, i) => ({ name: c, type: String(reader.columnType(i)) })),
      rows: reader.getRowsJS().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v))),
    });
  }
  conn.closeSync();
  instance.closeSync();
  return { path, tables: out };
}

/** Whether the PostgreSQL cluster answers. */
export async function postgresUp(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Loads the tables into a fresh schema as the admin role; returns the schema's name and a function dropping it. */
export async function postgresSchema(tables: Table[]): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `sql_evaluate_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`GRANT USAGE ON SCHEMA ${schema} TO modelgate_reader`);
  for (const t of tables) {
    const cols = t.columns.map((c) => `"${c.name}" ${PG_TYPES[c.type] ?? 'text'}`).join(', ');
    await client.query(`CREATE TABLE ${schema}."${t.name}" (${cols})`);
    for (let i = 0; i < t.rows.length; i += 500) {
      const chunk = t.rows.slice(i, i + 500);
      const w = t.columns.length;
      const values = chunk.map((_, r) => `(${t.columns.map((_, c) => `$${r * w + c + 1}`).join(', ')})`).join(', ');
      await client.query(`INSERT INTO ${schema}."${t.name}" VALUES ${values}`, chunk.flat());
    }
    await client.query(`GRANT SELECT ON ${schema}."${t.name}" TO modelgate_reader`);
  }
  await client.end();
  return {
    schema,
    drop: async () => {
      const c = new pg.Client({ connectionString: postgresAdminUrl });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** A schema another test file loads (and drops) while this one runs, as `schema <name>` or `rel <name>.…`. */
const TEST_SCHEMA = /^(?:schema |rel )(?:sql_evaluate_\d+_\d+|sql_workflow_\d+_\d+|mg_[a-z]+_\d+)(?:\.| |$)/;

/** Every relation, function and schema in the database with its owner: what a run must leave unchanged. */
export async function postgresObjects(): Promise<string[]> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  const r = await client.query(
    `SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text AS o FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     UNION ALL SELECT 'schema ' || nspname FROM pg_namespace
     UNION ALL SELECT 'proc ' || proname FROM pg_proc ORDER BY 1`,
  );
  await client.end();
  // Test files running at once load and drop their own schemas (and those tables' TOAST relations) meanwhile:
  // sql_evaluate_*, sql_workflow_* here, mg_<name>_<pid> in the validate-data tests. They are left out, as the
  // reader role has only USAGE on them (it cannot create there); an object created anywhere else shows.
  return r.rows.map((x: { o: string }) => x.o).filter((o) => !o.startsWith('rel pg_toast.') && !TEST_SCHEMA.test(o));
}

export { postgresReaderUrl };
