/**
 * Row keys (evaluate-model's `key-column`): each cell's text as UTF-8 bytes in one arena, with an index that finds
 * a row by its key. Pairing two files of 1,000,000 ids through category columns made a string per key and a Map of
 * them: ~250 MB of heap for 9-digit ids. Here a key costs its bytes, 4 bytes of offset and 8 of index slots.
 *
 * A key is its text as written (a quoted field unquoted, `""` read as `"`), as a category cell is: `7` and `07` are
 * different keys. Cells from JSON Lines or Parquet take their category text (data/column-sinks categoryText).
 */
import { fileError } from '../errors.ts';
import { categoryText, type ColumnSink, type RowOrigin } from './column-sinks.ts';
import type { RowBlock } from './csv-tokenizer.ts';
import type { Cell } from './types.ts';

/** The keys of a column, row by row. */
export class KeyColumn {
  #bytes = Buffer.allocUnsafe(1 << 20);
  /** Row r's key is #bytes[#ends[r - 1] (0 for row 0), #ends[r]). */
  #ends = new Uint32Array(65_536);
  #used = 0;
  length = 0;

  /** The key of `row` as text (for messages). */
  text(row: number): string {
    return this.#bytes.toString('utf8', row === 0 ? 0 : this.#ends[row - 1]!, this.#ends[row]!);
  }

  /** Appends bytes[s, e) as the next row's key. */
  push(bytes: Uint8Array, s: number, e: number): void {
    const length = e - s;
    this.#room(length);
    const out = this.#bytes;
    let at = this.#used;
    if (length <= 32) for (let i = s; i < e; i++) out[at++] = bytes[i]!;
    else {
      out.set(bytes.subarray(s, e), at);
      at += length;
    }
    this.#end(at);
  }

  /** Appends `text` (as UTF-8) as the next row's key. */
  pushText(text: string): void {
    this.#room(text.length * 3);
    this.#end(this.#used + this.#bytes.write(text, this.#used, 'utf8'));
  }

  #room(bytes: number): void {
    if (this.#used + bytes > this.#bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.#bytes.length * 2, this.#used + bytes));
      this.#bytes.copy(grown, 0, 0, this.#used);
      this.#bytes = grown;
    }
    if (this.length === this.#ends.length) {
      const grown = new Uint32Array(this.#ends.length * 2);
      grown.set(this.#ends);
      this.#ends = grown;
    }
  }

  #end(at: number): void {
    if (at > 0xffff_ffff) throw new Error('the key column holds more than 4 GB of text');
    this.#used = at;
    this.#ends[this.length++] = at;
  }

  /** A hash of row's key (FNV-1a over its bytes). */
  hash(row: number): number {
    const bytes = this.#bytes;
    let h = 0x811c9dc5;
    for (let i = row === 0 ? 0 : this.#ends[row - 1]!, e = this.#ends[row]!; i < e; i++)
      h = Math.imul(h ^ bytes[i]!, 0x01000193);
    return h >>> 0;
  }

  /** True when row's key equals `other`'s key of `otherRow`. */
  same(row: number, other: KeyColumn, otherRow: number): boolean {
    const s = row === 0 ? 0 : this.#ends[row - 1]!;
    const e = this.#ends[row]!;
    const os = otherRow === 0 ? 0 : other.#ends[otherRow - 1]!;
    if (other.#ends[otherRow]! - os !== e - s) return false;
    const a = this.#bytes;
    const b = other.#bytes;
    for (let i = 0; i < e - s; i++) if (a[s + i] !== b[os + i]) return false;
    return true;
  }
}

/** The rows of a KeyColumn by key: open addressing over row numbers, built once. */
export class KeyIndex {
  readonly keys: KeyColumn;
  /** Slot: row + 1, or 0 when free. */
  readonly #slots: Int32Array;
  readonly #mask: number;
  /** Rows whose key an earlier row already has, with that row: [row, first row] pairs. */
  readonly repeats: [number, number][] = [];
  /** How many rows repeat an earlier key (repeats holds the first few). */
  repeated = 0;

  constructor(keys: KeyColumn, shown: number) {
    this.keys = keys;
    let size = 1024;
    while (size < keys.length * 2) size *= 2;
    this.#slots = new Int32Array(size);
    this.#mask = size - 1;
    for (let row = 0; row < keys.length; row++) {
      let slot = keys.hash(row) & this.#mask;
      for (;;) {
        const at = this.#slots[slot]!;
        if (at === 0) {
          this.#slots[slot] = row + 1;
          break;
        }
        if (keys.same(row, keys, at - 1)) {
          if (this.repeated++ < shown) this.repeats.push([row, at - 1]);
          break;
        }
        slot = (slot + 1) & this.#mask;
      }
    }
  }

  /** The row whose key equals `other`'s key of `row`, or -1. */
  rowOf(other: KeyColumn, row: number): number {
    let slot = other.hash(row) & this.#mask;
    for (;;) {
      const at = this.#slots[slot]!;
      if (at === 0) return -1;
      if (this.keys.same(at - 1, other, row)) return at - 1;
      slot = (slot + 1) & this.#mask;
    }
  }
}

/** readColumns' sink for a key column: every cell must hold a key (an empty one is an error naming its row). */
export class KeySink implements ColumnSink {
  readonly name: string;
  readonly keys = new KeyColumn();

  constructor(name: string) {
    this.name = name;
  }

  get length(): number {
    return this.keys.length;
  }

  expect(): void {}

  addBlock(bytes: Buffer, block: RowBlock, column: number, origin: RowOrigin): void {
    const { starts, ends, escaped, stride, rows } = block;
    for (let r = 0, i = column; r < rows; r++, i += stride) {
      const s = starts[i]!;
      const e = ends[i]!;
      if (s === e) this.#empty(origin, r, block.lines[r]);
      if (escaped[i] === 1) this.keys.pushText(bytes.toString('utf8', s, e).replaceAll('""', '"'));
      else this.keys.push(bytes, s, e);
    }
  }

  addCells(cells: Cell[], length: number, origin: RowOrigin): void {
    for (let r = 0; r < length; r++) {
      const cell = cells[r]!;
      if (cell === null) this.#empty(origin, r, origin.lines?.[r]);
      else this.keys.pushText(categoryText(cell));
    }
  }

  #empty(origin: RowOrigin, r: number, line: number | undefined): never {
    const where = `column '${this.name}', data row ${origin.fileStart + r + 1}${line ? ` (line ${line})` : ''}`;
    throw fileError(`${where}: expected a value, found an empty cell`, origin.file, { line, field: this.name });
  }
}
