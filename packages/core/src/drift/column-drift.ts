/**
 * Drift of one column between a reference summary and the current one: picks the method (Evidently's default
 * or the user's), runs it, and says why a column was skipped (identifier-like, no values, too many categories).
 */
import type { ColumnSummary } from '../sketch/column-summary.ts';
import { ksTwoSample } from './ks.ts';
import { DEFAULT_THRESHOLD, type DriftMethod, defaultMethod, isDrift } from './methods.ts';
import {
  type Binned,
  type Counts,
  binCategories,
  binNumeric,
  chiSquare,
  jensenShannon,
  proportionZ,
  psi,
  wassersteinNorm,
} from './statistics.ts';
import { CATEGORY_LIMIT } from '../sketch/categories.ts';
import type { WeightedSample } from '../sketch/samples.ts';

/**
 * Evidently's `get_binned_data` (PSI, Jensen-Shannon) bins a numeric column on histogram edges when its reference
 * holds more than this many distinct values, and one bin per value when it holds at most this many.
 */
export const NUMERIC_BINS_FROM = 20;

/** Share of distinct non-null values from which a column counts as an identifier (ids, emails). */
export const IDENTIFIER_SHARE = 0.95;
/** Fewer non-null values than this never make a column identifier-like (too few to tell). */
const IDENTIFIER_MIN_VALUES = 10;

export interface ColumnDrift {
  column: string;
  method: DriftMethod;
  statistic: number;
  p_value: number | null;
  threshold: number;
  drifted: boolean;
  /** Largest possible error of `statistic` when it comes from sketches; absent when exact. */
  error_bound?: number;
  /** Reference and current distribution on shared bins, for the summary chart. */
  bins: { labels: string[]; reference: number[]; current: number[] };
}

export interface DriftSkip {
  column: string;
  reason: string;
}

export interface DriftOptions {
  method?: DriftMethod;
  threshold?: number;
}

/** Category counts with numbers keyed canonically (so 1, 1.0 and 1e0 are one category). */
function counts(s: ColumnSummary): Counts | null {
  return s.categories.counts;
}

function unionDistinct(a: ColumnSummary, b: ColumnSummary): number {
  const ca = counts(a);
  const cb = counts(b);
  if (ca && cb) return new Set([...ca.keys(), ...cb.keys()]).size;
  return Math.max(a.distinctCount, b.distinctCount);
}

/** Whether a column's values are almost all distinct (ids, emails): default drift leaves it out. */
export function identifierLike(s: ColumnSummary): boolean {
  const floats = s.numeric && !s.integers;
  return !floats && s.count >= IDENTIFIER_MIN_VALUES && s.distinctCount >= IDENTIFIER_SHARE * s.count;
}

function categoryBins(ref: Counts, cur: Counts): ColumnDrift['bins'] {
  const b = binCategories(ref, cur);
  return { labels: [...new Set([...ref.keys(), ...cur.keys()])], ...b };
}

