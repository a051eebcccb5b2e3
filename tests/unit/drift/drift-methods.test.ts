// Which drift test a column gets by default and where a result becomes drift, at the exact boundaries Evidently
// uses: 1,000 reference rows, more than 5 distinct values (numeric), more than 2 (categories), and p <= t for KS
// but p < t for chi-squared and z, distance >= t.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLD,
  DRIFT_METHODS,
  P_VALUE_METHODS,
  defaultMethod,
  isDrift,
} from '@modelgate/core/drift/methods';

describe("Evidently's default drift test", () => {
  it('up to 1,000 reference rows: KS for numbers with more than 5 values, else chi-squared, z for 2 values', () => {
    expect(defaultMethod(1000, true, 6)).toBe('ks');
    expect(defaultMethod(1000, true, 5)).toBe('chi2');
    expect(defaultMethod(1000, false, 6)).toBe('chi2');
    expect(defaultMethod(1000, false, 3)).toBe('chi2');
    expect(defaultMethod(1000, false, 2)).toBe('z');
    expect(defaultMethod(1000, true, 2)).toBe('z');
  });

  it('above 1,000 rows: Wasserstein for numbers with more than 5 values, else Jensen-Shannon', () => {
    expect(defaultMethod(1001, true, 6)).toBe('wasserstein');
    expect(defaultMethod(1001, true, 5)).toBe('jensen_shannon');
    expect(defaultMethod(1001, false, 50)).toBe('jensen_shannon');
  });
});

describe('when a result is drift', () => {
  it('KS, chi-squared and z give p-values (drift below the threshold); the others distances', () => {
    expect([...P_VALUE_METHODS].sort()).toEqual(['chi2', 'ks', 'z']);
  });

  it('KS drifts at p equal to the threshold; chi-squared and z only below it', () => {
    expect(isDrift('ks', 0.05, 0.05)).toBe(true);
    expect(isDrift('ks', 0.050001, 0.05)).toBe(false);
    expect(isDrift('chi2', 0.05, 0.05)).toBe(false);
    expect(isDrift('chi2', 0.049, 0.05)).toBe(true);
    expect(isDrift('z', 0.05, 0.05)).toBe(false);
    expect(isDrift('z', 0.049, 0.05)).toBe(true);
  });

  it('distances drift at the threshold and above, not below', () => {
    for (const method of ['psi', 'wasserstein', 'jensen_shannon'] as const) {
      expect(isDrift(method, 0.1, 0.1), method).toBe(true);
      expect(isDrift(method, 0.3, 0.1), method).toBe(true);
      expect(isDrift(method, 0.09, 0.1), method).toBe(false);
    }
  });

  it("default thresholds are Evidently's: 0.05 on p-values, 0.1 on distances", () => {
    expect(DRIFT_METHODS).toEqual(['ks', 'chi2', 'z', 'psi', 'wasserstein', 'jensen_shannon']);
    expect(DEFAULT_THRESHOLD).toEqual({
      ks: 0.05,
      chi2: 0.05,
      z: 0.05,
      psi: 0.1,
      wasserstein: 0.1,
      jensen_shannon: 0.1,
    });
  });
});
