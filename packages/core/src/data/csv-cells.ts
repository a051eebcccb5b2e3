/**
 * Tokenized CSV rows to batches of string cells (the streaming path of validate-data and any reader of cells).
 * A chunk of ASCII bytes is decoded once and cells are slices of it; other chunks decode cell by cell. Short values
 * that repeat (labels, flags, codes, small integers) are interned per column, so a column of a few distinct values
 * costs no string per row: on the 2,000,000-row bench file this halved the garbage collector's share of the pass.
 */
import { isAscii } from 'node:buffer';
import { fieldText } from './csv-tokenizer.ts';
import type { TextBlock } from './file-table.ts';
import type { Batch, Cell } from './types.ts';

/** Values up to this many bytes are interned: V8 copies strings this short (longer slices pin the chunk). */
const INTERN_MAX = 12;
const SLOTS = 4096;
/** Lookups after which a column whose values rarely repeat stops interning. */
const TRIAL = 8192;

/** Per-column cache of short strings, direct-mapped by a hash of the bytes. */
class Interner {
  readonly strings = new Array<string | undefined>(SLOTS);
  lookups = 0;
  hits = 0;
  enabled = true;

  /** The string of ascii[s, e) (bytes[s, e) are its ASCII bytes): a cached copy when one is equal. */
  text(ascii: string, bytes: Buffer, s: number, e: number): string {
    let hash = 0x811c9dc5;
    for (let i = s; i < e; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    const slot = (hash >>> 20) & (SLOTS - 1);
    const cached = this.strings[slot];
    if (++this.lookups === TRIAL && this.hits * 2 < TRIAL) this.enabled = false;
    if (cached !== undefined && cached.length === e - s) {
      let i = 0;
      while (i < cached.length && cached.charCodeAt(i) === bytes[s + i]) i++;
      if (i === cached.length) {
        this.hits++;
        return cached;
      }
    }
    const text = ascii.slice(s, e);
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
  let lastBytes: Buffer | undefined;
  let ascii: string | undefined;
  const interners = select.map(() => new Interner());
  for await (const { bytes, block } of pass) {
    if (bytes !== lastBytes) {
      lastBytes = bytes;
      ascii = isAscii(bytes) ? bytes.toString('latin1') : undefined;
    }
    const { stride, starts, ends, escaped } = block;
    for (let r = 0; r < block.rows;) {
      const take = Math.min(block.rows - r, batchSize - fill);
      for (let k = 0; k < select.length; k++) {
        const out = columns[k]!;
        const interner = interners[k]!;
        for (let i = 0, f = r * stride + select[k]!; i < take; i++, f += stride) {
          const s = starts[f]!;
          const e = ends[f]!;
          if (s === e) out[fill + i] = null;
          else if (ascii !== undefined && escaped[f] === 0 && e - s <= INTERN_MAX && interner.enabled) {
            out[fill + i] = interner.text(ascii, bytes, s, e);
          } else out[fill + i] = fieldText(bytes, ascii, block, f);
        }
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
