/** The report's part for a baseline: the paired comparison table, and the calibration per bin for two models. */
import type { Comparison } from '../contracts/metrics.ts';
import { fmt, Markdown } from '../report/markdown.ts';

const TEST_NAMES = { mcnemar: 'McNemar', delong: 'DeLong', 'paired-bootstrap': 'paired bootstrap' } as const;
/** 4 decimals; very large or very small magnitudes (a MAPE over a zero target) in 4 significant digits. */
const f = (v: number) => {
  const a = Math.abs(v);
  if (a >= 1e6 || (a > 0 && a < 1e-4)) return v.toPrecision(4);
  return Number.isInteger(v) ? String(v) : v.toFixed(4);
};
const signed = (v: number) => (v > 0 ? `+${f(v)}` : v === 0 ? '0' : f(v));
/** p-values: small ones in exponent form, so 3e-8 does not read as 0.0000. */
const p = (v: number) => (v >= 0.001 ? v.toFixed(3) : v === 0 ? '0' : v.toExponential(1));

/** The bin centres of the 10-bin calibration curve (metrics/calibration): 0.05, 0.15, … 0.95. */
export const CALIBRATION_BIN_CENTERS = Array.from({ length: 10 }, (_, i) => (2 * i + 1) / 20);

/**
 * A calibration curve's fraction of positives in each of the 10 bins, for a chart with one category per bin. A point's
 * bin is that of its mean predicted probability; an empty bin takes the mean of its nearest neighbours' values.
 */
export function calibrationByBin(points: [number, number][]): number[] {
  const bins = CALIBRATION_BIN_CENTERS.length;
  const y = new Array<number | undefined>(bins).fill(undefined);
  for (const [x, frac] of points) y[Math.min(bins - 1, Math.max(0, Math.ceil(x * bins) - 1))] = frac;
  return y.map((v, i) => {
    if (v !== undefined) return v;
    let lo = i - 1,
      hi = i + 1;
    while (lo >= 0 && y[lo] === undefined) lo--;
    while (hi < bins && y[hi] === undefined) hi++;
    const near = [lo >= 0 ? y[lo] : undefined, hi < bins ? y[hi] : undefined].filter((n) => n !== undefined);
    return near.length ? near.reduce((a, b) => a + b, 0) / near.length : 0;
  });
}

/** "Against the baseline": per metric both values, the difference, its interval and the paired test's p-value. */
export function pairedSection(comparison: Comparison): Markdown {
  const md = new Markdown().heading(3, 'Against the baseline (paired, same rows)');
  md.paragraph(fmt.code(comparison.baseline.predictions));
  const rows = Object.entries(comparison.paired).map(([name, m]) => [
    fmt.breakable(name),
    f(m.baseline),
    f(m.current),
    signed(m.difference),
    m.low !== undefined && m.high !== undefined ? `${signed(m.low)} – ${signed(m.high)}` : '—',
    p(m.p_value),
    TEST_NAMES[m.test],
  ]);
  md.table(['metric', 'baseline', 'model', 'difference', '95% interval', 'p-value', 'test'], rows, [
    'left',
    'right',
    'right',
    'right',
    'right',
    'right',
    'left',
  ]);
  md.paragraph(
    'The difference is the model minus the baseline on the same rows. McNemar: exact binomial below 25 discordant ' +
      'pairs, else chi-squared with continuity correction; DeLong: Z for two correlated ROC curves; paired bootstrap: ' +
      'both models scored on the same resampled rows (a p-value of 0: no resample had a difference of 0 or the other sign).',
  );
  return md;
}
