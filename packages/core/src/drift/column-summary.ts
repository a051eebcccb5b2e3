/**
 * The mergeable summary of one column that drift and the profile are computed from: counts, moments, a quantile
 * sketch for numbers, exact category counts while few, and a distinct-value sketch. Fed cell by cell in one
 * pass; two summaries of parts of a table merge into the summary of the whole (Chan et al. for the moments), so
 * the same aggregates can later be computed per partition, e.g. as SQL in a warehouse.
 */
import { CategoryCounts } from './categories.ts';
import { DistinctSketch } from './distinct.ts';
import { QuantileSketch } from './quantile-sketch.ts';

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
  quantiles: QuantileSketch | null = new QuantileSketch();
  categories = new CategoryCounts();
  distinct = new DistinctSketch();

  addNull(): void {
    this.nulls++;
  }

  /** A numeric value (its category key, made only while categories are counted, is `String(x)`). */
  addNumber(x: number): void {
    this.count++;
    const d = x - this.mean;
    this.mean += d / this.count;
    this.m2 += d * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    if (this.integers && !Number.isInteger(x)) this.integers = false;
    this.quantiles?.add(x);
    if (this.categories.counts) this.categories.add(String(x));
    this.distinct.addNumber(x);
  }

  /** A non-numeric value: the column is categorical from now on. */
  addText(key: string): void {
    this.count++;
    if (this.numeric) {
      this.numeric = false;
      this.quantiles = null;
    }
    this.categories.add(key);
    this.distinct.add(key);
  }

  /** Standard deviation with ddof 0 (numpy's default, as Evidently's normalisation uses). */
  get std(): number {
    return this.count ? Math.sqrt(this.m2 / this.count) : 0;
  }

  /** Distinct non-null values (exact while the distinct sketch is). */
  get distinctCount(): number {
    return this.distinct.estimate();
  }

  /** Adds another summary of the same column (another part of the table). */
  merge(o: ColumnSummary): void {
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
    if (!o.numeric || !this.quantiles || !o.quantiles) {
      this.numeric &&= o.numeric;
      if (!this.numeric) this.quantiles = null;
    } else this.quantiles.merge(o.quantiles);
    this.categories.merge(o.categories);
    this.distinct.merge(o.distinct);
  }
}
