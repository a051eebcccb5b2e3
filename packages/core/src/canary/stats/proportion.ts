/**
 * The pooled two-proportion z-test, one-sided: is the canary's success rate lower than stable's? The same as
 * statsmodels' `proportions_ztest([canary, stable], [canaryTotal, stableTotal], alternative="smaller")`
 * (scripts/oracles/proportion.py checks it). When both rates are 0 or both are 1 the pooled variance is 0 and
 * there is no evidence either way: z is 0 and the p-value 0.5, so a zero-conversion stable never fails a
 * zero-conversion canary.
 */
import { normalCdf } from '../../drift/special.ts';

export interface ProportionResult {
  canaryRate: number;
  stableRate: number;
  z: number;
  /** P(Z ≤ z): small when the canary's rate is lower than stable's. */
  pValue: number;
}

/** Counts of successes out of totals per track; totals > 0 and successes within 0..total. */
export function twoProportionZ(
  canary: { successes: number; total: number },
  stable: { successes: number; total: number },
): ProportionResult {
  const canaryRate = canary.successes / canary.total;
  const stableRate = stable.successes / stable.total;
  const pooled = (canary.successes + stable.successes) / (canary.total + stable.total);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / canary.total + 1 / stable.total));
  const z = se > 0 ? (canaryRate - stableRate) / se : 0;
  return { canaryRate, stableRate, z, pValue: normalCdf(z) };
}
