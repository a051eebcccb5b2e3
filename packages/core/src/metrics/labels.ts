/**
 * Class labels in scikit-learn's order. Labels arrive as text (CSV) or values (JSONL, Parquet); they are made
 * canonical the way pandas would read them (`1`, `1.0` and `01` are the number 1; `true`/`True` the boolean)
 * and sorted as `np.unique` sorts them: numerically when every label is a number, as text otherwise.
 */

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** The canonical text of a label: numbers without formatting differences, booleans in lower case. */
export function canonicalLabel(value: string | number | boolean): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (NUMBER.test(value)) return String(Number(value));
  const lower = value.trim().toLowerCase();
  if (lower === 'true' || lower === 'false') return lower;
  return value;
}

/** True when the label is a number (after canonicalisation). */
export function isNumericLabel(label: string): boolean {
  return NUMBER.test(label);
}

/** Sorted as np.unique: numbers ascending when all labels are numeric, else by code point. */
export function sortLabels(labels: Iterable<string>): string[] {
  const unique = [...new Set(labels)];
  if (unique.every(isNumericLabel)) return unique.sort((a, b) => Number(a) - Number(b));
  return unique.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A dictionary-encoded column: `codes[i]` indexes `dictionary`, -1 for a missing value. */
export interface EncodedColumn {
  dictionary: readonly (string | number | boolean)[];
  codes: Int32Array;
}

/**
 * Re-encodes label columns onto one sorted label list (the union of their values and `extra`, e.g. the classes
 * of probability columns). Missing values stay -1 for the caller to report. `inPlace`: the columns' own code
 * arrays are re-encoded and returned (no second array per column: 8 MB each on 2,000,000 rows).
 */
export function unifyLabels(
  columns: EncodedColumn[],
  extra: string[] = [],
  inPlace = false,
): { labels: string[]; codes: Int32Array[] } {
  const canon = columns.map((c) => c.dictionary.map(canonicalLabel));
  const used = new Set<string>(extra.map(canonicalLabel));
  columns.forEach((c, j) => {
    const seen = new Uint8Array(c.dictionary.length);
    for (let i = 0; i < c.codes.length; i++) if (c.codes[i]! >= 0) seen[c.codes[i]!] = 1;
    seen.forEach((s, d) => s && used.add(canon[j]![d]!));
  });
  const labels = sortLabels(used);
  const index = new Map(labels.map((l, i) => [l, i]));
  const codes = columns.map((c, j) => {
    // Stryker disable next-line UnaryOperator: equivalent, only dictionary values no row uses miss the index, and no code points at them
    const remap = Int32Array.from(canon[j]!, (l) => index.get(l) ?? -1);
    // Stryker disable next-line ConditionalExpression,ArrowFunction: equivalent, re-encoding an identity remap in place returns the same array and codes
    if (inPlace && remap.every((to, from) => to === from)) return c.codes;
    const out = inPlace ? c.codes : new Int32Array(c.codes.length);
    for (let i = 0; i < out.length; i++) out[i] = c.codes[i]! < 0 ? -1 : remap[c.codes[i]!]!;
    return out;
  });
  return { labels, codes };
}
