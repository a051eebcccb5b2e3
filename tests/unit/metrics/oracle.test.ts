import { describe, expect, it } from 'vitest';
import { binaryMetrics } from '@modelgate/core/metrics/binary';
import { calibrationCurve } from '@modelgate/core/metrics/calibration';
import { multiclassMetrics } from '@modelgate/core/metrics/multiclass';
import { normaliseRowsInPlace } from '@modelgate/core/metrics/probability';
import { regressionMetrics } from '@modelgate/core/metrics/regression';
import type { MetricValues } from '@modelgate/core/metrics/types';
import { close, fixtureNames, labelsOf, loadFixture, numbers } from './fixtures.ts';

function compute(name: string): { got: MetricValues; warnings: string[] } {
  const { columns, expected } = loadFixture(name);
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  if (expected.task === 'regression') {
    return {
      got: regressionMetrics({ truth: numbers(columns.label!), predicted: numbers(columns.prediction!) }, warn),
      warnings,
    };
  }
  if (expected.task === 'binary') {
    const { labels, codes } = labelsOf(columns);
    const d = {
      labels,
      truth: codes[0]!,
      predicted: codes[1]!,
      positive: labels.indexOf(expected.positive!),
      score: numbers(columns.score!),
    };
    return { got: binaryMetrics(d, warn), warnings };
  }
  const { labels, codes } = labelsOf(columns, expected.classes);
  const proba = labels.map((c) => numbers(columns[`proba_${c}`]!));
  normaliseRowsInPlace(proba); // as evaluate-model does on reading
  return { got: multiclassMetrics({ labels, truth: codes[0]!, predicted: codes[1]!, proba }, warn), warnings };
}

describe('metrics equal scikit-learn 1.2.1 on every oracle fixture', () => {
  for (const name of fixtureNames()) {
    it(`${name}: every metric within 1e-9 relative, the same metrics left out`, () => {
      const { expected } = loadFixture(name);
      const { got, warnings } = compute(name);
      for (const [metric, value] of Object.entries(expected.metrics)) {
        expect(close(got[metric], value), `${metric}: got ${got[metric]}, scikit-learn ${value}`).toBe(true);
      }
      for (const metric of expected.omitted) {
        expect(got[metric], `${metric} should be left out`).toBeUndefined();
        expect(
          warnings.some((w) => w.startsWith(metric)),
          `a warning says why ${metric} is missing`,
        ).toBe(true);
      }
      expect(Object.keys(got).sort()).toEqual(Object.keys(expected.metrics).sort());
    });
  }

  it('calibration curve equals calibration_curve(n_bins=10, strategy="uniform")', () => {
    for (const name of fixtureNames()) {
      const { columns, expected } = loadFixture(name);
      if (!expected.calibration) continue;
      const positive = Uint8Array.from(columns.label!, (l) => (l === expected.positive ? 1 : 0));
      const curve = calibrationCurve(positive, numbers(columns.score!));
      expect(curve.length).toBe(expected.calibration.length);
      curve.forEach(([x, y], i) => {
        expect(close(x, expected.calibration![i]![0]), `${name} bin ${i} x`).toBe(true);
        expect(close(y, expected.calibration![i]![1]), `${name} bin ${i} y`).toBe(true);
      });
    }
  });
});
