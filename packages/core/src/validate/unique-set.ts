/**
 * The exact `unique` check: has this value occurred before? Values are kept as 63-bit hashes (two independent
 * 32-bit hashes) in an open-addressing table, not as strings, so memory grows by 16 bytes per distinct value
 * (8-byte slots at load <= 1/2): 16 MB per million distinct values, whatever their length. A false "duplicate"
 * needs two distinct values with equal 63-bit hashes: probability about n²/2^64 (5e-8 at 1,000,000 values).
 * The table stops growing at MAX_VALUES distinct values (128 MB); past that the check says so instead of
 * exhausting the runner's memory. The two halves of a key sit side by side (one array, slot i at 2i and 2i + 1):
 * a lookup in a table far larger than the CPU cache then misses the cache once, not twice (1,000,000 distinct ids:
 * ~0.1 s less). Integers go to bitmap pages (validate/integer-pages) while those stay dense.
 */
import { hashNumber, hashNumber2, hashStringPair, pairSecond } from '../sketch/hash.ts';
import { IntegerPages, PAGE_BYTES } from './integer-pages.ts';

/** Bytes the integer pages may use beyond the hash table's 16 bytes per value before they are given up. */
const PAGES_SLACK_BYTES = 1 << 20;

export const MAX_VALUES = 8_000_000;

export class UniqueSet {
  /** Slot i: the first hash at 2i, the second (never 0; 0 marks an empty slot) at 2i + 1. */
  private slots = new Uint32Array(2 << 12);
  /** Keys in the hash table (size counts the pages' integers too). */
  private stored = 0;
  size = 0;
  /** True once MAX_VALUES distinct values were seen: later values are no longer checked. */
  full = false;
  /** Integers of magnitude up to 2^53 while their pages are dense; null once they moved to the hash table. */
  private pages: IntegerPages | null = new IntegerPages();

  /** Adds a value; returns true when it was already present (a duplicate). */
  seen(value: string): boolean {
    if (this.full) return false;
    const a = hashStringPair(value);
    return this.seenKey(a, (pairSecond | 1) >>> 0); // never 0: 0 marks an empty slot
  }

  /**
   * Adds a number (a column typed integer, number, date or datetime); keyed by its float64 bits, not its text:
   * two numbers are equal exactly when their `String()` is (-0 and 0 hash as one).
   */
  seenNumber(value: number): boolean {
    if (this.full) return false;
    const pages = this.pages;
    if (pages !== null && Number.isInteger(value) && Math.abs(value) <= 2 ** 53) {
      if (pages.seen(value)) return true;
      this.added();
      // sparse integers (a page per few values): hashing them costs less memory
      if (pages.pageCount * PAGE_BYTES > this.size * 16 + PAGES_SLACK_BYTES) this.dropPages(pages);
      return false;
    }
    return this.seenKey(hashNumber(value), (hashNumber2(value) | 1) >>> 0);
  }

  /** Moves the integers of the pages to the hash table (same set, so later answers do not change). */
  private dropPages(pages: IntegerPages): void {
    this.pages = null;
    pages.forEach((x) => this.insert(hashNumber(x), (hashNumber2(x) | 1) >>> 0));
  }

  private added(): void {
    if (++this.size >= MAX_VALUES) this.full = true;
  }

  private seenKey(a: number, b: number): boolean {
    if (!this.insert(a, b)) return true;
    this.added();
    return false;
  }

  /** Puts a key in the hash table; false when it was there already. */
  private insert(a: number, b: number): boolean {
    const slots = this.slots;
    const mask = (slots.length >>> 1) - 1;
    let i = a & mask;
    for (;;) {
      const l = slots[2 * i + 1]!;
      if (l === 0) break;
      if (l === b && slots[2 * i] === a) return false;
      i = (i + 1) & mask;
    }
    slots[2 * i] = a;
    slots[2 * i + 1] = b;
    if (++this.stored * 4 > slots.length) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Uint32Array(old.length * 2);
    const mask = (slots.length >>> 1) - 1;
    for (let j = 0; j < old.length; j += 2) {
      const b = old[j + 1]!;
      if (b === 0) continue;
      let i = old[j]! & mask;
      while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
      slots[2 * i] = old[j]!;
      slots[2 * i + 1] = b;
    }
    this.slots = slots;
  }
}
