import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binaryMetrics } from '@modelgate/core/metrics/binary';
import { bootstrapIntervals } from '@modelgate/core/metrics/bootstrap';
import { binaryResampler } from '@modelgate/core/metrics/resample-binary';
import { parallelIntervals } from '@modelgate/core/evaluate/bootstrap-workers';
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
});
