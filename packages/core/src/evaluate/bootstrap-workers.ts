/**
 * Bootstrap intervals across worker threads: resamples are independent (each draws from its own seeded stream,
 * metrics/random resampleState), so they are split in contiguous ranges, one per core, and the intervals are the
 * same for a seed whatever the number of workers. A worker runs the script given (the action's bundle, which
 * checks isBootstrapWorker() first). The rows' prepared values are made once, in shared memory, and every worker
 * reads them in place: a copy of the task data and its own preparation cost each worker ~100 MB on 1M rows.
 */
import * as log from '../log.ts';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  bootstrapIntervals,
  bootstrapSamples,
  intervalsOf,
  plainAlloc,
  sharedAlloc,
  type Alloc,
  type Interval,
  type Resampler,
} from '../metrics/bootstrap.ts';
import type { Samples } from '../metrics/bootstrap.ts';
import { binaryResamplerOf, binaryRows, type BinaryRows } from '../metrics/resample-binary.ts';
import { multiclassResamplerOf, multiclassRows, type MulticlassRows } from '../metrics/resample-multiclass.ts';
import { regressionResamplerOf, regressionRows, type RegressionRows } from '../metrics/resample-regression.ts';
import type { TaskData } from './load.ts';

/** Fewer row-resamples than this run in this thread: starting a worker (~0.1 s) would cost more than it saves. */
const PARALLEL_WORK = 50_000_000;
const KIND = 'modelgate-bootstrap';

interface Job {
  kind: typeof KIND;
  rows: ResampleRows;
  names: string[];
  from: number;
  to: number;
  seed: number;
}

type Message = { progress: number } | { samples: Samples };

/** A task's rows prepared for resampling, in arrays from `alloc` (sharedAlloc: readable by worker threads). */
export type ResampleRows = BinaryRows | MulticlassRows | RegressionRows;

export function resampleRowsOf(t: TaskData, alloc: Alloc = plainAlloc): ResampleRows {
  if (t.task === 'binary') return binaryRows(t.data, alloc);
  if (t.task === 'multiclass') return multiclassRows(t.data, alloc);
  return regressionRows(t.data, alloc);
}

/** The resampler over prepared rows. */
export function resamplerFromRows(rows: ResampleRows): Resampler {
  if (rows.task === 'binary') return binaryResamplerOf(rows);
  if (rows.task === 'multiclass') return multiclassResamplerOf(rows);
  return regressionResamplerOf(rows);
}

/** The resampler of a task's rows. */
export function resamplerOf(t: TaskData): Resampler {
  return resamplerFromRows(resampleRowsOf(t));
}

export interface ParallelOptions {
  /** The script a worker runs (it must call runBootstrapWorker when isBootstrapWorker()); none: this thread. */
  script?: string | undefined;
  /** Workers to start (default: os.availableParallelism()). */
  workers?: number | undefined;
  onProgress?: ((done: number) => void) | undefined;
}

/** Intervals of `names` over `resamples` resamples, in worker threads when the work is large enough to gain. */
export async function parallelIntervals(
  t: TaskData,
  names: string[],
  resamples: number,
  seed: number,
  options: ParallelOptions,
): Promise<Record<string, Interval>> {
  const rows = t.data.truth.length;
  const wanted = options.workers ?? (rows * resamples >= PARALLEL_WORK ? availableParallelism() : 1);
  const workers = Math.max(1, Math.min(wanted, resamples));
  if (!options.script || workers === 1)
    return bootstrapIntervals(resamplerOf(t), names, resamples, seed, options.onProgress);
  log.info(`Bootstrap: ${log.thousands(resamples)} resamples of ${log.thousands(rows)} rows on ${threads(workers)}.`);
  const prepared = resampleRowsOf(t, sharedAlloc);
  const resampler = resamplerFromRows(prepared);
  const parts = await acrossThreads(
    resamples,
    workers,
    (slice) => bootstrapSamples(resampler, names, slice, seed),
    (range, progress) => runWorker(options.script!, { kind: KIND, rows: prepared, names, ...range, seed }, progress),
    options.onProgress,
  );
  const samples = joinSamples(parts, names, resamples);
  return intervalsOf(samples);
}

