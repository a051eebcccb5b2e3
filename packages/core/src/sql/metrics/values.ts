/**
 * Values as the engines' clients hand them over, made numbers or text: `pg` gives BIGINT and NUMERIC as strings,
 * `@duckdb/node-api` gives BIGINT/HUGEINT as bigint and DECIMAL as objects with a text form.
 */

/** A count or a sum as a JavaScript number (NaN for null). */
export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v === null || v === undefined) return NaN;
  return Number(String(v));
}

/** A grouping value as text, or null. */
export function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return String(v);
}
