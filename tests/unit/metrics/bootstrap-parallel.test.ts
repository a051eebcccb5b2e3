import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binaryMetrics } from '@modelgate/core/metrics/binary';
import { bootstrapIntervals } from '@modelgate/core/metrics/bootstrap';
import { binaryResampler } from '@modelgate/core/metrics/resample-binary';
import { acrossThreads, parallelIntervals } from '@modelgate/core/evaluate/bootstrap-workers';
import { binaryFixture } from './fixtures.ts';

const script = join(import.meta.dirname, 'bootstrap-worker.ts');

function task() {
  const { data } = binaryFixture('binary_ties');
  return { task: 'binary' as const, data };
}

describe('bootstrap across worker threads', () => {
  it('gives the same intervals for a seed with 2 or 3 workers as in this thread', async () => {
    const t = task();
    const names = Object.keys(binaryMetrics(t.data, () => {}));
    const here = bootstrapIntervals(binaryResampler(t.data), names, 250, 11);
    const progress: number[] = [];
    const two = await parallelIntervals(t, names, 250, 11, { script, workers: 2, onProgress: (n) => progress.push(n) });
    const three = await parallelIntervals(t, names, 250, 11, { script, workers: 3 });
    expect(Object.keys(here)).toEqual(names);
    expect(two).toEqual(here);
    expect(three).toEqual(here);
    // this thread reports its 125 resamples by slices of 50, the worker its 100th of 125
    expect(progress.at(-1)).toBe(225);
  });

  it('runs in this thread without a worker script', async () => {
    const t = task();
    const names = ['accuracy', 'roc_auc'];
    const got = await parallelIntervals(t, names, 50, 3, { workers: 4 });
    expect(got).toEqual(bootstrapIntervals(binaryResampler(t.data), names, 50, 3));
  });

  it('fails with the worker error when the script is not a bootstrap worker', async () => {
    const t = task();
    await expect(
      parallelIntervals(t, ['accuracy'], 20, 3, { script: join(import.meta.dirname, 'missing-worker.ts'), workers: 2 }),
    ).rejects.toThrow();
  });

  it('splits the resamples in contiguous ranges, this thread first by slices, and stops its share when a worker fails', async () => {
    const slices: { from: number; to: number }[] = [];
    const parts = await acrossThreads(
      230,
      2,
      (slice) => (slices.push(slice), `here ${slice.from}-${slice.to}`),
      async (range, progress) => (progress(range.to - range.from), `worker ${range.from}-${range.to}`),
      undefined,
    );
    expect(parts).toEqual(['here 0-50', 'here 50-100', 'here 100-115', 'worker 115-230']);

    slices.length = 0;
    const failing = acrossThreads(
      100_000,
      2,
      (slice) => slices.push(slice),
      () => Promise.reject(new Error('worker died')),
      undefined,
    );
    await expect(failing).rejects.toThrow('worker died');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(slices.length).toBeLessThan(3); // of the 1,000 slices of its 50,000 resamples
  });
});
