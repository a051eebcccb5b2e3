import { inputError, type UserError } from '../errors.ts';
import type { ParsedDocument } from '../inputs/document.ts';
import type { Thresholds } from '../contracts/thresholds.ts';

/** Levenshtein distance, for "did you mean" on a mistyped metric name. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/** The known name closest to `name`, when it is close enough to be a typo. */
export function closest(name: string, known: readonly string[]): string | undefined {
  // A name that is one word of a known one (`auc` of `roc_auc`) means that one, however far in letters.
  const lower = name.toLowerCase();
  const byWord = known.find((k) =>
    k
      .toLowerCase()
      .split(/[_.\-/]/)
      .includes(lower),
  );
  if (byWord) return byWord;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/**
 * A threshold on a metric that neither the current metrics nor the baseline has is a configuration mistake
 * (usually a typo), not a regression: fail with the valid metric names listed.
 */
export function checkThresholdMetrics(
  thresholds: Thresholds,
  known: readonly string[],
  doc?: ParsedDocument,
  unknownBecause = 'neither the current metrics nor the baseline has a metric of that name',
): void {
  const knownSet = new Set(known);
  for (const metric of Object.keys(thresholds)) {
    if (metric === '*' || knownSet.has(metric)) continue;
    const guess = closest(metric, known);
    const listed =
      known.length > 40 ? `${known.slice(0, 40).join(', ')}, … (${known.length} in all)` : known.join(', ');
    const message =
      `there is a threshold on '${metric}', but ${unknownBecause}.` +
      (guess ? ` Did you mean '${guess}'?` : '') +
      ` Valid metric names: ${listed || '(none)'}; or "*" for every metric without its own entry.`;
    const error: UserError = doc ? doc.error(message, [metric]) : inputError('thresholds', message, { field: metric });
    throw error;
  }
}
