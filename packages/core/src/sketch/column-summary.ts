/**
 * The mergeable summary of one column that drift and the profile are computed from: counts, moments, a quantile
 * sketch for numbers, exact category counts while few, and a distinct-value sketch. Fed cell by cell in one
 * pass; two summaries of parts of a table merge into the summary of the whole (Chan et al. for the moments), so
 * the same aggregates can later be computed per partition, e.g. as SQL in a warehouse.
 *
 * While a column has only numbers and at most CATEGORY_LIMIT distinct values (ages, counts, prices in cents), the
 * exact value counts already are its distribution: the quantile sketch and the distinct set are not fed per cell
 * but filled from the counts only if the column outgrows them (or someone asks for them), and drift reads an
 * exact weighted sample straight from the counts. On 1,000,000 rows this spared most of the pass's sketch work.
 */
import { CategoryCounts } from './categories.ts';
import { DistinctSketch } from './distinct.ts';
import { NumberCounts } from './number-counts.ts';
import { QuantileSketch } from './quantile-sketch.ts';
import type { WeightedSample } from './samples.ts';

/**
 * A summary as data that survives structured cloning (postMessage between threads), every field included so the
 * copy answers exactly as the original (unlike a profile, which reduces the sketches).
 */
export interface SummaryTransfer {
  fields: Pick<ColumnSummary, 'count' | 'nulls' | 'numeric' | 'integers' | 'mean' | 'm2' | 'min' | 'max'>;
  /** The instances below lose their prototypes in a structured clone: fromTransfer gives them back. */
  categories: CategoryCounts;
  quantiles: QuantileSketch | null;
  distinct: DistinctSketch;
  pending: boolean;
  feedQuantiles: boolean;
  distinctBehind: boolean;
}

/** Gives a structured clone of a class instance (own fields only) its class back. */
function revive<T extends object>(o: T, type: { prototype: T }): T {
  return Object.setPrototypeOf(o, type.prototype) as T;
}

export class ColumnSummary {
  /** Non-null values seen. */
  count = 0;
  nulls = 0;
  /** Whether every non-null value so far was a number. */
  numeric = true;
  /** Whether every number so far was an integer. */
  integers = true;
  mean = 0;
  m2 = 0;
  min = Infinity;
  max = -Infinity;
  categories = new CategoryCounts();
  #quantiles: QuantileSketch | null = new QuantileSketch();
  #distinct = new DistinctSketch();
  /** Every value so far, counted exactly: the sketches have not been fed yet (see the file comment). */
  #pending: NumberCounts | null = this.categories.numbers;
  /** False while the quantile sketch is left unfed (see skipQuantiles). */
  #feedQuantiles = true;
  /**
   * True while text values went to the exact category counts but not to the distinct sketch: the counts hold every
   * value then, so the sketch catches up from their keys when it is read or when the counts overflow. A Set add per
   * text cell was 4% of validate-data's pass on the bench table's category columns.
   */
  #distinctBehind = false;

  get quantiles(): QuantileSketch | null {
    this.flush();
    this.assertQuantiles();
    return this.#quantiles;
  }

  set quantiles(q: QuantileSketch | null) {
    this.flush();
    this.#quantiles = q;
    this.#feedQuantiles = true;
  }

  /**
   * Stops feeding the quantile sketch (the costliest part of a column of distinct numbers, e.g. an id): reading
   * it, or a sample from it, is then a bug until `quantiles` is set again, e.g. from a summary of a second pass.
   */
  skipQuantiles(): void {
    this.#feedQuantiles = false;
  }

  /** Whether the quantile sketch was left unfed (skipQuantiles) and not set again. */
  get quantilesSkipped(): boolean {
    return !this.#feedQuantiles;
  }

