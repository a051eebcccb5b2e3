/**
 * McNemar's test on paired right/wrong outcomes, as statsmodels 0.13
 * `mcnemar(table, exact=b + c < 25, correction=True)` computes it: the exact binomial test when the discordant pairs
 * are few, else chi-squared with continuity correction.
 */
import { chi2Sf } from '../../drift/special.ts';

/** Below this many discordant pairs the exact binomial test is used (the contract's `exact = b + c < 25`). */
export const EXACT_BELOW = 25;

export interface McNemarResult {
  /** min(b, c) for the exact test, the corrected chi-squared statistic otherwise (statsmodels' `statistic`). */
  statistic: number;
  p_value: number;
  exact: boolean;
}

/** Counts of the 2×2 table of (baseline right, current right), from each row's correctness. */
export function discordantPairs(
  baselineRight: (i: number) => boolean,
  currentRight: (i: number) => boolean,
  rows: number,
): { b: number; c: number } {
  let b = 0,
    c = 0;
  for (let i = 0; i < rows; i++) {
    const base = baselineRight(i),
      cur = currentRight(i);
    if (base && !cur) b++;
    else if (cur && !base) c++;
  }
  return { b, c };
}

/**
 * The test on discordant counts b (baseline right, current wrong) and c (current right, baseline wrong). The exact
 * p-value is 2·P(X ≤ min(b, c)) for X ~ Binomial(b + c, 1/2), capped at 1 (statsmodels: `binom.cdf(...) * 2`); the
 * terms are integers below 2^25, so the sum is exact.
 */
export function mcnemar(b: number, c: number): McNemarResult {
  const n = b + c;
  if (n < EXACT_BELOW) {
    const x = Math.min(b, c);
    let term = 1, // C(n, 0)
      sum = 0;
    for (let k = 0; k <= x; k++) {
      sum += term;
      term = (term * (n - k)) / (k + 1);
    }
    return { statistic: x, p_value: Math.min(1, (2 * sum) / 2 ** n), exact: true };
  }
  // statsmodels subtracts the correction even when |b - c| is 0: (0 - 1)² / n
  const statistic = (Math.abs(b - c) - 1) ** 2 / n;
  return { statistic, p_value: chi2Sf(statistic, 1), exact: false };
}
