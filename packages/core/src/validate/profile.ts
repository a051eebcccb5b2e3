/**
 * The profile file (`profile` input): every column's drift summary, reusable as a later run's `reference`, and
 * bounded per column whatever the row count: at most 1,000 quantile points (at most about 24 KB as JSON numbers of 17
 * digits), a distinct-count sketch (at most about 3 KB: the exact values while at most 100, else 4,096
 * HyperLogLog registers deflated), and, for columns drift reads as categories (text, booleans, numbers with at
 * most 100 distinct values), the counts of up to 1,000 categories. Continuous numbers keep no value counts:
 * their drift reads the quantiles. Validated with zod when read, since users keep and pass these files around.
 */
import { z } from 'zod';
import { fileError } from '../errors.ts';
import { ColumnSummary } from '../sketch/column-summary.ts';
import { DistinctSketch } from '../sketch/distinct.ts';
import { QuantileSketch } from '../sketch/quantile-sketch.ts';
import { COLUMN_TYPES } from '../contracts/schema.ts';

export const PROFILE_KIND = 'modelgate-profile';
/** Categories kept in a profile; a column with more is stored without counts (not categorical). */
const PROFILE_CATEGORIES = 1000;
/** A numeric column keeps its value counts up to this many distinct values (drift bins up to 30 by value). */
const NUMERIC_CATEGORIES = 100;

const Num = z.number().nullable();
const ColumnProfile = z.object({
  type: z.enum(COLUMN_TYPES),
  count: z.number().int().nonnegative(),
  nulls: z.number().int().nonnegative(),
  numeric: z.boolean(),
  integers: z.boolean(),
  mean: Num,
  std: Num,
  m2: Num,
  min: Num,
  max: Num,
  quantiles: z
    .object({ count: z.number(), rank_error: z.number(), weight: z.number(), points: z.array(z.number()) })
    .nullable(),
  top_values: z.array(z.tuple([z.string(), z.number()])).nullable(),
  distinct: z.object({
    estimate: z.number(),
    exact: z.array(z.string()).optional(),
    registers: z.string().optional(),
    deflated: z.string().optional(),
  }),
});
export const Profile = z.object({
  kind: z.literal(PROFILE_KIND),
  version: z.literal(1),
  rows: z.number().int().nonnegative(),
  columns: z.record(z.string(), ColumnProfile),
});
export type Profile = z.infer<typeof Profile>;

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The profile of a scanned table (`types`: each column's schema or inferred type). */
export function buildProfile(
  rows: number,
  columns: { name: string; type: z.infer<typeof ColumnProfile>['type']; summary: ColumnSummary }[],
): Profile {
  const out: Profile = { kind: PROFILE_KIND, version: 1, rows, columns: {} };
  for (const { name, type, summary: s } of columns) {
    const counts = s.categories.counts;
    out.columns[name] = {
      type,
      count: s.count,
      nulls: s.nulls,
      numeric: s.numeric,
      integers: s.integers,
      mean: s.count ? s.mean : null,
      std: s.count ? s.std : null,
      m2: s.count ? s.m2 : null,
      min: fin(s.min),
      max: fin(s.max),
      quantiles: s.numeric && s.quantiles ? s.quantiles.toJSON() : null,
      // all categories when there are few (drift needs every count), else none: not categorical
      top_values:
        counts && counts.size <= (s.numeric ? NUMERIC_CATEGORIES : PROFILE_CATEGORIES)
          ? s.categories.top(PROFILE_CATEGORIES)
          : null,
      distinct: { estimate: Math.round(s.distinctCount), ...s.distinct.toJSON() },
    };
  }
  return out;
}

/** True when a parsed JSON document is a profile (so `reference` may be a profile or a dataset). */
export function isProfile(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === PROFILE_KIND;
}

/** Reads a profile back into per-column summaries, with errors naming the file and field. */
export function readProfile(
  data: unknown,
  file: string,
): { rows: number; columns: Map<string, { type: string; summary: ColumnSummary }> } {
  const parsed = Profile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fileError(`not a valid modelgate profile: ${issue.message}`, file, { field: issue.path.join('.') });
  }
  const columns = new Map<string, { type: string; summary: ColumnSummary }>();
  for (const [name, c] of Object.entries(parsed.data.columns)) {
    const s = new ColumnSummary();
    s.count = c.count;
    s.nulls = c.nulls;
    s.numeric = c.numeric;
    s.integers = c.integers;
    s.mean = c.mean ?? 0;
    s.m2 = c.m2 ?? 0;
    s.min = c.min ?? Infinity;
    s.max = c.max ?? -Infinity;
    s.quantiles = c.quantiles ? QuantileSketch.fromJSON(c.quantiles) : null;
    s.categories.counts = c.top_values ? new Map(c.top_values) : null;
    try {
      s.distinct = DistinctSketch.fromJSON(c.distinct);
    } catch (error) {
      throw fileError(`not a valid modelgate profile: ${(error as Error).message}`, file, {
        field: `columns.${name}.distinct`,
      });
    }
    columns.set(name, { type: c.type, summary: s });
  }
  return { rows: parsed.data.rows, columns };
}
