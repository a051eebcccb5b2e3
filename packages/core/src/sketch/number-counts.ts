/**
 * Exact counts of numeric values keyed by the number itself (no `String(x)` per cell): an open-addressing table over
 * the float64 values, keys kept in order of first appearance so that the category map built from it at the end is
 * the one a `Map<String(x), count>` fed row by row would be (same keys, same order). -0 counts as 0, as `String`
 * prints both as "0".
 */
import { hashNumber } from './hash.ts';

export class NumberCounts {
  /** Distinct values in order of first appearance. */
  keys = new Float64Array(64);
  counts = new Float64Array(64);
  size = 0;
  private slots = new Int32Array(128).fill(-1);

  /** Counts x; returns false (and counts nothing) when x is new and `limit` values are already held. */
  add(x: number, limit: number): boolean {
    const v = x === 0 ? 0 : x;
    const slots = this.slots;
    const mask = slots.length - 1;
    let i = hashNumber(v) & mask;
    for (;;) {
      const k = slots[i]!;
      if (k < 0) break;
      if (this.keys[k] === v) {
        this.counts[k]!++;
        return true;
      }
      i = (i + 1) & mask;
    }
    if (this.size >= limit) return false;
    if (this.size === this.keys.length) this.growKeys();
    const k = this.size++;
    this.keys[k] = v;
    this.counts[k] = 1;
    slots[i] = k;
    if (this.size * 2 > slots.length) this.rehash();
    return true;
  }

  /** Total count (rows) held. */
  total(): number {
    let t = 0;
    for (let k = 0; k < this.size; k++) t += this.counts[k]!;
    return t;
  }

  private growKeys(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const counts = new Float64Array(this.counts.length * 2);
    counts.set(this.counts);
    this.keys = keys;
    this.counts = counts;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let k = 0; k < this.size; k++) {
      let i = hashNumber(this.keys[k]!) & mask;
      while (slots[i]! >= 0) i = (i + 1) & mask;
      slots[i] = k;
    }
    this.slots = slots;
  }
}
