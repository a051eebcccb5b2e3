/**
 * The exact `unique` check: has this value occurred before? Values are kept as 63-bit hashes (two independent
 * 32-bit hashes) in an open-addressing table, not as strings, so memory grows by 16 bytes per distinct value
 * (8-byte slots at load <= 1/2): 16 MB per million distinct values, whatever their length. A false "duplicate"
 * needs two distinct values with equal 63-bit hashes: probability about n²/2^64 (5e-8 at 1,000,000 values).
 * The table stops growing at MAX_VALUES distinct values (128 MB); past that the check says so instead of
 * exhausting the runner's memory.
 */
import { hashNumber, hashNumber2, hashString, hashString2 } from '../drift/hash.ts';

export const MAX_VALUES = 8_000_000;

export class UniqueSet {
  private hi = new Uint32Array(1 << 12);
  private lo = new Uint32Array(1 << 12);
  size = 0;
  /** True once MAX_VALUES distinct values were seen: later values are no longer checked. */
  full = false;

  /** Adds a value; returns true when it was already present (a duplicate). */
  seen(value: string): boolean {
    if (this.full) return false;
    return this.seenKey(hashString(value), (hashString2(value) | 1) >>> 0); // never 0: 0 marks an empty slot
  }

  /**
   * Adds a number (a column typed integer, number, date or datetime); keyed by its float64 bits, not its text:
   * two numbers are equal exactly when their `String()` is (-0 and 0 hash as one).
   */
  seenNumber(value: number): boolean {
    if (this.full) return false;
    return this.seenKey(hashNumber(value), (hashNumber2(value) | 1) >>> 0);
  }

  private seenKey(a: number, b: number): boolean {
    const mask = this.hi.length - 1;
    let i = a & mask;
    for (;;) {
      const l = this.lo[i]!;
      if (l === 0) break;
      if (l === b && this.hi[i] === a) return true;
      i = (i + 1) & mask;
    }
    this.hi[i] = a;
    this.lo[i] = b;
    if (++this.size * 2 > this.hi.length) this.grow();
    if (this.size >= MAX_VALUES) this.full = true;
    return false;
  }

  private grow(): void {
    const oh = this.hi;
    const ol = this.lo;
    this.hi = new Uint32Array(oh.length * 2);
    this.lo = new Uint32Array(ol.length * 2);
    const mask = this.hi.length - 1;
    for (let j = 0; j < oh.length; j++) {
      if (ol[j] === 0) continue;
      let i = oh[j]! & mask;
      while (this.lo[i] !== 0) i = (i + 1) & mask;
      this.hi[i] = oh[j]!;
      this.lo[i] = ol[j]!;
    }
  }
}
