/**
 * The profile file (`profile` input): every column's drift summary, small (kilobytes whatever the row count:
 * at most 1000 quantile points, 1000 categories and a 4 KB distinct sketch per column) and reusable as a later
 * run's `reference`. Validated with zod when read, since users keep and pass these files around.
 */
import { z } from 'zod';
import { fileError } from '../errors.ts';
import { ColumnSummary } from '../drift/column-summary.ts';
import { DistinctSketch } from '../drift/distinct.ts';
import { QuantileSketch } from '../drift/quantile-sketch.ts';
import { COLUMN_TYPES } from '../contracts/schema.ts';

export const PROFILE_KIND = 'modelgate-profile';
/** Categories kept in a profile; a column with more is stored without counts (not categorical). */
const PROFILE_CATEGORIES = 1000;

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
  distinct: z.object({ estimate: z.number(), exact: z.array(z.string()).optional(), registers: z.string().optional() }),
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
      top_values: counts && counts.size <= PROFILE_CATEGORIES ? s.categories.top(PROFILE_CATEGORIES) : null,
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
    s.distinct = DistinctSketch.fromJSON(c.distinct);
    columns.set(name, { type: c.type, summary: s });
  }
  return { rows: parsed.data.rows, columns };
}