  private assertQuantiles(): void {
    if (!this.#feedQuantiles && this.#quantiles) throw new Error('the quantile sketch of this column was skipped');
  }

  get distinct(): DistinctSketch {
    this.flush();
    this.catchUpDistinct();
    return this.#distinct;
  }

  set distinct(d: DistinctSketch) {
    this.flush();
    this.#distinctBehind = false;
    this.#distinct = d;
  }

  /** Feeds the distinct sketch every value of the category counts (see #distinctBehind). */
  private catchUpDistinct(held: Map<string, number> | null = this.categories.counts): void {
    if (!this.#distinctBehind) return;
    this.#distinctBehind = false;
    if (held) for (const k of held.keys()) this.#distinct.add(k);
  }

  addNull(): void {
    this.nulls++;
  }

  /** A numeric value (its category key is `String(x)`). */
  addNumber(x: number): void {
    this.count++;
    const d = x - this.mean;
    this.mean += d / this.count;
    this.m2 += d * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    if (this.integers && !Number.isInteger(x)) this.integers = false;
    const pending = this.#pending;
    if (pending !== null) {
      if (this.categories.numbers === pending && this.categories.addNumber(x)) return;
      this.flush();
      if (this.categories.numbers === null) this.categories.addNumber(x);
    } else {
      this.catchUpDistinct(); // a number after text values: the counts may overflow now
      this.categories.addNumber(x);
    }
    if (this.#feedQuantiles) this.#quantiles?.add(x);
    this.#distinct.addNumber(x);
  }

  /** A non-numeric value: the column is categorical from now on. */
  addText(key: string): void {
    this.flush();
    this.count++;
    if (this.numeric) {
      this.numeric = false;
      this.#quantiles = null;
    }
    const held = this.categories.counts;
    this.categories.add(key);
    if (held === null) this.#distinct.add(key);
    else if (this.categories.counts === null) {
      // the counts overflowed just now: the sketch takes every value they held, then this one, and stays fed
      this.#distinctBehind = true;
      this.catchUpDistinct(held);
      this.#distinct.add(key);
    } else this.#distinctBehind = true;
  }

  /** Feeds the counted values to the sketches, in first-appearance order, and stops deferring. */
  private flush(): void {
    const p = this.#pending;
    if (p === null) return;
    this.#pending = null;
    const q = this.#feedQuantiles ? this.#quantiles : null;
    for (let k = 0; k < p.size; k++) {
      const x = p.keys[k]!;
      if (q) for (let c = p.counts[k]!; c > 0; c--) q.add(x);
      this.#distinct.addNumber(x);
    }
  }

  /** The numbers as a sorted weighted sample (exact from the counts while deferred), or null when not numeric. */
  numericSample(): WeightedSample | null {
    const p = this.#pending;
    if (p === null) {
      this.assertQuantiles();
      return this.#quantiles ? this.#quantiles.sample() : null;
    }
    if (!this.numeric) return null;
    const order = Array.from({ length: p.size }, (_, k) => k).sort((a, b) => p.keys[a]! - p.keys[b]!);
    const values = new Float64Array(p.size);
    const weights = new Float64Array(p.size);
    order.forEach((k, i) => {
      values[i] = p.keys[k]!;
      weights[i] = p.counts[k]!;
    });
    return { values, weights, count: this.count, rankError: 0 };
  }

  /** Standard deviation with ddof 0 (numpy's default, as Evidently's normalisation uses). */
  get std(): number {
    return this.count ? Math.sqrt(this.m2 / this.count) : 0;
  }

  /** Distinct non-null values (exact while the distinct sketch is). */
  get distinctCount(): number {
    if (this.#pending !== null) return this.#pending.size;
    this.catchUpDistinct();
    return this.#distinct.estimate();
  }

  /** This summary as structured-clonable data (see SummaryTransfer). */
  toTransfer(): SummaryTransfer {
    const { count, nulls, numeric, integers, mean, m2, min, max } = this;
    return {
      fields: { count, nulls, numeric, integers, mean, m2, min, max },
      categories: this.categories,
      quantiles: this.#quantiles,
      distinct: this.#distinct,
      pending: this.#pending !== null,
      feedQuantiles: this.#feedQuantiles,
      distinctBehind: this.#distinctBehind,
    };
  }

  /** The summary a structured clone of `toTransfer()` stands for. */
  static fromTransfer(t: SummaryTransfer): ColumnSummary {
    const s = new ColumnSummary();
    Object.assign(s, t.fields);
    s.categories = revive(t.categories, CategoryCounts);
    if (s.categories.numbers) revive(s.categories.numbers, NumberCounts);
    s.#quantiles = t.quantiles && revive(t.quantiles, QuantileSketch);
    s.#distinct = revive(t.distinct, DistinctSketch);
    s.#pending = t.pending ? s.categories.numbers : null;
    s.#feedQuantiles = t.feedQuantiles;
    s.#distinctBehind = t.distinctBehind;
    return s;
  }

  /** Adds another summary of the same column (another part of the table). */
  merge(o: ColumnSummary): void {
    this.flush();
    o.flush();
    this.catchUpDistinct();
    o.catchUpDistinct();
    this.assertQuantiles();
    o.assertQuantiles();
    const n = this.count + o.count;
    if (n > 0) {
      const d = o.mean - this.mean;
      this.m2 += o.m2 + (d * d * this.count * o.count) / n;
      this.mean += (d * o.count) / n;
    }
    this.count = n;
    this.nulls += o.nulls;
    this.min = Math.min(this.min, o.min);
    this.max = Math.max(this.max, o.max);
    this.integers &&= o.integers;
    if (!o.numeric || !this.#quantiles || !o.#quantiles) {
      this.numeric &&= o.numeric;
      if (!this.numeric) this.#quantiles = null;
    } else this.#quantiles.merge(o.#quantiles);
    this.categories.merge(o.categories);
    this.#distinct.merge(o.#distinct);
  }
}
