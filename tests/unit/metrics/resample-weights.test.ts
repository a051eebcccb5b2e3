import { describe, expect, it } from 'vitest';
import { normaliseRowsInPlace } from '@modelgate/core/metrics/probability';
import { binaryMetrics } from '@modelgate/core/metrics/binary';
import { multiclassMetrics } from '@modelgate/core/metrics/multiclass';
import { regressionMetrics } from '@modelgate/core/metrics/regression';
import { orderDescending } from '@modelgate/core/metrics/order';
import { binaryResampler } from '@modelgate/core/metrics/resample-binary';
import { multiclassResampler } from '@modelgate/core/metrics/resample-multiclass';
import { regressionResampler } from '@modelgate/core/metrics/resample-regression';
import { binaryFixture, labelsOf, loadFixture, numbers } from './fixtures.ts';

/** Weights 0..3 in an irregular pattern, so rows are dropped, kept and repeated. */
const weightsFor = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + (i >> 2)) % 4);

/**
 * The rows of a resample: the i-th row of the resampler's order repeated w[i] times. Binary and regression
 * resamplers walk rows by descending score or absolute error, and weight i belongs to the i-th row of that walk
 * (Poisson weights are exchangeable; the paired bootstrap maps positions, evaluate/resample-order.ts).
 */
function expand(w: Uint8Array, order?: Uint32Array): Uint32Array {
  const rows: number[] = [];
  w.forEach((k, i) => {
    for (let j = 0; j < k; j++) rows.push(order ? order[i]! : i);
  });
  return Uint32Array.from(rows);
}
const gatherInt = (a: Int32Array, rows: Uint32Array) => Int32Array.from(rows, (r) => a[r]!);
const gatherFloat = (a: Float64Array, rows: Uint32Array) => Float64Array.from(rows, (r) => a[r]!);

function expectSame(resampled: Record<string, number>, point: Record<string, number | undefined>) {
  expect(Object.keys(resampled).length).toBeGreaterThan(0);
  for (const [m, v] of Object.entries(resampled)) {
    const want = point[m]!;
    expect(Math.abs(v - want), `${m}: ${v} vs ${want}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
  }
}

describe('a weighted resample equals the metrics of its rows repeated by weight', () => {
  it('binary (with tied scores)', () => {
    const { data: d } = binaryFixture('binary_ties');
    const w = weightsFor(d.truth.length);
    const rows = expand(w, orderDescending(d.score));
    const point = binaryMetrics(
      {
        ...d,
        truth: gatherInt(d.truth, rows),
        predicted: gatherInt(d.predicted, rows),
        score: gatherFloat(d.score, rows),
      },
      () => {},
    );
    expectSame(binaryResampler(d).values(w), point);
  });

  it('multiclass (with probabilities)', () => {
    const mc = loadFixture('multiclass_strings').columns;
    const { labels, codes } = labelsOf(mc, ['bird', 'cat', 'dog']);
    const d = { labels, truth: codes[0]!, predicted: codes[1]!, proba: labels.map((c) => numbers(mc[`proba_${c}`]!)) };
    normaliseRowsInPlace(d.proba);
    const w = weightsFor(d.truth.length);
    const rows = expand(w);
    const point = multiclassMetrics(
      {
        labels,
        truth: gatherInt(d.truth, rows),
        predicted: gatherInt(d.predicted, rows),
        proba: d.proba.map((p) => gatherFloat(p, rows)),
      },
      () => {},
    );
    expectSame(multiclassResampler(d).values(w), point);
  });

  it('regression, odd and even resample sizes, and nothing for an empty resample', () => {
    const rc = loadFixture('regression').columns;
    const d = { truth: numbers(rc.label!), predicted: numbers(rc.prediction!) };
    const resampler = regressionResampler(d);
    for (const w of [weightsFor(d.truth.length), weightsFor(d.truth.length).map((x, i) => (i === 0 ? x + 1 : x))]) {
      const rows = expand(w, orderDescending(d.truth.map((t, i) => Math.abs(d.predicted[i]! - t))));
      const point = regressionMetrics(
        { truth: gatherFloat(d.truth, rows), predicted: gatherFloat(d.predicted, rows) },
        () => {},
      );
      expectSame(resampler.values(w), point);
    }
    expect(resampler.values(new Uint8Array(d.truth.length))).toEqual({});
  });

  it('regression by hand: constant truth gives r2 0, perfect predictions r2 1, the median of repeated errors', () => {
    const constant = regressionResampler({
      truth: Float64Array.from([2, 2, 2]),
      predicted: Float64Array.from([1, 2, 4]),
    });
    // walked by descending error (2, 1, 0), weights 1, 2, 1: errors 2, 1, 1, 0 -> median 1, max 2, mse 6/4
    const v = constant.values(Uint8Array.from([1, 2, 1]));
    expect([v.r2, v.explained_variance, v.median_ae, v.max_error, v.mse, v.mae]).toEqual([0, 0, 1, 2, 1.5, 1]);
    const perfect = regressionResampler({
      truth: Float64Array.from([1, 2, 3]),
      predicted: Float64Array.from([1, 2, 3]),
    });
    const p = perfect.values(Uint8Array.from([0, 1, 3]));
    // walked 2, 1, 0 with weights 0, 1, 2: errors 1, 0, 0 -> median 0, max 1 (the first weighted row), mse 1/3
    const last = constant.values(Uint8Array.from([0, 1, 2]));
    expect([last.median_ae, last.max_error, last.mse]).toEqual([0, 1, 1 / 3]);
    expect([p.r2, p.explained_variance, p.max_error, p.median_ae]).toEqual([1, 1, 0, 0]);
  });
});
