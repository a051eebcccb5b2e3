/**
 * Dictionary encoding of a categorical column: each distinct value is stored once and rows hold an int32 code, so
 * 2,000,000 rows cost 8 MB and no object per row. CSV fields are looked up by their bytes (hash and compare
 * without decoding); only a value seen for the first time becomes a string.
 */

import type { RowBlock } from './csv-tokenizer.ts';

const EMPTY = 0;

/** Distinct values in order of first appearance; `values[code]`. */
export class Dictionary {
  readonly values: string[] = [];
  /** The UTF-8 bytes of every value, back to back: value `code` is pool[keyStart[code], keyStart[code + 1]). */
  #pool = new Uint8Array(4096);
  #poolLength = 0;
  #keyStart: number[] = [0];
  #hashes: number[] = [];
  /** Open addressing: code + 1, or EMPTY. */
  #slots = new Int32Array(1024);
  #mask = 1023;
  #byString = new Map<string, number>();

  /** Values of at most 4 bytes (labels, classes, short groups) by their packed bytes: no hashing loop, no compare. */
  #shortKeys = new Float64Array(256).fill(-1);
  #shortCodes = new Int32Array(256);
  #shortCount = 0;

  /**
   * Codes of field `column` of each of `rows` tokenized rows into out[at...]: -1 for an empty cell. One call per
   * block with the short-value lookup inline: measured 25% of readColumns' time as a call per cell. Returns the
   * number of empty cells.
   */
  encodeFields(bytes: Buffer, block: RowBlock, column: number, out: Int32Array, at: number): number {
    const { starts, ends, escaped, stride, rows } = block;
    const keys = this.#shortKeys;
    const shortCodes = this.#shortCodes;
    const mask = keys.length - 1;
    let empties = 0;
    for (let r = 0, i = column; r < rows; r++, i += stride) {
      const s = starts[i]!;
      const length = ends[i]! - s;
      let code: number;
      if (length === 0) {
        code = -1;
        empties++;
      } else if (escaped[i] === 1) {
        code = this.codeOf(bytes.toString('utf8', s, s + length).replaceAll('""', '"'));
      } else if (length <= 4) {
        let packed = bytes[s]!;
        if (length > 1) packed |= bytes[s + 1]! << 8;
        if (length > 2) packed |= bytes[s + 2]! << 16;
        if (length > 3) packed |= bytes[s + 3]! << 24;
        const key = (packed >>> 0) + length * 4294967296;
        let slot = Math.imul(packed ^ length, 0x9e3779b1) >>> 24;
        for (;;) {
          const k = keys[slot]!;
          if (k === key) {
            code = shortCodes[slot]!;
            break;
          }
          if (k === -1) {
            code = this.codeOfBytes(bytes, s, s + length);
            break;
          }
          slot = (slot + 1) & mask;
        }
      } else code = this.#codeOfBytes(bytes, s, s + length);
      out[at + r] = code;
    }
    return empties;
  }

  /** The code of the UTF-8 text bytes[s, e), adding it when new. */
  codeOfBytes(bytes: Uint8Array, s: number, e: number): number {
    const length = e - s;
    if (length <= 4 && length > 0) {
      let packed = bytes[s]!;
      if (length > 1) packed |= bytes[s + 1]! << 8;
      if (length > 2) packed |= bytes[s + 2]! << 16;
      if (length > 3) packed |= bytes[s + 3]! << 24;
      const key = (packed >>> 0) + length * 4294967296;
      const keys = this.#shortKeys;
      const mask = keys.length - 1;
      for (let slot = Math.imul(packed ^ length, 0x9e3779b1) >>> 24; ; slot = (slot + 1) & mask) {
        const k = keys[slot]!;
        if (k === key) return this.#shortCodes[slot]!;
        if (k === -1) {
          // Only a few hundred short values are cached; past that, the general table below serves them.
          const code = this.#codeOfBytes(bytes, s, e);
          if (this.#shortCount < 128) {
            keys[slot] = key;
            this.#shortCodes[slot] = code;
            this.#shortCount++;
          }
          return code;
        }
      }
    }
    return this.#codeOfBytes(bytes, s, e);
  }

  #codeOfBytes(bytes: Uint8Array, s: number, e: number): number {
    // FNV-1a over the bytes: cheap for the short labels and groups this is used for.
    let hash = 0x811c9dc5;
    for (let i = s; i < e; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    const length = e - s;
    for (let slot = hash & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const entry = this.#slots[slot]!;
      if (entry === EMPTY) return this.#insert(slot, hash, bytes, s, e);
      const code = entry - 1;
      if (this.#hashes[code] !== hash) continue;
      const start = this.#keyStart[code]!;
      if (this.#keyStart[code + 1]! - start !== length) continue;
      const pool = this.#pool;
      let i = 0;
      while (i < length && pool[start + i] === bytes[s + i]) i++;
      if (i === length) return code;
    }
  }

  /** The code of `value`, adding it when new. */
  codeOf(value: string): number {
    const known = this.#byString.get(value);
    if (known !== undefined) return known;
    const bytes = Buffer.from(value, 'utf8');
    const code = this.codeOfBytes(bytes, 0, bytes.length);
    if (this.#byString.size < 1_000_000) this.#byString.set(value, code);
    return code;
  }

  #insert(slot: number, hash: number, bytes: Uint8Array, s: number, e: number): number {
    const code = this.values.length;
    const length = e - s;
    if (this.#poolLength + length > this.#pool.length) {
      const pool = new Uint8Array(Math.max(this.#pool.length * 2, this.#poolLength + length));
      pool.set(this.#pool.subarray(0, this.#poolLength));
      this.#pool = pool;
    }
    this.#pool.set(bytes.subarray(s, e), this.#poolLength);
    // Decoded from the pool, not from `bytes`: a string must not keep the reader's chunk alive.
    const pool = this.#pool;
    this.values.push(Buffer.from(pool.buffer, pool.byteOffset + this.#poolLength, length).toString('utf8'));
    this.#poolLength += length;
    this.#keyStart.push(this.#poolLength);
    this.#hashes.push(hash);
    this.#slots[slot] = code + 1;
    if (this.values.length * 2 > this.#slots.length) this.#grow();
    return code;
  }

  #grow(): void {
    const slots = new Int32Array(this.#slots.length * 2);
    const mask = slots.length - 1;
    for (let code = 0; code < this.#hashes.length; code++) {
      let slot = this.#hashes[code]! & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = code + 1;
    }
    this.#slots = slots;
    this.#mask = mask;
  }
}
