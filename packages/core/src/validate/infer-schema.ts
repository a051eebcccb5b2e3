/**
 * `infer-schema`: a starting schema from the data, for a team to review and commit, that a fresh sample of the
 * same distribution passes. What a sample shows for certain fails: each column's type, and `nullable: false` when
 * no value was missing. What a sample only estimates warns: numeric ranges widened by a tenth of the observed
 * range on each side and rounded outward (a holdout's extremes fall outside the training split's exact min and
 * max about as often as not), and `allowed` for string columns of at most 100 distinct values (a rare category
 * may be missing from the sample).
 */
import { stringify } from 'yaml';
import type { ColumnType } from '../contracts/schema.ts';
import type { TableScan } from './scan.ts';

const MAX_ALLOWED = 100;
/** Share of the observed range added on each side of it. */
const WIDEN = 0.1;

/** The observed [min, max] widened by `WIDEN` of the range on each side and rounded outward to the pad's decimal
 * place (integers stay integers; a non-negative column's lower bound never goes below 0). */
export function widenedRange(min: number, max: number, integers: boolean): { min: number; max: number } {
  const pad = (max - min) * WIDEN || Math.abs(max) * WIDEN || 1;
  let step = 10 ** Math.floor(Math.log10(pad));
  if (integers) step = Math.max(1, step);
  // Rounding through the step's decimal places: 0.1 * 3 is 0.30000000000000004, and the schema is read by people.
  const places = Math.max(0, -Math.floor(Math.log10(step)));
  const round = (x: number) => Number(x.toFixed(places));
  let low = round(Math.floor((min - pad) / step) * step);
  const high = round(Math.ceil((max + pad) / step) * step);
  if (min >= 0 && low < 0) low = 0;
  return { min: low, max: high };
}

/** The inferred schema as a plain object (docs/formats.md, the data schema). */
export function inferSchema(scan: TableScan): { columns: Record<string, Record<string, unknown>> } {
  const columns: Record<string, Record<string, unknown>> = {};
  for (const col of scan.columns) {
    const type: ColumnType = col.guess?.type ?? col.schema?.type ?? 'string';
    const s = col.summary;
    const entry: Record<string, unknown> = { type };
    if (s.nulls === 0 && s.count > 0) entry.nullable = false;
    if ((type === 'integer' || type === 'number') && s.count > 0 && s.numeric) {
      const range = widenedRange(s.min, s.max, type === 'integer');
      entry.min = { value: range.min, level: 'warn' };
      entry.max = { value: range.max, level: 'warn' };
    }
    const counts = s.categories.counts;
    if (type === 'string' && counts && counts.size > 0 && counts.size <= MAX_ALLOWED) {
      entry.allowed = { value: [...counts.keys()].sort(), level: 'warn' };
    }
    columns[col.name] = entry;
  }
  return { columns };
}

/** The inferred schema as YAML, with a header saying where it came from. */
export function inferSchemaYaml(scan: TableScan, source: string): string {
  const header =
    `# Inferred by modelgate validate-data from ${source} (${scan.rows} rows). Review before committing.\n` +
    `# Types and nullability fail a run; ranges (the observed ones widened by ${WIDEN * 100}% of their width on each\n` +
    `# side, rounded) and allowed values only warn, since another sample of the same data may go a little beyond them.\n`;
  return header + stringify(inferSchema(scan), { lineWidth: 0, collectionStyle: 'any' });
}
