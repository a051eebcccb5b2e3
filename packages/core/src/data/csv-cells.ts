/**
 * Tokenized CSV rows to batches of string cells (the streaming path of validate-data and any reader of cells).
 * ASCII bytes are decoded a span of rows at a time (at most SPAN_BYTES) and cells are slices of the span; other
 * spans decode cell by cell. Short values that repeat (labels, flags, codes, small integers) are interned per
 * column, so a column of a few distinct values costs no string per row: on the 2,000,000-row bench file this
 * halved the garbage collector's share of the pass.
 */
import { isAscii } from 'node:buffer';
import { fieldText } from './csv-tokenizer.ts';
import type { TextBlock } from './file-table.ts';
import type { Batch, Cell } from './types.ts';

/**
 * Bytes decoded at once. A slice (13+ characters) keeps its whole span alive while it lives, so spans are kept small:
 * a consumer that holds a hundred long values pins at most 6.4 MB (data/detach copies the ones worth keeping).
 */
const SPAN_BYTES = 64 * 1024;
/** Values up to this many bytes are interned: V8 copies strings this short (longer slices pin the chunk). */
const INTERN_MAX = 12;
const SLOTS = 4096;
/** Lookups after which a column whose values rarely repeat stops interning. */
const TRIAL = 8192;

/** Per-column cache of short strings, direct-mapped by a hash of the bytes. */
class Interner {
  readonly strings = new Array<string | undefined>(SLOTS);
  readonly shortKeys = new Float64Array(256).fill(-1);
  readonly shortStrings = new Array<string | undefined>(256);
  lookups = 0;
  hits = 0;
  enabled = true;

  /** The string of bytes[s, e), all ASCII and decoded in `ascii` from `offset` on: a cached copy when one is equal. */
  text(ascii: string, bytes: Buffer, s: number, e: number, offset: number): string {
    if (++this.lookups === TRIAL && this.hits * 2 < TRIAL) this.enabled = false;
    const length = e - s;
    if (length <= 4) {
      // Up to 4 bytes pack into an exact key: no hashing loop and no character compare.
      let packed = bytes[s]!;
      if (length > 1) packed |= bytes[s + 1]! << 8;
      if (length > 2) packed |= bytes[s + 2]! << 16;
      if (length > 3) packed |= bytes[s + 3]! << 24;
      const key = (packed >>> 0) + length * 4294967296;
      const slot = Math.imul(packed ^ length, 0x9e3779b1) >>> 24;
      if (this.shortKeys[slot] === key) {
        this.hits++;
        return this.shortStrings[slot]!;
      }
      const text = ascii.slice(s - offset, e - offset);
      this.shortKeys[slot] = key;
      this.shortStrings[slot] = text;
      return text;
    }
    let hash = 0x811c9dc5;
    for (let i = s; i < e; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    const slot = (hash >>> 20) & (SLOTS - 1);
    const cached = this.strings[slot];
    if (cached !== undefined && cached.length === e - s) {
      let i = 0;
      while (i < cached.length && cached.charCodeAt(i) === bytes[s + i]) i++;
      if (i === cached.length) {
        this.hits++;
        return cached;
      }
    }
    const text = ascii.slice(s - offset, e - offset);
    this.strings[slot] = text;
    return text;
  }
}

/** Turns tokenized blocks into batches of string cells, making strings only for the selected columns. */
export async function* cellBatches(
  pass: AsyncGenerator<TextBlock>,
  display: string,
  select: number[],
  batchSize: number,
): AsyncGenerator<Batch> {
  let columns = select.map(() => new Array<Cell>(batchSize));
  let lines = new Int32Array(batchSize);
  let fill = 0;
  let batchStart = 0;
  const interners = select.map(() => new Interner());
  for await (const { bytes, block } of pass) {
    const { stride, starts, ends, escaped } = block;
    for (let r = 0; r < block.rows;) {
      const take = Math.min(block.rows - r, batchSize - fill);
      for (let g = r; g < r + take;) {
        // A span of rows: [g, h) whose bytes fit SPAN_BYTES (at least one row), decoded once when ASCII.
        const base = starts[g * stride]! - 1;
        let h = g + 1;
        while (h < r + take && ends[h * stride + stride - 1]! - base <= SPAN_BYTES) h++;
        const end = ends[h * stride - 1]! + 1;
        const span = bytes.subarray(Math.max(base, 0), end);
        const ascii = isAscii(span) ? span.toString('latin1') : undefined;
        const offset = Math.max(base, 0);
        for (let k = 0; k < select.length; k++) {
          const out = columns[k]!;
          const interner = interners[k]!;
          for (let i = g - r + fill, f = g * stride + select[k]!; f < h * stride; i++, f += stride) {
            const s = starts[f]!;
            const e = ends[f]!;
            if (s === e) out[i] = null;
            else if (ascii === undefined) out[i] = fieldText(bytes, undefined, block, f);
            else if (escaped[f] === 0 && e - s <= INTERN_MAX && interner.enabled) {
              out[i] = interner.text(ascii, bytes, s, e, offset);
            } else {
              const text = ascii.slice(s - offset, e - offset);
              out[i] = escaped[f] === 1 ? text.replaceAll('""', '"') : text;
            }
          }
        }
        g = h;
      }
      lines.set(block.lines.subarray(r, r + take), fill);
      fill += take;
      r += take;
      if (fill === batchSize) {
        yield { start: batchStart, length: fill, columns, file: display, fileStart: batchStart, lines };
        batchStart += fill;
        fill = 0;
        columns = select.map(() => new Array<Cell>(batchSize));
        lines = new Int32Array(batchSize);
      }
    }
  }
  if (fill > 0) {
    for (const column of columns) column.length = fill;
    yield {
      start: batchStart,
      length: fill,
      columns,
      file: display,
      fileStart: batchStart,
      lines: lines.subarray(0, fill),
    };
  }
}
