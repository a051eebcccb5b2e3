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

/** A signed change to three significant digits (the values beside it carry the precision), e.g. `+0.0123`. */
export function formatChange(v: number | null): string {
  if (v === null) return '—';
  if (v === 0) return '0';
  return `${v > 0 ? '+' : '−'}${formatValue(Number(Math.abs(v).toPrecision(3)))}`;
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
  return `${better ? '🟢' : '🔴'} ${change > 0 ? '▲' : '▼'}`;
}

/** The direction used, and where it came from, e.g. `↑ higher is better (from the name)`. */
export function directionText(m: Pick<MetricComparison, 'direction' | 'directionFrom'>): string {
  const arrow = m.direction === 'higher' ? '↑ higher' : '↓ lower';
  return m.directionFrom === 'name' ? `${arrow} is better (from the name)` : `${arrow} is better`;
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
