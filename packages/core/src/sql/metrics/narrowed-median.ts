/**
 * The exact median per group (np.median: the middle value, or the mean of the two middle values) without holding a
 * group's values, for engines whose percentile does: DuckDB's `quantile_cont` keeps every value of a group in its
 * aggregate state and cannot spill it, and it runs in the action's process (10M rows: 337 MiB of the 250 MB).
 *
 * Narrowing by counts. Each group's middle rank(s) lie in a window [lo, hi] of values whose count and the count
 * below it are known (first the group's n, min and max: one scan, or the caller's). A pass counts the values of
 * every open window per bucket (`GROUP BY window, bucket`, with each bucket's min and max): at most 4,096 rows per
 * window and 16,384 per pass cross over, never the values. The bucket holding a wanted rank becomes its window,
 * bounded by that bucket's min and max, so the next pass filters by plain comparisons with bound doubles; the two
 * middle ranks of an even group may go to two windows. When a window holds at most 65,536 values (fewer when there
 * are many windows: 262,144 in all), or all its values are equal, it is not narrowed further, and one last query
 * picks the wanted ranks of these small windows by ROW_NUMBER over their values alone (a few MB in the engine).
 * The values returned are the values themselves, averaged here as the file mode's metrics/median-error.ts does, so
 * the median is bit for bit np.median's.
 *
 * Cost, in scans of the input: the n, min and max per group (none when the caller knows them, as the regression
 * scans do: n and the largest error), one pass on a log scale (64 octaves below the largest magnitude, up to 64
 * buckets an octave), a linear pass inside the octave it found when that still holds more than 65,536 values, and
 * the read: 10M errors in 3 slices take the log pass and the read. Pathological inputs (millions of values within a
 * few ulps, thousands of groups sharing the buckets) take more passes, never more memory.
 *
 * The bucket of a value is computed by the engine (its LOG2 among others) and need not be exact or agree with
 * JavaScript's arithmetic: buckets are re-read as the [min, max] of the values they got, and overlapping ones are
 * merged before ranks are counted, so the ranks stay exact even if rounding ever made the bucketing non-monotone.
 */
import { groupKey, Params, type SqlContext } from './query.ts';
import { num } from './values.ts';

export interface NarrowingOptions {
  /** A window of at most this many values is read rather than narrowed (divided among the windows when many). */
  smallEnough?: number;
  /** The most buckets one pass counts, over all its windows (each window gets at least 16). */
  bucketBudget?: number;
  /** Each group's count and a range holding all its values, when the caller has them: saves the first scan. */
  start?: Map<string | null, { n: number; lo: number; hi: number }>;
}

/** A range of one group's values: `count` values lie in [lo, hi], `below` of the group's values below lo. */
interface Window {
  g: string | null;
  lo: number;
  hi: number;
  count: number;
  below: number;
  /** The group's ranks (0-based) wanted from this window. */
  ranks: number[];
}

const SMALL_ENOUGH = 65_536;
/** At most this many values are read at the end, whatever the number of windows: 2 MB of doubles in the engine. */
const READ_BUDGET = 262_144;
/** At most this many buckets a pass over all windows, and per window. */
const BUCKET_BUDGET = 16_384;
const WINDOW_BUCKETS = 4096;
/** Fewer buckets than this a window, and the windows are counted in turns (a scan each) instead. */
const MIN_BUCKETS = 8;
/** The log scale of a window of one sign spans at most this many octaves. */
const OCTAVES = 64;
/** Each pass shrinks a window by its bucket count, on a scale of ~4,200 octaves then of 2^53 steps: never near. */
const MAX_PASSES = 200;

/**
 * The medians of `expr` per value of `g` over `relation` (a FROM item whose rows have the column `g`), by
 * narrowing, with the dialect's `narrowedMedian` (its logarithm and tables of parameters): keys as `groupKey` reads
 * them.
 */
