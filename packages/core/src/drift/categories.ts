/**
 * Exact value counts of a column while it has at most CATEGORY_LIMIT distinct values: they give chi-squared,
 * the z-test, Jensen-Shannon on categories, `allowed` inference and the profile's top values. A column with more
 * distinct values is not categorical; its counts are dropped (`overflowed`) so memory stays bounded.
 */
export const CATEGORY_LIMIT = 10_000;

export class CategoryCounts {
  counts: Map<string, number> | null = new Map();

  /** Counts one non-null value by its canonical string. */
  add(key: string): void {
    const c = this.counts;
    if (!c) return;
    const prev = c.get(key);
    if (prev !== undefined) c.set(key, prev + 1);
    else if (c.size >= CATEGORY_LIMIT) this.counts = null;
    else c.set(key, 1);
  }

  get overflowed(): boolean {
    return this.counts === null;
  }

  /** Union of two columns' counts. */
  merge(other: CategoryCounts): void {
    if (!other.counts) this.counts = null;
    if (!this.counts || !other.counts) return;
    for (const [k, v] of other.counts) {
      this.counts.set(k, (this.counts.get(k) ?? 0) + v);
      if (this.counts.size > CATEGORY_LIMIT) {
        this.counts = null;
        return;
      }
    }
  }

  /** The `limit` most frequent values, most frequent first (ties by value). */
  top(limit: number): [string, number][] {
    if (!this.counts) return [];
    return [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  }
}
