/**
 * Judging one measurement of a check: the canary's value against min/max, and against the stable track's value
 * for max-regression-pct. Pure, so every rule is unit tested.
 */
import { alphaOf, type Check } from './analysis.ts';

/** What a statistical check measured: the samples' sizes, medians or rates, the statistic and the p-value. */
export interface StatsDetail {
  test: 'mann-whitney' | 'proportion';
  /** Samples per track (mann-whitney), or trials (the total count, proportion). */
  canaryN: number;
  stableN: number;
  /** `median` for mann-whitney, `rate` (successes / total) for proportion. */
  centre: 'median' | 'rate';
  /** U of the canary's sample (mann-whitney) or z (proportion); null when there was too little data to test. */
  statistic: number | null;
  pValue: number | null;
  alpha: number;
  /** The range the samples were read over (mann-whitney): Unix seconds and the step. */
  window?: { start: number; end: number; stepSeconds: number };
  /** Stable's range when it differs from the canary's (after a blue-green switch: the interval before it). */
  stableWindow?: { start: number; end: number; stepSeconds: number };
  /** The samples judged (mann-whitney), in time order: the verdict can be checked by hand from the output. */
  samples?: { canary: number[]; stable: number[] };
}

/** What one check measured at one step and what was concluded. */
export interface Measurement {
  name: string;
  /** The canary's value; for a statistical check its median or rate. */
  canary: number | null;
  stable: number | null;
  /** The rules as written, e.g. `max 0.05; regression ≤ 10% (lower is better)`. */
  rule: string;
  verdict: 'pass' | 'fail' | 'no-data' | 'error';
  /** Why, in words: `canary 0.09 > max 0.05`. */
  reason: string;
  /** Did this measurement pass (no-data passes with on-no-data: pass; a dry-run check always does)? */
  passed: boolean;
  /** A `dry-run: true` check: measured and reported, never deciding. */
  dryRun?: boolean;
  stats?: StatsDetail;
}

const show = (v: number) => String(Number(v.toPrecision(6)));

/** The check's rules in words. */
export function describeRule(check: Check): string {
  const dry = check['dry-run'] ? ' (dry run: never decides)' : '';
  if (check.compare === 'mann-whitney')
    return `Mann-Whitney U, two-sided p < ${show(alphaOf(check))} with a worse median (${check.direction} is better)${dry}`;
  if (check.compare === 'proportion')
    return `two-proportion z-test, one-sided p < ${show(alphaOf(check))} with a lower success rate${dry}`;
  const parts: string[] = [];
  if (check.min !== undefined) parts.push(`min ${show(check.min)}`);
  if (check.max !== undefined) parts.push(`max ${show(check.max)}`);
  if (check['max-regression-pct'] !== undefined)
    parts.push(`regression ≤ ${show(check['max-regression-pct'])}% vs stable (${check.direction} is better)`);
  return parts.join('; ') + dry;
}

/** The worsening of canary against stable, in percent of |stable| (positive is worse); a zero stable allows none. */
export function regressionPct(canary: number, stable: number, direction: 'higher' | 'lower'): number {
  const worse = direction === 'lower' ? canary - stable : stable - canary;
  if (stable === 0) return worse > 0 ? Infinity : 0;
  return (worse / Math.abs(stable)) * 100;
}

/** Judges one measurement; `stable` is only needed for max-regression-pct. */
export function judge(check: Check, canary: number | undefined, stable: number | undefined): Measurement {
  const base = { name: check.name, canary: canary ?? null, stable: stable ?? null, rule: describeRule(check) };
  const noData = (track: string): Measurement => {
    const passed = check['on-no-data'] === 'pass';
    return {
      ...base,
      verdict: 'no-data',
      passed,
      reason: `no data for the ${track} track (on-no-data: ${check['on-no-data']})`,
    };
  };
  if (canary === undefined) return noData('canary');
  const fail = (reason: string): Measurement => ({ ...base, verdict: 'fail', passed: false, reason });
  if (check.min !== undefined && canary < check.min) return fail(`canary ${show(canary)} < min ${show(check.min)}`);
  if (check.max !== undefined && canary > check.max) return fail(`canary ${show(canary)} > max ${show(check.max)}`);
  const limit = check['max-regression-pct'];
  if (limit !== undefined) {
    if (stable === undefined) return noData('stable');
    const pct = regressionPct(canary, stable, check.direction);
    if (pct > limit) {
      const amount = Number.isFinite(pct) ? `${show(pct)}%` : 'any amount (stable is 0)';
      return fail(`canary ${show(canary)} is worse than stable ${show(stable)} by ${amount}, over ${show(limit)}%`);
    }
  }
  return { ...base, verdict: 'pass', passed: true, reason: 'within the rules' };
}
