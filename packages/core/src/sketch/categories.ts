/**
 * Exact value counts of a column while it has at most CATEGORY_LIMIT distinct values: they give chi-squared,
 * the z-test, Jensen-Shannon on categories, `allowed` inference and the profile's top values. A column with more
 * distinct values is not categorical; its counts are dropped (`overflowed`) so memory stays bounded.
 * While only numbers arrive they are counted by value (drift/number-counts: no string per cell); the map keyed by
 * `String(x)` is built, in first-appearance order, when it is first asked for or a text value arrives.
 */
import { NumberCounts } from './number-counts.ts';

export const CATEGORY_LIMIT = 10_000;

export class CategoryCounts {
  /** The counts while every value so far was a number (and the map was not asked for yet). */
  numbers: NumberCounts | null = new NumberCounts();
  private map: Map<string, number> | null = null;

  /** Category -> count, or null once the column had more than CATEGORY_LIMIT distinct values. */
  get counts(): Map<string, number> | null {
    const n = this.numbers;
    if (n) {
      this.numbers = null;
      this.map = new Map();
      for (let k = 0; k < n.size; k++) this.map.set(String(n.keys[k]!), n.counts[k]!);
    }
    return this.map;
  }

  set counts(map: Map<string, number> | null) {
    this.numbers = null;
    this.map = map;
  }

  /** Counts one non-null value by its canonical string. */
  add(key: string): void {
    const c = this.counts;
    if (!c) return;
    const prev = c.get(key);
    if (prev !== undefined) c.set(key, prev + 1);
    else if (c.size >= CATEGORY_LIMIT) this.map = null;
    else c.set(key, 1);
  }

  /** Counts a number (as `add(String(x))` would); returns false when it overflowed the counts just now. */
  addNumber(x: number): boolean {
    const n = this.numbers;
    if (n) {
      if (n.add(x, CATEGORY_LIMIT)) return true;
      this.numbers = null;
      this.map = null;
      return false;
    }
    if (this.map) this.add(String(x));
    return this.map !== null;
  }

  get overflowed(): boolean {
    return this.counts === null;
  }

  /** Union of two columns' counts. */
  merge(other: CategoryCounts): void {
    const theirs = other.counts;
    if (!theirs) this.counts = null;
    const ours = this.counts;
    if (!ours || !theirs) return;
    for (const [k, v] of theirs) {
      ours.set(k, (ours.get(k) ?? 0) + v);
      if (ours.size > CATEGORY_LIMIT) {
        this.counts = null;
        return;
      }
    }
  }

  /** The `limit` most frequent values, most frequent first (ties by value). */
  top(limit: number): [string, number][] {
    const c = this.counts;
    if (!c) return [];
    return [...c].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  }
}
