/**
 * The paired bootstrap across worker threads, as bootstrap-workers.ts runs the plain one: the resamples are split in
 * contiguous ranges, one per core, each worker scoring both models on the same weights; every resample draws from its
 * own seeded stream, so the values are the same for a seed whatever the number of workers. The worker is the
 * action's bundle, which checks isPairedBootstrapWorker() first. Both models' prepared rows and the weight positions
 * are made once, in shared memory, and read in place by every worker (see bootstrap-workers.ts).
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import * as log from '../log.ts';
import { placed, plainAlloc, sharedAlloc } from '../metrics/bootstrap.ts';
import { pairedSamples, type PairedSamples } from '../metrics/paired/paired-bootstrap.ts';
import { baselineWeightPositions, resampleOrder } from '../metrics/paired/resample-order.ts';
import {
  acrossThreads,
  joinSamples,
  resampleRowsOf,
  resamplerFromRows,
  resamplerOf,
  threads,
  type ResampleRows,
} from './bootstrap-workers.ts';
import type { TaskData } from './load.ts';

/** Fewer row-resamples than this run in this thread (starting a worker costs ~0.1 s); as bootstrap-workers.ts. */
const PARALLEL_WORK = 50_000_000;
const KIND = 'modelgate-paired-bootstrap';

interface Job {
  kind: typeof KIND;
  current: ResampleRows;
  baseline: ResampleRows;
  /** Where the baseline's resampler finds each row's weight (weightPositions), in shared memory. */
  positions: Uint32Array | undefined;
  names: string[];
  from: number;
  to: number;
  seed: number;
}

type Message = { progress: number } | { samples: PairedSamples };

export interface PairedOptions {
  /** The script a worker runs (it must call runPairedBootstrapWorker when isPairedBootstrapWorker()). */
  script?: string | undefined;
  /** Workers to start (default: os.availableParallelism() when the work is large enough). */
  workers?: number | undefined;
  onProgress?: ((done: number) => void) | undefined;
}

/** Both models' resamples of `names`, in worker threads when the work is large enough to gain. */
export async function parallelPairedSamples(
  current: TaskData,
  baseline: TaskData,
  names: string[],
  resamples: number,
  seed: number,
  options: PairedOptions,
): Promise<PairedSamples> {
  const rows = current.data.truth.length;
  // two models a resample: twice the work of the plain bootstrap's rows × resamples
  const wanted = options.workers ?? (2 * rows * resamples >= PARALLEL_WORK ? availableParallelism() : 1);
  const workers = Math.max(1, Math.min(wanted, resamples));
  if (!options.script || workers === 1)
    return pairedSamples(
      resamplerOf(current),
      resamplerOf(baseline),
      names,
      { from: 0, to: resamples },
      seed,
      options.onProgress,
      weightPositions(current, baseline),
    );
  log.info(
    `Paired bootstrap: ${log.thousands(resamples)} resamples of ${log.thousands(rows)} rows, both models, on ${threads(workers)}.`,
  );
  const prepared = { current: resampleRowsOf(current, sharedAlloc), baseline: resampleRowsOf(baseline, sharedAlloc) };
  const positions = weightPositions(current, baseline, sharedAlloc);
  const here = { current: resamplerFromRows(prepared.current), baseline: resamplerFromRows(prepared.baseline) };
  const parts = await acrossThreads(
    resamples,
    workers,
    (slice) => pairedSamples(here.current, here.baseline, names, slice, seed, undefined, positions),
    (range, progress) =>
      runWorker(options.script!, { kind: KIND, ...prepared, positions, names, ...range, seed }, progress),
    options.onProgress,
  );
  return {
    current: joinSamples(
      parts.map((p) => p.current),
      names,
      resamples,
    ),
    difference: joinSamples(
      parts.map((p) => p.difference),
      names,
      resamples,
    ),
  };
}

/** Where the baseline's resampler finds each row's weight among the current's (see resample-order.ts). */
function weightPositions(current: TaskData, baseline: TaskData, alloc = plainAlloc): Uint32Array | undefined {
  const positions = baselineWeightPositions(resampleOrder(current), resampleOrder(baseline), current.data.truth.length);
  return positions && placed(positions, alloc);
}

function runWorker(script: string, job: Job, progress: (n: number) => void): Promise<PairedSamples> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: job });
    let result: PairedSamples | undefined;
    worker.on('message', (m: Message) => {
      if ('progress' in m) progress(m.progress);
      else result = m.samples;
    });
    worker.on('error', reject);
    worker.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`paired bootstrap worker exited with code ${code} and no result`)),
    );
  });
}

/** True in a worker thread started by parallelPairedSamples. */
export function isPairedBootstrapWorker(): boolean {
  return !isMainThread && (workerData as Partial<Job> | null)?.kind === KIND;
}

/** The worker's side: its range of resamples for both models, posted back (buffers transferred, not copied). */
export function runPairedBootstrapWorker(): void {
  const job = workerData as Job;
  const samples = pairedSamples(
    resamplerFromRows(job.current),
    resamplerFromRows(job.baseline),
    job.names,
    job,
    job.seed,
    (n) => parentPort!.postMessage({ progress: n } satisfies Message),
    job.positions,
  );
  const buffers = [...Object.values(samples.current), ...Object.values(samples.difference)].map(
    (s) => s.buffer as ArrayBuffer,
  );
  parentPort!.postMessage({ samples } satisfies Message, buffers);
}
