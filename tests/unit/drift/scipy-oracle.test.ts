import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ksTwoSample } from '@modelgate/core/drift/ks';
import { exactSample } from '@modelgate/core/sketch/samples';
import {
  binCategories,
  binNumeric,
  chiSquare,
  jensenShannon,
  proportionZ,
  psi,
  wassersteinNorm,
} from '@modelgate/core/drift/statistics';
import { type CategorySpec, type NumericSpec, categorySample, countsOf, numericSample } from './fixture-data.ts';

interface Stat {
  statistic: number;
  p_value: number;
}
const oracle = JSON.parse(readFileSync(new URL('../../fixtures/drift/scipy.json', import.meta.url), 'utf8')) as {
  numeric: {
    name: string;
    reference: NumericSpec;
    current: NumericSpec;
    ks: Stat;
    wasserstein_norm: number;
    jensen_shannon: number;
    psi: number;
  }[];
  categorical: {
    name: string;
    reference: CategorySpec;
    current: CategorySpec;
    chi2: Stat;
    z: Stat;
    jensen_shannon: number;
    psi: number;
  }[];
};

function close(actual: number, expectedJson: number | string, rel = 1e-9): void {
  const expected = Number(expectedJson);
  if (!Number.isFinite(expected)) return void expect(actual).toBe(expected);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), 1e-300) + 1e-300);
}

function std(xs: number[]): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
}

describe('numeric drift statistics equal SciPy 1.10', () => {
  for (const c of oracle.numeric) {
    const ref = numericSample(c.reference);
    const cur = numericSample(c.current);
    it(`ks_2samp statistic and p-value (${c.name}, n=${ref.length}/${cur.length})`, () => {
      const r = ksTwoSample(exactSample(ref), exactSample(cur));
      expect(r.statistic).toBe(c.ks.statistic);
      close(r.pValue, c.ks.p_value, 1e-9);
      expect(r.statisticError).toBe(0);
    });
    it(`wasserstein / reference std, Jensen-Shannon and PSI on Sturges bins (${c.name})`, () => {
      close(wassersteinNorm(exactSample(ref), exactSample(cur), std(ref)).statistic, c.wasserstein_norm, 1e-10);
      // Evidently bins numbers on Sturges edges only when the reference has more than 20 distinct values
      const all = [...ref, ...cur];
      const b =
        new Set(ref).size > 20
          ? binNumeric(exactSample(ref), exactSample(cur), Math.min(...all), Math.max(...all))
          : binCategories(countsOf(ref.map(String)), countsOf(cur.map(String)));
      close(jensenShannon(b.reference, b.current), c.jensen_shannon, 1e-10);
      close(psi(b), c.psi, 1e-10);
    });
  }
});

describe('categorical drift statistics equal SciPy 1.10', () => {
  for (const c of oracle.categorical) {
    const ref = countsOf(categorySample(c.reference));
    const cur = countsOf(categorySample(c.current));
    it(`chi-squared, two-proportion z, Jensen-Shannon and PSI (${c.name})`, () => {
      const chi = chiSquare(ref, cur);
      close(chi.statistic, c.chi2.statistic, 1e-12);
      close(chi.pValue, c.chi2.p_value, 1e-9);
      const z = proportionZ(ref, cur);
      close(z.statistic, c.z.statistic, 1e-12);
      close(z.pValue, c.z.p_value, 1e-9);
      const b = binCategories(ref, cur);
      close(jensenShannon(b.reference, b.current), c.jensen_shannon, 1e-12);
      close(psi(b), c.psi, 1e-12);
    });
  }
});
