/**
 * BigQuery through @google-cloud/bigquery, with Application Default Credentials (as google-github-actions/auth
 * sets them up). Each query is a query job with named parameters and no destination table: the text is wrapped
 * by modelgate as a subquery, where no DDL or DML can stand, so a job can only read. BIGQUERY_EMULATOR_HOST (the
 * client's own setting) points it at another endpoint, as the tests' loopback stand-in.
 */
import type { Connection } from '../connection.ts';
import { bigquery } from '../dialects/bigquery.ts';
import { type ColumnKind, type SqlColumn, type SqlEngine, type SqlRow, jsonBytes, plainValue } from '../engine.ts';
import { sqlError } from '../errors.ts';

const KINDS: Record<string, ColumnKind> = {
  BOOL: 'boolean',
  BOOLEAN: 'boolean',
  INT64: 'integer',
  INTEGER: 'integer',
  FLOAT64: 'number',
  FLOAT: 'number',
  NUMERIC: 'number',
  BIGNUMERIC: 'number',
  STRING: 'string',
  DATE: 'date',
  DATETIME: 'datetime',
  TIMESTAMP: 'datetime',
};

/** A value of the client's rows: BigQueryDate/Timestamp/Datetime objects carry their text in `value`. */
function bigqueryValue(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'value' in v) {
    const text = String((v as { value: unknown }).value);
    return text.replace(/\.000Z$|Z$/, '');
  }
  if (Array.isArray(v)) return v.map(bigqueryValue);
  return plainValue(v);
}

export async function openBigquery(connection: Extract<Connection, { engine: 'bigquery' }>): Promise<SqlEngine> {
  const { BigQuery } = await import('@google-cloud/bigquery');
  const client = new BigQuery({
    projectId: connection.project,
    ...(connection.location ? { location: connection.location } : {}),
  });
  let bytes = 0;
  const run = async (sql: string, params: readonly unknown[]) => {
    // values as text with their GoogleSQL type, as the API describes QueryParameterValue.value (the client would
    // send a bare JSON number otherwise)
    const named: Record<string, string> = {};
    const types: Record<string, string> = {};
    params.forEach((p, i) => {
      named[`p${i}`] = String(p);
      types[`p${i}`] =
        typeof p === 'number'
          ? Number.isSafeInteger(p)
            ? 'INT64'
            : 'FLOAT64'
          : typeof p === 'boolean'
            ? 'BOOL'
            : 'STRING';
    });
    try {
      const [rows, , response] = (await client.query({
        query: sql,
        params: named,
        types,
        useLegacySql: false,
        ...(connection.location ? { location: connection.location } : {}),
      })) as unknown as [
        Record<string, unknown>[],
        unknown,
        { schema?: { fields?: { name: string; type: string }[] } },
      ];
      return { rows, schema: response?.schema?.fields ?? [] };
    } catch (e) {
      throw sqlError(connection.display, 'query failed', e, sql);
    }
  };
  return {
    name: 'bigquery',
    dialect: bigquery,
    async query(sql, params = []) {
      const { rows } = await run(sql, params);
      const out = rows.map((r) => {
        const o: SqlRow = {};
        for (const [k, v] of Object.entries(r)) o[k] = bigqueryValue(v);
        return o;
      });
      bytes += jsonBytes(out);
      return out;
    },
    async describe(sql): Promise<SqlColumn[]> {
      const { schema } = await run(`SELECT * FROM (${sql}) AS modelgate_columns LIMIT 0`, []);
      return schema.map((f) => ({ name: f.name, type: f.type, kind: KINDS[f.type] ?? 'other' }));
    },
    bytesReceived: () => bytes,
    async close() {},
  };
}
