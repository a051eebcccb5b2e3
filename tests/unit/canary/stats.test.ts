import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mannWhitneyU, median } from '@modelgate/core/canary/stats/mann-whitney';
import { twoProportionZ } from '@modelgate/core/canary/stats/proportion';

interface MannWhitneyCase {
  name: string;
  canary: number[];
  stable: number[];
  recorded?: boolean;
  u: number;
  p_value: number;
  canary_median: number;
  stable_median: number;
}
interface ProportionCase {
  name: string;
  canary: { successes: number; total: number };
  stable: { successes: number; total: number };
  z: number | null;
  p_value: number | null;
}
const oracle = JSON.parse(
  readFileSync(new URL('../../fixtures/canary/stats-oracle.json', import.meta.url), 'utf8'),
) as { mann_whitney: MannWhitneyCase[]; proportion: ProportionCase[] };

describe('mannWhitneyU against SciPy 1.10 (scripts/oracles/canary_stats.py)', () => {
  it('has the samples a real Prometheus returned among its cases', () => {
    const recorded = oracle.mann_whitney.filter((c) => c.recorded);
    expect(recorded.length).toBe(4);
    for (const c of recorded) expect(c.canary.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of oracle.mann_whitney) {
    it(`${c.name}: U, p-value (to 1e-9) and medians equal SciPy's`, () => {
      const result = mannWhitneyU(c.canary, c.stable);
      expect(result.u).toBe(c.u);
      expect(Math.abs(result.pValue - c.p_value)).toBeLessThan(1e-9);
      expect(median(c.canary)).toBe(c.canary_median);
      expect(median(c.stable)).toBe(c.stable_median);
    });
  }

  it('gives p = 1 when every value is tied (a zero-error stable against a zero-error canary)', () => {
    expect(mannWhitneyU([0, 0, 0], [0, 0]).pValue).toBe(1);
    expect(mannWhitneyU([0, 0, 0], [0, 0]).z).toBe(-Infinity);
  });

  it('is symmetric: swapping the samples keeps the p-value and gives U2 = n1·n2 − U1', () => {
    const c = oracle.mann_whitney.find((k) => k.name === 'latency_seconds')!;
    const swapped = mannWhitneyU(c.stable, c.canary);
    expect(swapped.pValue).toBe(mannWhitneyU(c.canary, c.stable).pValue);
    expect(swapped.u).toBe(c.canary.length * c.stable.length - c.u);
  });

  it('refuses an empty sample on either side, saying so', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(new RangeError('mannWhitneyU needs two non-empty samples'));
    expect(() => mannWhitneyU([1], [])).toThrow(new RangeError('mannWhitneyU needs two non-empty samples'));
  });
});

describe('twoProportionZ against statsmodels proportions_ztest(alternative="smaller")', () => {
  for (const c of oracle.proportion.filter((k) => k.z !== null)) {
    it(`${c.name}: z and one-sided p-value equal statsmodels'`, () => {
      const result = twoProportionZ(c.canary, c.stable);
      expect(Math.abs(result.z - c.z!)).toBeLessThan(1e-12);
      expect(Math.abs(result.pValue - c.p_value!)).toBeLessThan(1e-12);
    });
  }

  it('gives z = 0 and p = 0.5 where statsmodels divides by a zero variance (no conversions on either track)', () => {
    const c = oracle.proportion.find((k) => k.z === null)!;
    expect(twoProportionZ(c.canary, c.stable)).toEqual({ canaryRate: 0, stableRate: 0, z: 0, pValue: 0.5 });
    expect(twoProportionZ({ successes: 10, total: 10 }, { successes: 20, total: 20 }).pValue).toBe(0.5);
  });
});
