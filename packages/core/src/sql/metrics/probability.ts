/**
 * log_loss and brier_score sums in the engine, row terms as metrics/probability.ts computes them (clip to
 * [eps, 1 - eps], divide by the clipped row's sum), summed with the dialect's exact sum; the checks of the file mode
 * (a probability in [0, 1]; class probabilities finite, not negative, not all 0) counted in the same scan.
 */
import { EPS } from '../../metrics/probability.ts';
import { doubleLiteral, type MetricDialect } from './sql-dialect.ts';

/** Largest finite double: `x <= MAX` is false for NaN (greatest in PostgreSQL and DuckDB, unordered in BigQuery). */
const MAX = '1.7976931348623157e308';

/** clip(p) = min(max(p, eps), 1 - eps). */
export function clip(d: MetricDialect, p: string): string {
  return `LEAST(GREATEST(${p}, ${doubleLiteral(d, EPS)}), ${doubleLiteral(d, 1 - EPS)})`;
}

/** True for a probability outside [0, 1] (NaN included). */
export function outsideUnit(p: string): string {
  return `NOT (${p} >= 0 AND ${p} <= 1)`;
}

/** True for a value that is not a finite, non-negative number (NaN and infinities included). */
export function notNonNegative(d: MetricDialect, p: string): string {
  return `NOT (${p} >= 0 AND ${p} <= ${d.toDouble(MAX)})`;
}

/**
 * Per group over rows (g, y, s) — y 1 for a positive row, s the score as double — the row count, the NULL and
 * out-of-range scores, and the log-loss and Brier sums.
 */
export function binaryProbabilityQuery(d: MetricDialect, rows: string): string {
  const loss = `-LN((CASE WHEN y = 1 THEN cl ELSE 1 - cl END) / ((1 - cl) + cl))`;
  return (
    `SELECT g, COUNT(*) AS n, SUM(CASE WHEN s IS NULL THEN 1 ELSE 0 END) AS nulls, ` +
    `SUM(CASE WHEN ${outsideUnit('s')} THEN 1 ELSE 0 END) AS bad, ` +
    `MIN(CASE WHEN ${outsideUnit('s')} THEN ${d.toText('s')} END) AS example, ` +
    `${d.exactSum(loss)} AS log_loss, ${d.exactSum('(y - s) * (y - s)')} AS brier ` +
    `FROM (SELECT g, y, s, ${clip(d, 's')} AS cl FROM (${rows}) AS a) AS b GROUP BY g`
  );
}

/**
 * Normalised class probabilities: over rows (g, t, p0 … p{k-1}), adds n0 … n{k-1}, each p divided by the row's sum
 * added left to right (NumPy's row sum of pandas' column-ordered frame, metrics/sum.ts rowSum).
 */
export function normalisedRows(d: MetricDialect, rows: string, k: number): string {
  const sum = Array.from({ length: k }, (_, c) => `p${c}`).join(' + ');
  const n = Array.from({ length: k }, (_, c) => `CASE WHEN rs = 0 THEN NULL ELSE p${c} / rs END AS n${c}`).join(', ');
  return `SELECT g, t, ${n} FROM (SELECT a.*, ${sum} AS rs FROM (${rows}) AS a) AS b`;
}

/** Counts of invalid class probabilities over rows (p0 … p{k-1}): NULL or not finite and non-negative; zero-sum rows. */
export function classProbabilityChecks(d: MetricDialect, rows: string, k: number): string {
  const cols = Array.from({ length: k }, (_, c) => `p${c}`);
  const bad = cols.map((p, c) => `SUM(CASE WHEN ${p} IS NULL OR ${notNonNegative(d, p)} THEN 1 ELSE 0 END) AS bad${c}`);
  const example = cols.map((p, c) => `MIN(CASE WHEN ${notNonNegative(d, p)} THEN ${d.toText(p)} END) AS example${c}`);
  return (
    `SELECT ${[...bad, ...example].join(', ')}, SUM(CASE WHEN ${cols.join(' + ')} = 0 THEN 1 ELSE 0 END) AS zero_rows ` +
    `FROM (${rows}) AS a`
  );
}

/** Per group over normalised rows (g, t, n0 …), the multiclass log-loss sum and the row count. */
export function multiclassLogLossQuery(d: MetricDialect, normalised: string, k: number): string {
  const clipped = Array.from({ length: k }, (_, c) => `${clip(d, `n${c}`)} AS q${c}`).join(', ');
  const truth = `CASE t ${Array.from({ length: k }, (_, c) => `WHEN ${c} THEN q${c}`).join(' ')} END`;
  const sum = Array.from({ length: k }, (_, c) => `q${c}`).join(' + ');
  return (
    `SELECT g, COUNT(*) AS n, ${d.exactSum(`-LN((${truth}) / (${sum}))`)} AS log_loss ` +
    `FROM (SELECT g, t, ${clipped} FROM (${normalised}) AS a) AS b GROUP BY g`
  );
}
