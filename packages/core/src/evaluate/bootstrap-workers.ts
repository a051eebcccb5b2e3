/**
 * Bootstrap intervals across worker threads: resamples are independent (each draws from its own seeded stream,
 * metrics/random resampleState), so they are split in contiguous ranges, one per core, and the intervals are the
 * same for a seed whatever the number of workers. A worker runs the script given (the action's bundle, which
 * checks isBootstrapWorker() first). The rows' prepared values are made once, in shared memory, and every worker
 * reads them in place: a copy of the task data and its own preparation cost each worker ~100 MB on 1M rows.
 */
import * as log from '../log.ts';
import { thousands } from '../log.ts';
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
  log.info(`Bootstrap: ${thousands(resamples)} resamples of ${thousands(rows)} rows on ${threads(workers)}.`);
  const prepared = resampleRowsOf(t, sharedAlloc);
  const done = new Array<number>(workers).fill(0);
  const range = (k: number) => ({
    from: Math.floor((resamples * k) / workers),
    to: Math.floor((resamples * (k + 1)) / workers),
  });
  // a worker's failure stops this thread's share too (its error is the one thrown)
  const halt = { stop: false };
  const report = (k: number) => (n: number) => {
    done[k] = n;
    options.onProgress?.(done.reduce((a, b) => a + b, 0));
  };
  const resampler = resamplerFromRows(prepared);
  const [here, ...others] = await Promise.all([
    inSlices(range(0), (slice) => bootstrapSamples(resampler, names, slice, seed), report(0), halt),
    ...Array.from({ length: workers - 1 }, (_, w) =>
      runWorker(options.script!, { kind: KIND, rows: prepared, names, ...range(w + 1), seed }, report(w + 1)).then(
        (part) => [part],
      ),
    ),
  ]);
  const parts = [...here!, ...others.flat()];
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
  return intervalsOf(samples);
}

/** "2 threads (this one and a worker)": how a bootstrap's log line names where it runs. */
export function threads(count: number): string {
  return `${count} threads (this one and ${count === 2 ? 'a worker' : `${count - 1} workers`})`;
}

/** Resamples in this thread between yields, so the workers' progress messages get through meanwhile. */
const SLICE = 50;

/**
 * Computes `range` in this thread, SLICE resamples at a time, while the workers compute the rest: this thread would
 * otherwise only wait, and a worker costs its own start (it loads the whole bundle: ~30 MB). Reports the number done
 * after each slice; returns the slices' parts in order, or stops early once `halt.stop` is set.
 */
export async function inSlices<T>(
  range: { from: number; to: number },
  compute: (slice: { from: number; to: number }) => T,
  progress: (done: number) => void,
  halt: { stop: boolean },
): Promise<T[]> {
  const parts: T[] = [];
  for (let from = range.from; from < range.to && !halt.stop; from += SLICE) {
    await new Promise((resolve) => setImmediate(resolve));
    if (halt.stop) break;
    const to = Math.min(range.to, from + SLICE);
    parts.push(compute({ from, to }));
    progress(to - range.from);
  }
  return parts;
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
