/**
 * PostgreSQL through node-postgres (`pg`): one connection, one READ ONLY transaction at REPEATABLE READ for the
 * whole run (every query sees the same snapshot, and the server refuses any write), parameters bound by the
 * extended protocol (one statement per query). Types are read as the schema sees them (see typeParser).
 */
import type { ClientConfig } from 'pg';
import type { Connection } from '../connection.ts';
import { postgresql } from '../dialects/postgresql.ts';
import type { ColumnKind, SqlColumn, SqlEngine, SqlRow } from '../engine.ts';
import { sqlError } from '../errors.ts';

// Type OIDs (pg_type) and how their values are read: counts and sizes as numbers, doubles as numbers (NaN and
// Infinity included), dates and timestamps as their text (no time zone shift), arrays by pg's own parsers.
const KINDS: Record<number, [string, ColumnKind]> = {
  16: ['boolean', 'boolean'],
  20: ['bigint', 'integer'],
  21: ['smallint', 'integer'],
  23: ['integer', 'integer'],
  700: ['real', 'number'],
  701: ['double precision', 'number'],
  1700: ['numeric', 'number'],
  25: ['text', 'string'],
  1043: ['character varying', 'string'],
  1042: ['character', 'string'],
  19: ['name', 'string'],
  2950: ['uuid', 'string'],
  1082: ['date', 'date'],
  1114: ['timestamp', 'datetime'],
  1184: ['timestamp with time zone', 'datetime'],
};

function exactNumber(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

type Parser = (text: string) => unknown;
function typeParser(defaultParser: (oid: number) => Parser): (oid: number) => Parser {
  return (oid) => {
    if (oid === 20) return exactNumber;
    if (oid === 1700) return Number;
    if (oid === 1082) return (t) => t;
    if (oid === 1114 || oid === 1184) return (t) => t.replace(' ', 'T');
    return defaultParser(oid);
  };
}

export async function openPostgres(connection: Extract<Connection, { engine: 'postgresql' }>): Promise<SqlEngine> {
  const { default: pg } = await import('pg');
  const config: ClientConfig = {
    connectionString: connection.url,
    application_name: 'modelgate',
    types: { getTypeParser: typeParser((oid) => pg.types.getTypeParser(oid) as Parser) as never },
  };
  const client = new pg.Client(config);
  client.on('error', () => {}); // a dropped connection fails the query in flight; nothing more to report
  try {
    await client.connect();
    await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
  } catch (e) {
    await client.end().catch(() => {});
    throw sqlError(connection.display, 'could not connect', e);
  }
  // the socket's byte count: what crossed the wire from the server, TLS included when sslmode asks for it
  const socket = (client as unknown as { connection: { stream: { bytesRead: number } } }).connection.stream;
  let closedBytes = 0;
  let closed = false;
  return {
    name: 'postgresql',
    dialect: postgresql,
    async query(sql, params = []) {
      try {
        // the extended protocol always (even without parameters): one statement per query, never a script
        const r = await client.query({ text: sql, values: params as unknown[], queryMode: 'extended' } as never);
        return (r as { rows: SqlRow[] }).rows;
      } catch (e) {
        throw sqlError(connection.display, 'query failed', e, sql);
      }
    },
    async describe(sql): Promise<SqlColumn[]> {
      try {
        const r = await client.query({
          text: `SELECT * FROM (${sql}) AS modelgate_columns LIMIT 0`,
          queryMode: 'extended',
        } as never);
        return (r as { fields: { name: string; dataTypeID: number }[] }).fields.map((f) => {
          const [type, kind] = KINDS[f.dataTypeID] ?? [`type ${f.dataTypeID}`, 'other'];
          return { name: f.name, type, kind };
        });
      } catch (e) {
        throw sqlError(connection.display, 'query failed', e, sql);
      }
    },
    bytesReceived: () => (closed ? closedBytes : socket.bytesRead),
    async close() {
      if (closed) return;
      closedBytes = socket.bytesRead;
      closed = true;
      await client.query('ROLLBACK').catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
