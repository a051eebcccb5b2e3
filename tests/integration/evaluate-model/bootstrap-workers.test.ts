import { describe, expect, it } from 'vitest';
import { evaluateModel, workspace } from './harness.ts';

/** 60,000 rows of a deterministic binary problem: large enough (rows x resamples >= 50M) for the worker threads. */
function predictions(): string {
  const lines = ['label,prediction,score'];
  let state = 12345;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 60_000; i++) {
    const label = next() < 0.4 ? 1 : 0;
    const score = Math.min(0.999, Math.max(0.001, 0.35 * label + 0.65 * next()));
    lines.push(`${label},${score >= 0.5 ? 1 : 0},${score.toFixed(4)}`);
  }
  return lines.join('\n') + '\n';
}

describe('evaluate-model bootstrap on worker threads (the bundle is its own worker)', () => {
  it('gives the same intervals for a seed on every run, around the point estimates', async () => {
    const cwd = workspace({ 'p.csv': predictions() });
    const inputs = { predictions: 'p.csv', 'score-column': 'score', bootstrap: '1000', seed: '7' };
    const first = await evaluateModel(cwd, inputs);
    const second = await evaluateModel(cwd, inputs);
    expect(first.exitCode, first.stdout).toBe(0);
    expect(second.exitCode, second.stdout).toBe(0);
    expect(first.stdout).toMatch(
      /Bootstrap: 1,000 resamples of 60,000 rows on \d+ threads \(this one and (a worker|\d+ workers)\)/,
    );
    const intervals = first.doc!.intervals as Record<string, { low: number; high: number; level: number }>;
    expect(second.doc!.intervals).toEqual(intervals);
    for (const [metric, value] of Object.entries(first.doc!.metrics)) {
      const interval = intervals[metric]!;
      expect(interval.level).toBe(0.95);
      expect(interval.low, metric).toBeLessThanOrEqual(value);
      expect(interval.high, metric).toBeGreaterThanOrEqual(value);
      expect(interval.high - interval.low, metric).toBeLessThan(0.05);
    }
  }, 120_000);
});
