/**
 * Serving parity and load: replays parity rows against the running image in Open Inference Protocol v2 batches,
 * `concurrency` requests in flight, compares every served output with the offline column, and times each request.
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { UserError } from '../errors.ts';
import { inert } from '../log.ts';
import type { Cell } from '../data/types.ts';
import { asNumber, type ParityRows, type SentValue } from './parity-data.ts';

/** How the replay runs and what counts as agreement. */
export interface ReplayOptions {
  /** e.g. http://127.0.0.1:32768 */
  base: string;
  predictPath: string;
  batchSize: number;
  concurrency: number;
  /** Absolute tolerance for numbers; other values must be equal. */
  tolerance: number;
  timeoutMs: number;
}

/** One row whose outputs did not all match. */
export interface ParityMismatch {
  /** 1-based data row of parity-data. */
  row: number;
  features: Record<string, SentValue>;
  expected: Record<string, Cell>;
  served: Record<string, unknown>;
}

/** The `parity` output. */
export interface ParityResult {
  rows: number;
  agreement: number;
  max_abs_diff: Record<string, number | null>;
  mismatches: ParityMismatch[];
  /** Mismatching rows in all (the output keeps 5). */
  mismatched_rows: number;
}

/** The `latency` output. */
export interface LatencyResult {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  requests_per_second: number;
  requests: number;
  concurrency: number;
}

const Response = z.object({
  outputs: z.array(
    z.object({ name: z.string(), data: z.array(z.unknown()), shape: z.array(z.number()).optional() }).loose(),
  ),
});

const MISMATCHES_KEPT = 5;

/** The q-th percentile (0..100) by nearest rank, as load tools report it. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((q / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

const round = (v: number, digits = 3) => Number(v.toFixed(digits));

/** The Open Inference Protocol v2 body for rows [from, to). */
export function inferBody(rows: ParityRows, from: number, to: number): string {
  return JSON.stringify({
    inputs: rows.features.map((f) => ({
      name: f.name,
      shape: [to - from],
      datatype: f.type,
      data: f.values.slice(from, to),
    })),
  });
}

function preview(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  // Quoted from the server: one inert value, so it cannot fake a second line of the annotation.
  return inert(JSON.stringify(t.length > 300 ? `${t.slice(0, 300)}…` : t));
}

async function post(url: string, body: string, timeoutMs: number): Promise<{ ms: number; json: unknown }> {
  const started = performance.now();
  let response: globalThis.Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new UserError(`the parity replay's POST to ${url} failed: ${(error as Error).message}`, {
      input: 'parity-data',
    });
  }
  const ms = performance.now() - started;
  if (response.status < 200 || response.status >= 300)
    throw new UserError(`the server answered a parity batch with HTTP ${response.status}: ${preview(text)}`, {
      input: 'parity-data',
    });
  try {
    return { ms, json: JSON.parse(text) };
  } catch {
    throw new UserError(`the server's answer to a parity batch is not JSON: ${preview(text)}`, {
      input: 'predict-path',
    });
  }
}

/** The values of each paired output in one response, checked to hold one value per row. */
function servedOutputs(json: unknown, rows: ParityRows, n: number): unknown[][] {
  const parsed = Response.safeParse(json);
  if (!parsed.success)
    throw new UserError(
      `the server's answer is not an Open Inference Protocol v2 response ({"outputs": [{"name", "data"}, …]}): ${preview(JSON.stringify(json))}`,
      { input: 'predict-path' },
    );
  const byName = new Map(parsed.data.outputs.map((o) => [o.name, o.data.flat()]));
  return rows.expected.map((e) => {
    const data = byName.get(e.tensor);
    if (!data)
      throw new UserError(
        `the server does not return the output ${JSON.stringify(e.tensor)} (paired with the column '${e.column}'); ` +
          `its outputs are: ${[...byName.keys()].map((k) => inert(JSON.stringify(k))).join(', ') || 'none'}.`,
        { input: 'parity-outputs', field: e.column },
      );
    if (data.length !== n)
      throw new UserError(
        `the output ${JSON.stringify(e.tensor)} holds ${data.length} values for a batch of ${n} rows; expected one per row.`,
        { input: 'parity-outputs', field: e.column },
      );
    return data;
  });
}

/** Compares one served value with the offline one: numbers within tolerance, anything else equal. */
function compare(expected: Cell, served: unknown, tolerance: number): { match: boolean; diff?: number } {
  const e = asNumber(expected);
  const s = typeof served === 'number' ? served : typeof served === 'string' ? asNumber(served) : undefined;
  if (e !== undefined && s !== undefined) {
    const diff = Math.abs(e - s);
    return { match: diff <= tolerance, diff };
  }
  if (expected === null || expected === '') return { match: served === null || served === '' };
  return { match: String(expected) === String(served) };
}

/** Replays every row and returns the `parity` and `latency` outputs. */
export async function replayParity(
  rows: ParityRows,
  o: ReplayOptions,
): Promise<{ parity: ParityResult; latency: LatencyResult }> {
  const n = rows.rowNumbers.length;
  const url = `${o.base}${o.predictPath}`;
  const batches: [number, number][] = [];
  for (let from = 0; from < n; from += o.batchSize) batches.push([from, Math.min(from + o.batchSize, n)]);
  const served: unknown[][] = rows.expected.map(() => new Array<unknown>(n));
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < batches.length) {
      const [from, to] = batches[next++]!;
      const { ms, json } = await post(url, inferBody(rows, from, to), o.timeoutMs);
      durations.push(ms);
      servedOutputs(json, rows, to - from).forEach((values, k) => {
        for (let i = 0; i < values.length; i++) served[k]![from + i] = values[i];
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, batches.length) }, worker));
  const seconds = (performance.now() - started) / 1000;

  const maxAbs: Record<string, number | null> = Object.fromEntries(rows.expected.map((e) => [e.tensor, null]));
  const mismatches: ParityMismatch[] = [];
  let mismatched = 0;
  for (let i = 0; i < n; i++) {
    let ok = true;
    rows.expected.forEach((e, k) => {
      const c = compare(e.values[i] ?? null, served[k]![i], o.tolerance);
      if (c.diff !== undefined) maxAbs[e.tensor] = Math.max(maxAbs[e.tensor] ?? 0, c.diff);
      if (!c.match) ok = false;
    });
    if (ok) continue;
    mismatched++;
    if (mismatches.length < MISMATCHES_KEPT)
      mismatches.push({
        row: rows.rowNumbers[i]!,
        features: Object.fromEntries(rows.features.map((f) => [f.name, f.values[i] ?? null])),
        // CSV gives text: a number read from the file is shown as the number it is.
        expected: Object.fromEntries(
          rows.expected.map((e) => [e.column, asNumber(e.values[i] ?? null) ?? e.values[i] ?? null]),
        ),
        served: Object.fromEntries(rows.expected.map((e, k) => [e.tensor, served[k]![i]])),
      });
  }
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    parity: {
      rows: n,
      agreement: n ? (n - mismatched) / n : 1,
      max_abs_diff: maxAbs,
      mismatches,
      mismatched_rows: mismatched,
    },
    latency: {
      p50_ms: round(percentile(sorted, 50)),
      p95_ms: round(percentile(sorted, 95)),
      p99_ms: round(percentile(sorted, 99)),
      requests_per_second: round(durations.length / Math.max(seconds, 1e-9), 1),
      requests: durations.length,
      concurrency: Math.min(o.concurrency, batches.length),
    },
  };
}
