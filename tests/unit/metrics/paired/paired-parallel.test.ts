// The bootstraps across worker threads read both models' prepared rows from shared memory: the samples must be the
// ones computed in this thread, for each task (binary with tied scores, multiclass with probabilities, regression).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parallelIntervals, resampleRowsOf } from '@modelgate/core/evaluate/bootstrap-workers';
import type { TaskData } from '@modelgate/core/evaluate/load';
import { parallelPairedSamples } from '@modelgate/core/evaluate/paired-bootstrap-workers';
import { placed, plainAlloc, sharedAlloc } from '@modelgate/core/metrics/bootstrap';

const pairedScript = join(import.meta.dirname, 'paired-worker.ts');
const plainScript = join(import.meta.dirname, '..', 'bootstrap-worker.ts');
const ROWS = 3_000;

/** A deterministic stream in [0, 1) (mulberry32). */
function stream(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Both models' data on the same rows (same truth): scores rounded to 2 decimals so ties occur. */
function pair(task: TaskData['task'], seed: number): [TaskData, TaskData] {
  const r = stream(seed);
  const truth = Int32Array.from({ length: ROWS }, () => (r() < 0.4 ? 1 : 0));
  if (task === 'regression') {
    const t = Float64Array.from({ length: ROWS }, () => 100 + 30 * r());
    const model = (noise: number) => Float64Array.from(t, (v) => v + noise * (r() - 0.5));
    return [
      { task, data: { truth: t, predicted: model(8) } },
      { task, data: { truth: t, predicted: model(12) } },
    ];
  }
  if (task === 'binary') {
    const model = (skill: number) => {
      const score = Float64Array.from(
        truth,
        (y) => Math.round(100 * Math.min(1, Math.max(0, y * skill + r() * (1 - skill)))) / 100,
      );
      return { labels: ['0', '1'], positive: 1, truth, predicted: Int32Array.from(score, (s) => +(s >= 0.5)), score };
    };
    return [
      { task, data: model(0.4) },
      { task, data: model(0.3) },
    ];
  }
  const k = 3;
  const classes = Int32Array.from({ length: ROWS }, () => Math.floor(r() * k));
  const model = (skill: number) => {
    const proba = Array.from({ length: k }, () => new Float64Array(ROWS));
    const predicted = new Int32Array(ROWS);
    for (let i = 0; i < ROWS; i++) {
      let sum = 0;
      for (let c = 0; c < k; c++)
        sum += proba[c]![i] = Math.round(100 * (r() + (c === classes[i] ? skill : 0))) / 100 + 0.01;
      let best = 0;
      for (let c = 0; c < k; c++) {
        proba[c]![i]! /= sum;
        if (proba[c]![i]! > proba[best]![i]!) best = c;
      }
      predicted[i] = best;
    }
    return { labels: ['a', 'b', 'c'], truth: classes, predicted, proba };
  };
  return [
    { task, data: model(0.6) },
    { task, data: model(0.4) },
  ];
}

const NAMES: Record<TaskData['task'], string[]> = {
  binary: ['accuracy', 'roc_auc', 'average_precision', 'log_loss', 'brier_score'],
  multiclass: ['accuracy', 'log_loss', 'roc_auc_ovr'],
  regression: ['mae', 'r2', 'median_ae', 'max_error'],
};

describe('bootstraps on worker threads, prepared rows in shared memory', () => {
  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`${task}: the paired samples with 2 workers are this thread's`, async () => {
      const [current, baseline] = pair(task, 7);
      const here = await parallelPairedSamples(current, baseline, NAMES[task], 240, 5, { workers: 1 });
      const progress: number[] = [];
      const two = await parallelPairedSamples(current, baseline, NAMES[task], 240, 5, {
        script: pairedScript,
        workers: 2,
        onProgress: (n) => progress.push(n),
      });
      expect(two).toEqual(here);
      for (const name of NAMES[task]) expect(Number.isFinite(here.difference[name]![0])).toBe(true);
      // this thread reports its 120 resamples by slices of 50, the worker its 100th of 120
      expect(progress.at(-1)).toBe(220);
    });

    it(`${task}: the plain intervals with 2 workers are this thread's`, async () => {
      const [current] = pair(task, 9);
      const here = await parallelIntervals(current, NAMES[task], 120, 3, { workers: 1 });
      const two = await parallelIntervals(current, NAMES[task], 120, 3, { script: plainScript, workers: 2 });
      expect(two).toEqual(here);
    });
  }

  it('prepares every per-row array in shared memory when asked to', () => {
    for (const task of ['binary', 'multiclass', 'regression'] as const) {
      const rows = resampleRowsOf(pair(task, 1)[0], sharedAlloc);
      const arrays = Object.values(rows).flatMap((v) =>
        ArrayBuffer.isView(v) ? [v] : Array.isArray(v) ? v.flatMap((c: object) => Object.values(c)) : [],
      );
      expect(arrays.length).toBeGreaterThan(0);
      for (const a of arrays) expect(a.buffer, task).toBeInstanceOf(SharedArrayBuffer);
    }
  });

  it('places an array as it is for plain memory, and copies it into shared memory', () => {
    const order = Uint32Array.of(3, 1, 2);
    expect(placed(order, plainAlloc)).toBe(order);
    const shared = placed(order, sharedAlloc);
    expect(shared).not.toBe(order);
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared).toEqual(order);
    expect(shared).toBeInstanceOf(Uint32Array);
  });
});
