/**
 * Instant and range queries against the Prometheus HTTP API (POST /api/v1/query and /api/v1/query_range,
 * https://prometheus.io/docs/prometheus/latest/querying/api/). A threshold check needs one number: an empty result is "no data", NaN is "no data" too (a ratio with no traffic is 0/0),
 * and more than one series is an error, since which one to judge would be a guess.
 */
import { z } from 'zod';

const sample = z.tuple([z.number(), z.string()]);
const answer = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.discriminatedUnion('resultType', [
      z.object({
        resultType: z.literal('vector'),
        result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: sample })),
      }),
      z.object({ resultType: z.literal('scalar'), result: sample }),
      z.object({
        resultType: z.literal('matrix'),
        result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(sample) })),
      }),
      z.object({ resultType: z.literal('string'), result: z.unknown() }),
    ]),
  }),
  z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() }),
]);

/** Why a query gave no number: the server could not be reached or answered badly, or the query is wrong. */
export class QueryError extends Error {
  readonly kind: 'unreachable' | 'query';
  constructor(message: string, kind: 'unreachable' | 'query') {
    super(message);
    this.name = 'QueryError';
    this.kind = kind;
  }
}

export interface PrometheusClient {
  url: string;
  headers: Record<string, string>;
  timeoutMs?: number;
}

/** POSTs a query to an API path and returns the validated successful answer's data; QueryError otherwise. */
async function post(
  client: PrometheusClient,
  path: 'api/v1/query' | 'api/v1/query_range',
  form: Record<string, string>,
): Promise<Extract<z.infer<typeof answer>, { status: 'success' }>['data']> {
  const url = new URL(path, client.url.endsWith('/') ? client.url : `${client.url}/`);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { ...client.headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(client.timeoutMs ?? 30_000),
    });
  } catch (e) {
    const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
    throw new QueryError(`Prometheus at ${client.url} could not be reached: ${cause}`, 'unreachable');
  }
  const text = await response.text();
  if (response.status === 401 || response.status === 403)
    throw new QueryError(
      `Prometheus at ${client.url} refused the request (HTTP ${response.status}); check prometheus-headers`,
      'unreachable',
    );
  let parsed: z.infer<typeof answer>;
  try {
    parsed = answer.parse(JSON.parse(text));
  } catch {
    throw new QueryError(
      `Prometheus at ${client.url} answered HTTP ${response.status} with something that is not a query result: ${text.slice(0, 200)}`,
      'unreachable',
    );
  }
  if (parsed.status === 'error')
    throw new QueryError(`Prometheus rejected the query (${parsed.errorType}): ${parsed.error}`, 'query');
  return parsed.data;
}

/** Runs an instant query (now, or at `time` in Unix seconds); the single value, or `undefined` when there is no data. */
export async function queryValue(client: PrometheusClient, query: string, time?: number): Promise<number | undefined> {
  const data = await post(client, 'api/v1/query', time === undefined ? { query } : { query, time: String(time) });
  if (data.resultType === 'scalar') return toNumber(data.result[1]);
  if (data.resultType !== 'vector')
    throw new QueryError(`the query returned a ${data.resultType}; expected an instant vector or scalar`, 'query');
  if (data.result.length === 0) return undefined;
  if (data.result.length > 1)
    throw new QueryError(
      `the query returned ${data.result.length} series; aggregate it to one (e.g. sum(...) or avg(...))`,
      'query',
    );
  return toNumber(data.result[0]!.value[1]);
}

/** A range query's window: the last `seconds` up to `end` (Unix seconds), one sample every `stepSeconds`. */
export interface RangeWindow {
  start: number;
  end: number;
  stepSeconds: number;
}

/**
 * Runs a range query (POST /api/v1/query_range) and returns the one series' values in time order; NaN samples
 * (0/0 with no traffic) are left out, and no series at all is an empty list. Several series are an error, as for
 * instant queries.
 */
export async function queryRange(client: PrometheusClient, query: string, window: RangeWindow): Promise<number[]> {
  const data = await post(client, 'api/v1/query_range', {
    query,
    start: String(window.start),
    end: String(window.end),
    step: `${window.stepSeconds}s`,
  });
  if (data.resultType !== 'matrix')
    throw new QueryError(`the range query returned a ${data.resultType}; expected a range vector (matrix)`, 'query');
  if (data.result.length === 0) return [];
  if (data.result.length > 1)
    throw new QueryError(
      `the query returned ${data.result.length} series; aggregate it to one (e.g. sum(...) or avg(...))`,
      'query',
    );
  const out: number[] = [];
  for (const [, text] of data.result[0]!.values) {
    const value = toNumber(text);
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** Prometheus writes sample values as Go floats: `+Inf`, `-Inf` and `NaN` besides plain numbers. */
function toNumber(text: string): number | undefined {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  const value = Number(text);
  return Number.isNaN(value) ? undefined : value;
}
