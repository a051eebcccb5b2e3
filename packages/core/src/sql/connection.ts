/**
 * The `connection` input of validate-data and evaluate-model (CONTRACTS "Where the data lives: SQL sources"): which
 * engine holds the data and how to reach it. The URL's password is masked before the URL is parsed, so no parse
 * error can print it, and every text shown to the user is the URL with the password replaced by `***`.
 */
import { inputError } from '../errors.ts';
import { maskUrlPassword } from '../inputs/secrets.ts';

export type EngineName = 'postgresql' | 'duckdb' | 'bigquery';

export type Connection =
  | {
      engine: 'postgresql';
      /** The libpq URL as given (with its password: hand it to the client only). */
      url: string;
      /** The URL with the password masked: what messages show. */
      display: string;
    }
  | {
      engine: 'duckdb';
      /** The database file, opened read-only; undefined for an in-memory database (queries read files). */
      path: string | undefined;
      display: string;
    }
  | {
      engine: 'bigquery';
      project: string;
      /** The location jobs run in (`?location=EU`); BigQuery's default when absent. */
      location: string | undefined;
      display: string;
    };

/** The URL schemes `connection` accepts, as error messages list them. */
export const CONNECTION_SCHEMES =
  'postgresql://user:password@host:port/database (or postgres://), duckdb: (in memory) or duckdb:<path> (a database file), bigquery://<project>[?location=EU]';

/** The URL with its password replaced by `***` (lexical, so it works on a URL that does not parse). */
export function withoutPassword(url: string): string {
  return url.trim().replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#@:]*:)[^/?#]*@/, '$1***@');
}

// Google Cloud project ids: 6-30 lower-case letters, digits and hyphens starting with a letter, optionally
// behind a domain (`example.com:my-project`, the legacy domain-scoped form).
const BIGQUERY_PROJECT = /^(?:[a-z][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
// BigQuery locations: a multi-region (US, EU) or a region such as europe-west4.
const BIGQUERY_LOCATION = /^[A-Za-z]+(?:-[a-z]+\d*)*$/;

function postgres(raw: string, input: string): Connection {
  const display = withoutPassword(raw);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw inputError(input, `${display} is not a valid PostgreSQL URL: expected ${CONNECTION_SCHEMES.split(', ')[0]}.`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname && !url.searchParams.get('host'))
    throw inputError(input, `${display} names no host: expected postgresql://user:password@host:port/database.`);
  if (database.includes('/')) throw inputError(input, `${display}: the database name cannot contain '/'.`);
  return { engine: 'postgresql', url: raw, display };
}

function duckdb(raw: string, input: string): Connection {
  // duckdb: and duckdb::memory: are in memory; duckdb:<path> and duckdb://<path> name a file
  let path = raw.slice('duckdb:'.length);
  if (path.startsWith('//')) path = path.slice(2);
  if (path === '' || path === ':memory:') return { engine: 'duckdb', path: undefined, display: 'duckdb: (in memory)' };
  if (/[?#]/.test(path) && !/\.\w+$/.test(path))
    throw inputError(input, `${raw}: duckdb:<path> takes a database file path, without options.`);
  return { engine: 'duckdb', path, display: `duckdb:${path}` };
}

function bigquery(raw: string, input: string): Connection {
  const m = /^bigquery:\/\/([^/?#]*)\/?(?:\?([^#]*))?$/.exec(raw);
  const project = m?.[1] ?? '';
  if (!m || !BIGQUERY_PROJECT.test(project))
    throw inputError(
      input,
      `${raw} does not name a Google Cloud project: expected bigquery://<project>[?location=EU], with a project id of 6-30 lower-case letters, digits and hyphens.`,
    );
  let location: string | undefined;
  for (const [key, value] of new URLSearchParams(m[2] ?? '')) {
    if (key !== 'location')
      throw inputError(input, `${raw}: unknown option ${JSON.stringify(key)}; bigquery:// takes only location.`);
    if (!BIGQUERY_LOCATION.test(value))
      throw inputError(
        input,
        `${raw}: location ${JSON.stringify(value)} is not a BigQuery location such as EU, US or europe-west4.`,
      );
    location = value;
  }
  return { engine: 'bigquery', project, location, display: raw };
}

/** Parses a `connection` input value; an unknown scheme is an error that lists the accepted ones. */
export function parseConnection(value: string, input = 'connection'): Connection {
  const raw = value.trim();
  // Masked first: a client or a message below may quote the URL (the action's input reader masks it too).
  maskUrlPassword(raw);
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(raw)?.[1]?.toLowerCase();
  if (scheme === 'postgresql' || scheme === 'postgres') return postgres(raw, input);
  if (scheme === 'duckdb') return duckdb(raw, input);
  if (scheme === 'bigquery') return bigquery(raw, input);
  throw inputError(
    input,
    // only the scheme is quoted: text that is not a URL may be a libpq `key=value` string holding a password
    `${scheme ? `the scheme ${JSON.stringify(`${scheme}:`)} is not one modelgate can open` : 'the value is not a URL'}: expected ${CONNECTION_SCHEMES}.`,
  );
}
