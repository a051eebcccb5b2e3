// One paired test entry of a comparison block, for the unit tests of the paired gate, report and block reader.
import type { PairedTest } from '@modelgate/core/compare/paired';

/** McNemar's test of accuracy 0.90 → 0.88 (difference −0.02, 95% interval −0.05 to 0.01) with p-value `p`. */
export const pairedTest = (p: number, extra: Partial<PairedTest> = {}): PairedTest => ({
  baseline: 0.9,
  current: 0.88,
  difference: -0.02,
  low: -0.05,
  high: 0.01,
  level: 0.95,
  p_value: p,
  test: 'mcnemar',
  ...extra,
});
