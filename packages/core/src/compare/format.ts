import type { Direction, MetricComparison, MetricStatus } from './types.ts';

/** A metric value for the report: six significant digits, `—` when absent, NaN and ∞ spelled out. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) return v.toExponential(3);
  return String(Number(v.toPrecision(6)));
}

/**
 * A value beside the bound it broke (`0.3000001 is above the maximum 0.3`): six significant digits unless that
 * would read the same as the bound, then as many more as it takes to tell them apart (17 at most).
 */
export function formatAgainst(v: number, bound: number): string {
  const shown = formatValue(v);
  if (v === bound || shown !== formatValue(bound)) return shown;
  for (let digits = 7; digits <= 17; digits++) {
    const text = String(Number(v.toPrecision(digits)));
    if (text !== String(Number(bound.toPrecision(digits)))) return text;
  }
  return String(v);
}

/** A size of change to three significant digits (the values beside it carry the precision), e.g. `0.0117`. */
export function formatAmount(v: number): string {
  return formatValue(Number(Math.abs(v).toPrecision(3)));
}

/** A signed change to three significant digits, e.g. `+0.0123`: the same figure the report's bullets give. */
export function formatChange(v: number | null): string {
  if (v === null) return '—';
  if (v === 0) return '0';
  return `${v > 0 ? '+' : '−'}${formatAmount(v)}`;
}

/** Joins a change's arrow and number with no-break spaces, so a narrow column never wraps the arrow away. */
export function arrowedChange(direction: Direction, change: number | null): string {
  const arrow = changeArrow(direction, change);
  return arrow ? `${arrow}\u00a0${formatChange(change)}` : formatChange(change);
}

/** A signed percentage with two decimals; `—` when undefined (zero baseline). */
export function formatPercent(v: number | null): string {
  if (v === null) return '—';
  if (v === 0) return '0%';
  return `${v > 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}%`;
}

/**
 * An arrow for a change that says both which way the number moved and whether that is good for the metric:
 * 🟢 better, 🔴 worse (a falling log_loss is 🟢 ▼).
 */
export function changeArrow(direction: Direction, change: number | null): string {
  if (change === null || change === 0) return '';
  const better = direction === 'higher' ? change > 0 : change < 0;
  return `${better ? '🟢' : '🔴'}\u00a0${change > 0 ? '▲' : '▼'}`;
}

/**
 * The Rule cell, short enough for one line: the better direction as an arrow, then the rules, e.g.
 * `↑ min 0.8 · drop ≤ 0.01` or `↓ rise ≤ 10%` (the legend under the table says what the signs mean).
 */
export function ruleText(m: Pick<MetricComparison, 'direction' | 'checks'>): string {
  const worse = m.direction === 'higher' ? 'drop' : 'rise';
  const rules = m.checks
    .map((c) => c.rule)
    .filter((r) => r !== 'present' && r !== 'finite')
    .map((r) =>
      r.replace(/^max-regression-pct (.*)$/, `${worse} ≤ $1`).replace(/^max-regression (.*)$/, `${worse} ≤ $1`),
    );
  return [m.direction === 'higher' ? '↑' : '↓', ...rules]
    .join(' · ')
    .replace(/ /g, '\u00a0')
    .replace(/\u00a0·\u00a0/g, ' · ');
}

/** The legend under a metric table. */
export function ruleLegend(metrics: Pick<MetricComparison, 'directionFrom'>[]): string {
  const fromName = metrics.some((m) => m.directionFrom === 'name');
  return (
    '↑ higher is better, ↓ lower is better' +
    (fromName ? ' (from the metric’s name unless the thresholds set `direction`)' : '') +
    '; min/max: bounds on the value; drop/rise ≤: the worsening the rule allows against the baseline.'
  );
}

const STATUS: Record<MetricStatus, string> = {
  failed: '❌ failed',
  noise: '〰️ within noise',
  worse: '🟡 worse, within rules',
  improved: '✅ improved',
  unchanged: '⚪ unchanged',
  new: '🆕 new',
  removed: '➖ not in current',
};

/** The status cell: the outcome, and the failing rules for a failure. */
export function statusText(m: MetricComparison): string {
  if (m.status !== 'failed') return STATUS[m.status];
  const failed = m.checks.filter((c) => !c.passed && !c.noise).map((c) => c.rule);
  return `${STATUS.failed}: ${failed.join(', ')}`;
}

/** Table order: failures first, then noise, worse, improved, new, removed; unchanged last. */
export const STATUS_ORDER: readonly MetricStatus[] = [
  'failed',
  'noise',
  'worse',
  'improved',
  'new',
  'removed',
  'unchanged',
];