export async function narrowedMedians(
  ctx: SqlContext,
  relation: string,
  expr: string,
  options: NarrowingOptions = {},
): Promise<Map<string | null, number>> {
  const d = ctx.dialect;
  if (!d.narrowedMedian) throw new Error(`no narrowed median in ${d.engine}'s dialect`);
  const base = `SELECT ${d.toText('g')} AS g, ${expr} AS v FROM ${relation}`;
  const start = options.start ?? (await ranges(ctx, base));
  const values = new Map<string | null, Map<number, number>>();
  let open: Window[] = [];
  for (const [g, s] of start) {
    if (!s.n) continue;
    const h = s.n >> 1;
    values.set(g, new Map());
    open.push({ g, lo: s.lo, hi: s.hi, count: s.n, below: 0, ranks: s.n % 2 ? [h] : [h - 1, h] });
  }
  const smallEnough = Math.max(
    2,
    Math.min(options.smallEnough ?? SMALL_ENOUGH, Math.floor(READ_BUDGET / Math.max(1, 2 * open.length))),
  );
  const toRead: Window[] = [];
  for (let pass = 0; open.length; pass++) {
    if (pass === MAX_PASSES) throw new Error(`the median did not narrow down in ${MAX_PASSES} passes`);
    const toNarrow: Window[] = [];
    for (const w of open) {
      // all equal (-0 and 0 included): every wanted rank is that value
      if (w.lo === w.hi) for (const r of w.ranks) values.get(w.g)!.set(r, w.lo);
      else (w.count <= smallEnough ? toRead : toNarrow).push(w);
    }
    open = [];
    // at most BUCKET_BUDGET rows a query: many windows (thousands of groups) are counted in turns of this many
    const budget = options.bucketBudget ?? BUCKET_BUDGET;
    const turn = Math.max(1, Math.floor(budget / MIN_BUCKETS));
    for (let i = 0; i < toNarrow.length; i += turn)
      open.push(...(await narrow(ctx, base, toNarrow.slice(i, i + turn), budget)));
  }
  if (toRead.length) await read(ctx, base, toRead, values);
  const out = new Map<string | null, number>();
  for (const [g, byRank] of values) {
    const [lower, upper] = [...byRank.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
    // as metrics/median-error.ts: the middle value, or the mean of the two
    out.set(g, upper === undefined ? lower! : (lower! + upper) / 2);
  }
  return out;
}

/** The first scan: each group's count, min and max. */
async function ranges(ctx: SqlContext, base: string) {
  const out = new Map<string | null, { n: number; lo: number; hi: number }>();
  for (const r of await ctx.query(
    `SELECT g, COUNT(*) AS n, MIN(v) AS lo, MAX(v) AS hi FROM (${base}) AS r GROUP BY g`,
    [],
  ))
    out.set(groupKey(r), { n: num(r['n']), lo: num(r['lo']), hi: num(r['hi']) });
  return out;
}

/**
 * The rows `r` of the windows `k` joined by group and range: k is the dialect's table of one parameter a column,
 * with the window's index w, its group and range, and the columns `extra` names. A row falls in at most one window
 * of its group (they are disjoint). (A VALUES list of a parameter a cell took DuckDB 2.5 s and 130 MB to plan for
 * 10,000 windows.)
 */
function windowsJoin(
  ctx: SqlContext,
  base: string,
  p: Params,
  windows: Window[],
  extra: Record<string, { type: 'double' | 'integer' | 'boolean'; of: (w: Window) => unknown }>,
): string {
  const table = ctx.dialect.narrowedMedian!.table((v) => p.add(v), {
    w: { type: 'integer', values: windows.map((_, i) => i) },
    g: { type: 'text', values: windows.map((w) => w.g) },
    lo: { type: 'double', values: windows.map((w) => w.lo) },
    hi: { type: 'double', values: windows.map((w) => w.hi) },
    ...Object.fromEntries(
      Object.entries(extra).map(([name, c]) => [name, { type: c.type, values: windows.map(c.of) }]),
    ),
  });
  return `(${base}) AS r JOIN ${table} AS k ON r.g IS NOT DISTINCT FROM k.g AND r.v BETWEEN k.lo AND k.hi`;
}

/**
 * The bucket scale of a window, as the origin and span of (x - origin) / span in [0, 1]: linear inside one octave
 * of one sign (where v - lo is exact), else on a sign-symmetric log scale (every double maps into [-2100, 2100],
 * zero to 0) so that a range from 1e-300 to 1e300 narrows as fast as one from 1 to 2. (Divided by the span, not
 * multiplied by buckets / span: that overflows on subnormal spans.)
 */
function scale(w: Window): { linear: boolean; origin: number; span: number } {
  const linear = (w.lo > 0 && w.hi <= 2 * w.lo) || (w.hi < 0 && w.lo >= 2 * w.hi);
  if (linear) return { linear, origin: w.lo, span: w.hi - w.lo };
  let [from, to] = [logScale(w.lo), logScale(w.hi)];
  // one sign: the OCTAVES octaves next to the largest magnitude, the rest in the end bucket (1e-9 errors beside
  // errors of 10 are few, and narrowed again if the middle is there)
  if (w.lo >= 0) from = Math.max(from, to - OCTAVES);
  else if (w.hi <= 0) to = Math.min(to, from + OCTAVES);
  return { linear, origin: from, span: to - from };
}

function logScale(x: number): number {
  return x > 0 ? Math.log2(x) + 1075 : x < 0 ? -(Math.log2(-x) + 1075) : 0;
}

/** One pass: counts per bucket of every window; the windows of the wanted ranks next. */
async function narrow(ctx: SqlContext, base: string, windows: Window[], budget: number): Promise<Window[]> {
  const d = ctx.dialect;
  const log2 = d.narrowedMedian!.log2;
  const p = new Params(d);
  const buckets = Math.max(MIN_BUCKETS, Math.min(WINDOW_BUCKETS, Math.floor(budget / windows.length)));
  const scales = new Map(windows.map((w) => [w, scale(w)]));
  const join = windowsJoin(ctx, base, p, windows, {
    linear: { type: 'boolean', of: (w) => scales.get(w)!.linear },
    origin: { type: 'double', of: (w) => scales.get(w)!.origin },
    span: { type: 'double', of: (w) => scales.get(w)!.span },
  });
  const log = `CASE WHEN r.v > 0 THEN ${log2('r.v')} + 1075 WHEN r.v < 0 THEN -(${log2('-r.v')} + 1075) ELSE 0 END`;
  const x = `(CASE WHEN k.linear THEN r.v ELSE ${log} END - k.origin) / k.span * ${buckets}`;
  const bucket = `CAST(LEAST(${buckets - 1}, GREATEST(0, FLOOR(${x}))) AS INTEGER)`;
  const sql =
    `SELECT w, COUNT(*) AS n, MIN(v) AS lo, MAX(v) AS hi FROM ` +
    `(SELECT k.w AS w, ${bucket} AS b, r.v AS v FROM ${join}) AS c ` +
    `GROUP BY w, b`;
  const found = windows.map(() => [] as { lo: number; hi: number; count: number }[]);
  await eachRow(ctx, sql, p.values, ['w', 'n', 'lo', 'hi'], ([w, n, lo, hi]) =>
    found[num(w)]!.push({ lo: num(lo), hi: num(hi), count: num(n) }),
  );
  const next: Window[] = [];
  windows.forEach((w, i) => {
    let below = w.below;
    for (const bucket of merged(found[i]!)) {
      const ranks = w.ranks.filter((r) => r >= below && r < below + bucket.count);
      if (ranks.length) next.push({ g: w.g, ...bucket, below, ranks });
      below += bucket.count;
    }
  });
  return next;
}

/**
 * Each result row as the values of `columns` (the SELECT's, in order), streamed where the engine streams: thousands
 * of windows' buckets never become an array of row objects.
 */
async function eachRow(
  ctx: SqlContext,
  sql: string,
  params: unknown[],
  columns: string[],
  each: (row: readonly unknown[]) => void,
): Promise<void> {
  if (ctx.stream) return ctx.stream(sql, params, each);
  for (const r of await ctx.query(sql, params)) each(columns.map((c) => r[c]));
}

/** The buckets as disjoint ranges in order: overlapping ones (a non-monotone rounding) merged into one. */
function merged(buckets: { lo: number; hi: number; count: number }[]) {
  const out: { lo: number; hi: number; count: number }[] = [];
  for (const b of buckets.sort((a, c) => a.lo - c.lo)) {
    const last = out.at(-1);
    if (last && b.lo <= last.hi) {
      last.hi = Math.max(last.hi, b.hi);
      last.count += b.count;
    } else out.push({ ...b });
  }
  return out;
}

/** The last query: the wanted ranks of the small windows, by ROW_NUMBER over their values alone. */
async function read(
  ctx: SqlContext,
  base: string,
  windows: Window[],
  values: Map<string | null, Map<number, number>>,
): Promise<void> {
  const p = new Params(ctx.dialect);
  // the window's ranks as 1-based row numbers within it (the same twice when one is wanted)
  const rowNumbers = (w: Window) => w.ranks.map((r) => r - w.below + 1);
  const join = windowsJoin(ctx, base, p, windows, {
    a: { type: 'integer', of: (w) => rowNumbers(w)[0]! },
    b: { type: 'integer', of: (w) => rowNumbers(w).at(-1)! },
  });
  const sql =
    `SELECT w, rn, v FROM (SELECT k.w AS w, k.a AS a, k.b AS b, r.v AS v, ROW_NUMBER() OVER (PARTITION BY k.w ORDER BY r.v) AS rn ` +
    `FROM ${join}) AS x WHERE rn = a OR rn = b`;
  for (const r of await ctx.query(sql, p.values)) {
    const w = windows[num(r['w'])]!;
    values.get(w.g)!.set(w.below + num(r['rn']) - 1, num(r['v']));
  }
}
