/**
 * Evidently's default drift test per column (legacy `_get_default_stattest`) and the default thresholds of
 * its stattests. n_values is the number of distinct values of reference and current together.
 */
export const DRIFT_METHODS = ['ks', 'chi2', 'z', 'psi', 'wasserstein', 'jensen_shannon'] as const;
export type DriftMethod = (typeof DRIFT_METHODS)[number];

/** Methods whose statistic is a p-value test (drift when p is below the threshold). */
export const P_VALUE_METHODS: ReadonlySet<DriftMethod> = new Set(['ks', 'chi2', 'z']);

/** Evidently's default thresholds: 0.05 on the p-value, 0.1 on distances. */
export const DEFAULT_THRESHOLD: Record<DriftMethod, number> = {
  ks: 0.05,
  chi2: 0.05,
  z: 0.05,
  psi: 0.1,
  wasserstein: 0.1,
  jensen_shannon: 0.1,
};

/** The method Evidently picks for a column. */
export function defaultMethod(referenceRows: number, numeric: boolean, distinctValues: number): DriftMethod {
  if (referenceRows <= 1000) {
    if (numeric && distinctValues > 5) return 'ks';
    return distinctValues > 2 ? 'chi2' : 'z';
  }
  return numeric && distinctValues > 5 ? 'wasserstein' : 'jensen_shannon';
}

/** Whether a test result counts as drift: Evidently uses p <= t for KS, p < t for chi2 and z, d >= t otherwise. */
export function isDrift(method: DriftMethod, value: number, threshold: number): boolean {
  if (method === 'ks') return value <= threshold;
  if (P_VALUE_METHODS.has(method)) return value < threshold;
  return value >= threshold;
}
