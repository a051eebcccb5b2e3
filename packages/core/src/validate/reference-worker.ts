/**
 * The reference's pass in a worker thread, alongside the data's pass in the main thread: the two passes are
 * independent (the reference needs summaries only), so on two cores validate-data takes about the time of the
 * longer one instead of their sum. The worker runs the action's own bundle (which checks isReferenceScanWorker()
 * first), opens and scans the reference itself, and posts every column summary back whole (ColumnSummary's
 * transfer form, not the reduced profile form), so drift is exactly what a pass in the main thread gives. A user
 * mistake in the reference (a ragged row) comes back as the same UserError.
 */
import { stat } from 'node:fs/promises';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { DataSchema } from '../contracts/schema.ts';
import { openTable, tableParts } from '../data/open.ts';
import type { TableSource } from '../data/types.ts';
import { ColumnSummary, type SummaryTransfer } from '../sketch/column-summary.ts';
import { type ErrorLocation, UserError, isUserError } from '../errors.ts';
import { type TableScan, scanTable } from './scan.ts';
import { TypeGuess } from './type-guess.ts';

const KIND = 'modelgate-reference-scan';
/**
 * Smaller references are read in this thread: starting a worker (loading the bundle again, ~0.1 s) would cost
 * more than the overlap saves.
 */
export const WORKER_MIN_BYTES = 16 * 1024 * 1024;

interface Job {
  kind: typeof KIND;
  /** The reference input as the user wrote it (a path or glob), opened again in the worker. */
  path: string;
  schema: DataSchema | undefined;
  presenceOnly: string[];
  batchSize: number;
}

type Reply =
  | { scan: { rows: number; columns: { name: string; summary: SummaryTransfer; guess: TypeGuess | undefined }[] } }
  | { userError: { message: string; location: ErrorLocation } }
  | { bug: string };

/** True in a worker thread started by scanReferenceInWorker. */
export function isReferenceScanWorker(): boolean {
  return !isMainThread && (workerData as Partial<Job> | null)?.kind === KIND;
}

/** Whether the reference is large enough for a worker thread to pay (see WORKER_MIN_BYTES). */
export async function worthAWorker(table: TableSource): Promise<boolean> {
  const parts = tableParts(table)?.parts;
  if (!parts) return false;
  let bytes = 0;
  for (const p of parts) bytes += (await stat(p.file).catch(() => ({ size: 0 }))).size;
  return bytes >= WORKER_MIN_BYTES;
}

/** The worker's side: scans the reference and posts the summaries (or the user's mistake). */
export async function runReferenceScanWorker(): Promise<void> {
  const job = workerData as Job;
  let reply: Reply;
  try {
    const table = await openTable(job.path, { input: 'reference', batchSize: job.batchSize });
    const scan = await scanTable(table, {
      schema: job.schema,
      checks: false,
      presenceOnly: new Set(job.presenceOnly),
      skipUniqueQuantiles: true,
      label: 'validate-data: reading the reference',
    });
    reply = {
      scan: {
        rows: scan.rows,
        columns: scan.columns.map((c) => ({ name: c.name, summary: c.summary.toTransfer(), guess: c.guess })),
      },
    };
  } catch (e) {
    reply = isUserError(e)
      ? { userError: { message: e.message, location: e.location } }
      : { bug: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort!.postMessage(reply);
}

export interface ReferenceScan {
  scan: Promise<TableScan>;
  /** Columns the worker only checked for a value (their summaries are partial: see ScanOptions.presenceOnly). */
  presenceOnly: string[];
  /** Stops the worker (the data's pass failed: its result is not wanted). */
  stop(): void;
}

/**
 * Starts the reference's pass in a worker running `script`. Date and datetime columns (never tested for drift) and
 * declared-unique ones (ids, emails: identifier-like, so skipped by drift once the data's pass says so) are
 * presence-only; validateData reads such a column again when drift needs it after all. The quantile sketches of
 * other columns are fed as in the data's pass.
 */
export function scanReferenceInWorker(
  script: string,
  path: string,
  schema: DataSchema | undefined,
  batchSize: number,
): ReferenceScan {
  const presenceOnly = Object.entries(schema?.columns ?? {})
    .filter(([, c]) => c.type === 'date' || c.type === 'datetime' || c.unique?.value === true)
    .map(([name]) => name);
  const job: Job = { kind: KIND, path, schema, presenceOnly, batchSize };
  const worker = new Worker(script, { workerData: job });
  const scan = new Promise<TableScan>((resolve, reject) => {
    let reply: Reply | undefined;
    worker.on('message', (m: Reply) => (reply = m));
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (!reply) return reject(new Error(`the reference's worker thread exited with code ${code} and no result`));
      if ('userError' in reply) return reject(new UserError(reply.userError.message, reply.userError.location));
      if ('bug' in reply) return reject(new Error(`in the reference's worker thread: ${reply.bug}`));
      resolve({
        rows: reply.scan.rows,
        columns: reply.scan.columns.map(({ name, summary, guess }) => {
          const declared = schema?.columns[name];
          return {
            name,
            ...(declared ? { schema: declared } : {}),
            // a structured clone of the guess (plain fields): its class back
            ...(guess ? { guess: Object.setPrototypeOf(guess, TypeGuess.prototype) as TypeGuess } : {}),
            summary: ColumnSummary.fromTransfer(summary),
          };
        }),
      });
    });
  });
  scan.catch(() => undefined); // observed by the caller later: not an unhandled rejection meanwhile
  return { scan, presenceOnly, stop: () => void worker.terminate() };
}
