/**
 * A loopback stand-in of the BigQuery REST API (jobs.query, jobs.getQueryResults, jobs.get) for the official
 * @google-cloud/bigquery client (pointed here by BIGQUERY_EMULATOR_HOST, the client's own setting). Every request
 * is checked against BigQuery's published Discovery document (discovery.ts); a request that does not fit is
 * answered 400 and recorded, so a test can assert there were none. The SQL is GoogleSQL as the client sent it:
 * translated to DuckDB's dialect by Debian's python3-sqlglot (translate.py) and run on an in-process DuckDB holding
 * the test's tables as `project.dataset.table`. Results come back as BigQuery's REST rows ({f: [{v}]}, values as
 * text), a page of at most PAGE_ROWS rows at a time, so long results go through getQueryResults.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';
import { checkRequest, checkResponse, findMethod, type Method } from './discovery.ts';

const PAGE_ROWS = 2000;
const ACCESS_TOKEN = 'ya29.standin-access-token';

export interface RecordedRequest {
  method: string;
  path: string;
  problems: string[];
  /** The GoogleSQL of a jobs.query call. */
  sql?: string;
}

export interface BigQueryStandin {
  /** The API's base URL, for BIGQUERY_EMULATOR_HOST: http://127.0.0.1:port/bigquery/v2 */
  endpoint: string;
  /**
   * Application Default Credentials of the kind google-github-actions/auth writes for Workload Identity Federation
   * (`external_account`), whose token exchange (STS) is this stand-in: write it to a file and point
   * GOOGLE_APPLICATION_CREDENTIALS at it. API requests must then carry the access token it hands out.
   */
  credentials(subjectTokenFile: string): object;
  requests: RecordedRequest[];
  /** Loads a CSV file as `project.dataset.table`, with DuckDB column types. */
  load(table: string, csv: string, types: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

interface Job {
  projectId: string;
  jobId: string;
  location: string;
  sql: string;
  fields: { name: string; type: string; mode: string }[];
  rows: { f: { v: unknown }[] }[];
}

/** BigQuery's REST type name of a DuckDB column type. */
function restType(id: DuckDBTypeId): string {
  switch (id) {
    case DuckDBTypeId.BOOLEAN:
      return 'BOOLEAN';
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UINTEGER:
      return 'INTEGER';
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return 'FLOAT';
    case DuckDBTypeId.DATE:
      return 'DATE';
    case DuckDBTypeId.TIMESTAMP:
      return 'DATETIME';
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'TIMESTAMP';
    default:
      return 'STRING';
  }
}

/** A value as BigQuery's REST rows write it: text, or null. */
function restValue(v: unknown, type: string): unknown {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map((x) => ({ v: restValue(x, type) }));
  if (v instanceof Date) {
    const iso = v.toISOString();
    return type === 'DATE' ? iso.slice(0, 10) : type === 'TIMESTAMP' ? String(v.getTime() * 1000) : iso.slice(0, 19);
  }
  return String(v);
}

/** The value a query parameter binds in DuckDB. */
function paramValue(p: { parameterType?: { type?: string }; parameterValue?: { value?: string } }): unknown {
  const v = p.parameterValue?.value;
  if (v === undefined) return null;
  switch (p.parameterType?.type) {
    case 'INT64':
    case 'FLOAT64':
    case 'NUMERIC':
      return Number(v);
    case 'BOOL':
      return v === 'true';
    default:
      return v;
  }
}

function translator() {
  const child = spawn('/usr/bin/python3', [new URL('./translate.py', import.meta.url).pathname], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(line));
  return {
    translate(sql: string): Promise<{ sql?: string; error?: string }> {
      return new Promise((resolve) => {
        waiting.push((line) => resolve(JSON.parse(line) as { sql?: string; error?: string }));
        child.stdin.write(`${JSON.stringify({ sql })}\n`);
      });
    },
    close: () => child.kill(),
  };
}

export async function startBigQueryStandin(): Promise<BigQueryStandin> {
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  const sqlglot = translator();
  const jobs = new Map<string, Job>();
  const requests: RecordedRequest[] = [];

  const send = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
  const fail = (res: ServerResponse, status: number, reason: string, message: string) =>
    send(res, status, { error: { code: status, message, errors: [{ reason, message }], status: 'INVALID_ARGUMENT' } });

  const page = (job: Job, start: number, max: number) => {
    const rows = job.rows.slice(start, start + max);
    const next = start + rows.length;
    return {
      jobReference: { projectId: job.projectId, jobId: job.jobId, location: job.location },
      schema: { fields: job.fields },
      totalRows: String(job.rows.length),
      rows,
      jobComplete: true,
      cacheHit: false,
      totalBytesProcessed: '0',
      ...(next < job.rows.length ? { pageToken: String(next) } : {}),
    };
  };

  async function query(projectId: string, body: Record<string, unknown>): Promise<Job | string> {
    if (body['useLegacySql'] !== false) return 'modelgate sends standard SQL only (useLegacySql: false)';
    const translated = await sqlglot.translate(String(body['query']));
    if (!translated.sql) return `sqlglot could not translate the query: ${translated.error}`;
    const params = Object.fromEntries(
      ((body['queryParameters'] as ({ name: string } & Parameters<typeof paramValue>[0])[] | undefined) ?? []).map(
        (p) => [p.name, paramValue(p)],
      ),
    );
    try {
      const prepared = await duck.prepare(translated.sql);
      if (Object.keys(params).length) prepared.bind(params as never);
      const reader = await prepared.runAndReadAll();
      const fields = reader.columnNames().map((name, i) => {
        const t = reader.columnType(i);
        const list = t.typeId === DuckDBTypeId.LIST;
        const element = list ? (t as unknown as { valueType: { typeId: DuckDBTypeId } }).valueType.typeId : t.typeId;
        return { name, type: restType(element), mode: list ? 'REPEATED' : 'NULLABLE' };
      });
      const rows = reader.getRowsJS().map((r) => ({ f: r.map((v, i) => ({ v: restValue(v, fields[i]!.type) })) }));
      const location = typeof body['location'] === 'string' ? body['location'] : 'US';
      const job = {
        projectId,
        jobId: `job_${randomUUID().replaceAll('-', '')}`,
        location,
        sql: String(body['query']),
        fields,
        rows,
      };
      jobs.set(job.jobId, job);
      return job;
    } catch (e) {
      return `${(e as Error).message}\nDuckDB SQL: ${translated.sql}`;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, text: string) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/v1/token' && req.method === 'POST') {
      // the token exchange of Workload Identity Federation (Google's STS API, not BigQuery's): a subject token in,
      // an access token out
      const form = new URLSearchParams(text);
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:token-exchange' || !form.get('subject_token'))
        return fail(res, 400, 'invalid_request', 'expected a token exchange with a subject_token');
      return send(res, 200, {
        access_token: ACCESS_TOKEN,
        issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        token_type: 'Bearer',
        expires_in: 3600,
      });
    }
    const found = findMethod(req.method ?? 'GET', url.pathname);
    const record: RecordedRequest = {
      method: found?.method.id ?? `${req.method} ${url.pathname}`,
      path: url.pathname,
      problems: [],
    };
    requests.push(record);
    if (!found) {
      record.problems.push('no method of the BigQuery API description has this path');
      return fail(res, 404, 'notFound', `No such method: ${req.method} ${url.pathname}`);
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      record.problems.push('the body is not JSON');
      return fail(res, 400, 'parseError', 'Parse Error');
    }
    record.problems.push(...checkRequest(found.method, found.path, url.searchParams, body));
    if (req.headers.authorization !== `Bearer ${ACCESS_TOKEN}`)
      record.problems.push('no access token from the credentials');
    if (record.problems.length) return fail(res, 400, 'invalid', record.problems.join('; '));
    const reply = (method: Method, status: number, out: Record<string, unknown>) => {
      record.problems.push(...checkResponse(method, out).map((p) => `response: ${p}`));
      send(res, status, out);
    };
    const { projectId, jobId } = found.path as { projectId: string; jobId?: string };
    switch (found.method.id) {
      case 'bigquery.jobs.query': {
        const b = body as Record<string, unknown>;
        record.sql = String(b['query']);
        const job = await query(projectId, b);
        if (typeof job === 'string') return fail(res, 400, 'invalidQuery', job);
        const max = typeof b['maxResults'] === 'number' ? Math.min(b['maxResults'], PAGE_ROWS) : PAGE_ROWS;
        return reply(found.method, 200, { kind: 'bigquery#queryResponse', ...page(job, 0, max) });
      }
      case 'bigquery.jobs.getQueryResults': {
        const job = jobs.get(jobId!);
        if (!job) return fail(res, 404, 'notFound', `Not found: Job ${projectId}:${jobId}`);
        const start = Number(url.searchParams.get('pageToken') ?? url.searchParams.get('startIndex') ?? 0);
        const max = Math.min(Number(url.searchParams.get('maxResults') ?? PAGE_ROWS), PAGE_ROWS);
        return reply(found.method, 200, { kind: 'bigquery#getQueryResultsResponse', ...page(job, start, max) });
      }
      case 'bigquery.jobs.get': {
        const job = jobs.get(jobId!);
        if (!job) return fail(res, 404, 'notFound', `Not found: Job ${projectId}:${jobId}`);
        return reply(found.method, 200, {
          kind: 'bigquery#job',
          id: `${projectId}:${job.location}.${job.jobId}`,
          jobReference: { projectId, jobId: job.jobId, location: job.location },
          configuration: { jobType: 'QUERY', query: { query: job.sql, useLegacySql: false } },
          status: { state: 'DONE' },
        });
      }
      default:
        record.problems.push(`${found.method.id} is not served by the stand-in (modelgate should only query)`);
        return fail(res, 501, 'notImplemented', `${found.method.id} is not served by this stand-in`);
    }
  }

  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d));
    req.on('end', () => {
      handle(req, res, text).catch((e: unknown) => fail(res, 500, 'internalError', String(e)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const attached = new Set<string>();
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bigquery/v2`,
    requests,
    credentials(subjectTokenFile) {
      const port = (server.address() as AddressInfo).port;
      return {
        type: 'external_account',
        audience: '//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/github/providers/github',
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_url: `http://127.0.0.1:${port}/v1/token`,
        credential_source: { file: subjectTokenFile },
      };
    },
    async load(table, csv, types) {
      const [project, dataset, name] = table.split('.') as [string, string, string];
      const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
      if (!attached.has(project)) {
        await duck.run(`ATTACH ':memory:' AS ${q(project)}`);
        attached.add(project);
      }
      await duck.run(`CREATE SCHEMA IF NOT EXISTS ${q(project)}.${q(dataset)}`);
      const spec = Object.entries(types)
        .map(([c, t]) => `'${c}': '${t}'`)
        .join(', ');
      await duck.run(
        `CREATE TABLE ${q(project)}.${q(dataset)}.${q(name)} AS SELECT * FROM read_csv('${csv}', header = true, columns = {${spec}})`,
      );
    },
    async close() {
      sqlglot.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      duck.closeSync();
      instance.closeSync();
    },
  };
}