/** "2 threads (this one and a worker)": how a bootstrap's log line names where it runs. */
export function threads(count: number): string {
  return `${count} threads (this one and ${count === 2 ? 'a worker' : `${count - 1} workers`})`;
}

/** Resamples in this thread between yields, so the workers' progress messages get through meanwhile. */
const SLICE = 50;

type Range = { from: number; to: number };

/**
 * Splits resamples 0 to `resamples - 1` in `threads` contiguous ranges. The first is computed in this thread, SLICE
 * resamples at a time with a yield between slices, while `onWorker` has each other one computed by a worker: this
 * thread would otherwise only wait, and a worker costs its own start (it loads the whole bundle: ~30 MB). Progress
 * is the sum of what each reports. Returns the parts in resample order; a worker's failure stops this thread's share
 * too (the worker's error is the one thrown).
 */
export async function acrossThreads<T>(
  resamples: number,
  threads: number,
  here: (slice: Range) => T,
  onWorker: (range: Range, progress: (done: number) => void) => Promise<T>,
  onProgress: ((done: number) => void) | undefined,
): Promise<T[]> {
  const range = (k: number): Range => ({
    from: Math.floor((resamples * k) / threads),
    to: Math.floor((resamples * (k + 1)) / threads),
  });
  const done = new Array<number>(threads).fill(0);
  const report = (k: number) => (n: number) => {
    done[k] = n;
    onProgress?.(done.reduce((a, b) => a + b, 0));
  };
  let stop = false;
  const mine = async (): Promise<T[]> => {
    const parts: T[] = [];
    const { from: first, to: end } = range(0);
    for (let from = first; from < end; from += SLICE) {
      await new Promise((resolve) => setImmediate(resolve));
      if (stop) break;
      const to = Math.min(end, from + SLICE);
      parts.push(here({ from, to }));
      report(0)(to - first);
    }
    return parts;
  };
  const theirs = Array.from({ length: threads - 1 }, (_, w) =>
    onWorker(range(w + 1), report(w + 1)).then(
      (part) => [part],
      (e: unknown) => {
        stop = true;
        throw e;
      },
    ),
  );
  return (await Promise.all([mine(), ...theirs])).flat();
}

/** Each metric's samples of the parts, in order, as one array of `resamples` values. */
export function joinSamples(parts: Samples[], names: string[], resamples: number): Samples {
  const samples: Samples = {};
  for (const n of names) {
    const all = new Float64Array(resamples);
    let at = 0;
    for (const part of parts) {
      all.set(part[n]!, at);
      at += part[n]!.length;
    }
    samples[n] = all;
  }
  return samples;
}

function runWorker(script: string, job: Job, progress: (n: number) => void): Promise<Samples> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: job });
    let result: Samples | undefined;
    worker.on('message', (m: Message) => {
      if ('progress' in m) progress(m.progress);
      else result = m.samples;
    });
    worker.on('error', reject);
    worker.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`bootstrap worker exited with code ${code} and no result`)),
    );
  });
}

/** True in a worker thread started by parallelIntervals. */
export function isBootstrapWorker(): boolean {
  return !isMainThread && (workerData as Partial<Job> | null)?.kind === KIND;
}

/** The worker's side: computes its range of resamples and posts their samples (transferred, not copied). */
export function runBootstrapWorker(): void {
  const job = workerData as Job;
  const samples = bootstrapSamples(resamplerFromRows(job.rows), job.names, job, job.seed, (n) =>
    parentPort!.postMessage({ progress: n } satisfies Message),
  );
  parentPort!.postMessage(
    { samples } satisfies Message,
    Object.values(samples).map((s) => s.buffer as ArrayBuffer),
  );
}
