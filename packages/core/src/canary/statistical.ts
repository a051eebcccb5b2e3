/**
 * Judging a statistical check (pure): the canary's samples against stable's with the Mann-Whitney U test, or
 * their success counts with the two-proportion z-test. A check fails only on a significant difference (p below
 * alpha) in the worse direction; fewer samples than `min-samples` is "no data", left to `on-no-data`.
 */
import { alphaOf, minSamplesOf, type Check } from './analysis.ts';
import { mannWhitneyU, median } from './stats/mann-whitney.ts';
import { twoProportionZ } from './stats/proportion.ts';
import { describeRule, type Measurement, type StatsDetail } from './verdict.ts';

const show = (v: number) => String(Number(v.toPrecision(4)));
/** p-values are shown with 3 significant digits, the tiny ones in exponent form. */
export const showP = (p: number) => (p < 1e-4 ? p.toExponential(2) : String(Number(p.toPrecision(3))));

function noData(check: Check, base: Omit<Measurement, 'verdict' | 'passed' | 'reason'>, why: string): Measurement {
  return {
    ...base,
    verdict: 'no-data',
    passed: check['on-no-data'] === 'pass',
    reason: `${why} (on-no-data: ${check['on-no-data']})`,
  };
}

/** Mann-Whitney over the two tracks' samples of the interval. */
export function judgeMannWhitney(
  check: Check,
  canary: number[],
  stable: number[],
  window?: StatsDetail['window'],
  stableWindow?: StatsDetail['window'],
): Measurement {
  const alpha = alphaOf(check);
  const min = minSamplesOf(check);
  const stats: StatsDetail = {
    test: 'mann-whitney',
    canaryN: canary.length,
    stableN: stable.length,
    centre: 'median',
    statistic: null,
    pValue: null,
    alpha,
    ...(window ? { window } : {}),
    ...(stableWindow ? { stableWindow } : {}),
    samples: { canary, stable },
  };
  const base = {
    name: check.name,
    canary: canary.length ? median(canary) : null,
    stable: stable.length ? median(stable) : null,
    rule: describeRule(check),
    stats,
  };
  if (canary.length < min || stable.length < min)
    return noData(
      check,
      base,
      `${canary.length} canary and ${stable.length} stable sample(s), fewer than min-samples ${min}`,
    );
  const { u, pValue } = mannWhitneyU(canary, stable);
  stats.statistic = u;
  stats.pValue = pValue;
  const c = base.canary!;
  const s = base.stable!;
  const worse = check.direction === 'lower' ? c > s : c < s;
  const medians = `canary median ${show(c)}, stable ${show(s)}`;
  if (pValue < alpha && worse)
    return {
      ...base,
      verdict: 'fail',
      passed: false,
      reason: `p = ${showP(pValue)} < ${show(alpha)} and the ${medians} is worse (${check.direction} is better)`,
    };
  const why =
    pValue < alpha
      ? `p = ${showP(pValue)} < ${show(alpha)}, but the ${medians} is not worse`
      : `p = ${showP(pValue)} ≥ ${show(alpha)}: no significant difference (${medians})`;
  return { ...base, verdict: 'pass', passed: true, reason: why };
}

/** Counts of one track: successes and total over the interval (undefined: the query had no data). */
export interface Counts {
  successes: number | undefined;
  total: number | undefined;
}

/** The pooled two-proportion z-test on the tracks' success counts: fails when the canary converts less. */
export function judgeProportion(check: Check, canary: Counts, stable: Counts): Measurement {
  const alpha = alphaOf(check);
  const min = minSamplesOf(check);
  const rate = (c: Counts) =>
    // Stryker disable next-line ConditionalExpression: `c.total !== undefined` only narrows the type; `undefined > 0` is false anyway
    c.successes !== undefined && c.total !== undefined && c.total > 0 ? c.successes / c.total : null;
  const stats: StatsDetail = {
    test: 'proportion',
    canaryN: canary.total ?? 0,
    stableN: stable.total ?? 0,
    centre: 'rate',
    statistic: null,
    pValue: null,
    alpha,
  };
  const base = { name: check.name, canary: rate(canary), stable: rate(stable), rule: describeRule(check), stats };
  for (const [track, c] of [
    ['canary', canary],
    ['stable', stable],
  ] as const) {
    if (c.successes === undefined || c.total === undefined)
      return noData(check, base, `no counts for the ${track} track`);
    if (!(c.successes >= 0 && c.successes <= c.total && Number.isFinite(c.total)))
      return {
        ...base,
        verdict: 'error',
        passed: false,
        reason: `the ${track} track counts ${show(c.successes)} successes out of ${show(c.total)}: success-query must count a subset of total-query`,
      };
    if (c.total < min)
      return noData(check, base, `the ${track} track has ${show(c.total)} trial(s), fewer than min-samples ${min}`);
  }
  const result = twoProportionZ(
    { successes: canary.successes!, total: canary.total! },
    { successes: stable.successes!, total: stable.total! },
  );
  stats.statistic = result.z;
  stats.pValue = result.pValue;
  const rates = `canary rate ${show(result.canaryRate)}, stable ${show(result.stableRate)}`;
  if (result.pValue < alpha && result.canaryRate < result.stableRate)
    return {
      ...base,
      verdict: 'fail',
      passed: false,
      reason: `the canary's success rate is lower: ${rates}, one-sided p = ${showP(result.pValue)} < ${show(alpha)}`,
    };
  return {
    ...base,
    verdict: 'pass',
    passed: true,
    reason: `${rates}, one-sided p = ${showP(result.pValue)}${result.pValue < alpha ? '' : ` ≥ ${show(alpha)}`}`,
  };
}