/** Tests one column for drift, or says why it was skipped. */
export function columnDrift(
  column: string,
  ref: ColumnSummary,
  cur: ColumnSummary,
  options: DriftOptions = {},
): ColumnDrift | DriftSkip {
  if (ref.count === 0 || cur.count === 0)
    return { column, reason: `no non-null values in the ${ref.count === 0 ? 'reference' : 'current data'}` };
  if (!options.method && (identifierLike(cur) || identifierLike(ref))) {
    return { column, reason: `identifier-like: at least ${IDENTIFIER_SHARE * 100}% of its values are distinct` };
  }
  const numeric = ref.numeric && cur.numeric;
  const distinct = unionDistinct(ref, cur);
  const method = options.method ?? defaultMethod(ref.count, numeric, distinct);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD[method];
  const refCounts = counts(ref);
  const curCounts = counts(cur);
  const tooMany = {
    column,
    reason: `${method} needs category counts, and the column has more than ${CATEGORY_LIMIT} distinct values`,
  };
  const result = (statistic: number, pValue: number | null, bins: ColumnDrift['bins'], error?: number): ColumnDrift => {
    const value = pValue ?? statistic;
    const out: ColumnDrift = {
      column,
      method,
      statistic,
      p_value: pValue,
      threshold,
      drifted: isDrift(method, value, threshold),
      bins,
    };
    if (error) out.error_bound = error;
    return out;
  };
  let samples: readonly [WeightedSample, WeightedSample] | null | undefined;
  // built once: the test and the chart's bins both read them (a sketch's sample is a sort and merge of its levels)
  const numericSamples = () => {
    // Stryker disable next-line ConditionalExpression: equivalent, building the samples again gives the same ones
    if (samples !== undefined) return samples;
    const a = numeric ? ref.numericSample() : null;
    const b = a ? cur.numericSample() : null;
    // a numeric summary always has a sample, so a and b are both null or both set
    // Stryker disable next-line LogicalOperator: equivalent, see above
    return (samples = a && b ? ([a, b] as const) : null);
  };
  const binned = (): { bins: Binned; labels: string[] } | DriftSkip | null => {
    // Evidently's get_binned_data: histogram bins for numbers when the reference has more than
    // NUMERIC_BINS_FROM distinct values, one bin per value otherwise (and always for categories)
    if (numeric && ref.distinctCount > NUMERIC_BINS_FROM) {
      const samples = numericSamples();
      // Stryker disable next-line ConditionalExpression: equivalent, both sides are numeric here, so both have samples
      if (!samples) return null;
      const b = binNumeric(samples[0], samples[1], Math.min(ref.min, cur.min), Math.max(ref.max, cur.max));
      return { bins: b, labels: b.edges.slice(0, -1).map(formatEdge) };
    }
    if (!refCounts || !curCounts) {
      return numeric
        ? {
            column,
            reason: `${method} bins each value when the reference has at most ${NUMERIC_BINS_FROM} distinct values (as Evidently), and the current data has more than ${CATEGORY_LIMIT}`,
          }
        : null;
    }
    const c = categoryBins(refCounts, curCounts);
    return { bins: c, labels: c.labels };
  };

  switch (method) {
    case 'ks':
    case 'wasserstein': {
      const samples = numericSamples();
      if (!samples) return { column, reason: `${method} needs numbers, and the column has non-numeric values` };
      const b = binned();
      const bins =
        b && !('reason' in b)
          ? { labels: b.labels, reference: b.bins.reference, current: b.bins.current }
          : { labels: [], reference: [], current: [] };
      if (method === 'ks') {
        const r = ksTwoSample(samples[0], samples[1]);
        return result(r.statistic, r.pValue, bins, r.statisticError);
      }
      const w = wassersteinNorm(samples[0], samples[1], ref.std);
      return result(w.statistic, null, bins, w.error);
    }
    case 'chi2':
    case 'z': {
      if (!refCounts || !curCounts) return tooMany;
      const r = method === 'chi2' ? chiSquare(refCounts, curCounts) : proportionZ(refCounts, curCounts);
      return result(r.statistic, r.pValue, categoryBins(refCounts, curCounts));
    }
    case 'jensen_shannon':
    case 'psi': {
      const b = binned();
      if (!b) return tooMany;
      if ('reason' in b) return b;
      const stat = method === 'psi' ? psi(b.bins) : jensenShannon(b.bins.reference, b.bins.current);
      return result(stat, null, { labels: b.labels, ...b.bins });
    }
  }
}

/** A bin edge as an axis label: three significant digits, never exponent notation (`1060`, not `1.06e+3`). */
export function formatEdge(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const v = Number(x.toPrecision(3));
  // toPrecision rounds no non-zero to 0, and the lines below write Infinity and NaN the same way: a shortcut
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, see above
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  if (abs >= 1e15 || abs < 1e-6) return v.toExponential(2);
  // JavaScript writes numbers from 1e-6 up to 1e21 without an exponent: `0.00000106`, `106000000000000`
  return String(v);
}
