/**
 * Where readColumns puts each column: a Float64Array for numbers, dictionary codes for categories. Each sink takes
 * either tokenized CSV rows (bytes and offsets: no string per cell) or batches of cells from any reader.
 */
import { fileError } from '../errors.ts';
import type { RowBlock } from './csv-tokenizer.ts';
import { Dictionary } from './dictionary.ts';
import { parseNumberFields, parseNumberText } from './number-text.ts';
import type { Cell } from './types.ts';

/** Where rows come from, for error messages: 1-based data row `fileStart + r + 1`, physical line `lines[r]`. */
export interface RowOrigin {
  file: string;
  fileStart: number;
  lines?: Int32Array | undefined;
}

export interface ColumnSink {
  /** Rows stored so far. */
  readonly length: number;
  /** Makes room for `rows` rows in all, so a good estimate avoids growing (and the garbage of the old arrays). */
  expect(rows: number): void;
  addBlock(bytes: Buffer, block: RowBlock, column: number, origin: RowOrigin): void;
  addCells(cells: Cell[], length: number, origin: RowOrigin): void;
}

/** Numbers: `orNull` stores an empty cell as NaN; otherwise an empty or non-numeric cell is a UserError. */
export class NumberSink implements ColumnSink {
  readonly name: string;
  readonly orNull: boolean;
  values = new Float64Array(65_536);
  length = 0;

  expect(rows: number): void {
    reserve(this, rows - this.length);
  }

  constructor(name: string, orNull: boolean) {
    this.name = name;
    this.orNull = orNull;
  }

  addBlock(bytes: Buffer, block: RowBlock, column: number, origin: RowOrigin): void {
    const values = reserve(this, block.rows);
    const r = parseNumberFields(bytes, block, column, values, this.length, this.orNull);
    if (r >= 0) throw this.#error(fieldString(bytes, block, r * block.stride + column), origin, r, block.lines[r]);
    this.length += block.rows;
  }

  addCells(cells: Cell[], length: number, origin: RowOrigin): void {
    const values = reserve(this, length);
    let n = this.length;
    for (let r = 0; r < length; r++) {
      const cell = cells[r]!;
      let value: number;
      if (typeof cell === 'number') value = Number.isFinite(cell) ? cell : NaN;
      else if (typeof cell === 'string') value = parseNumberText(cell);
      else if (typeof cell === 'boolean') value = cell ? 1 : 0;
      else value = NaN;
      if (value !== value && !(cell === null && this.orNull)) {
        throw this.#error(cell === null ? null : String(cell), origin, r, origin.lines?.[r]);
      }
      values[n++] = value;
    }
    this.length = n;
  }

  #error(text: string | null, origin: RowOrigin, r: number, line: number | undefined) {
    const found = text === null || text === '' ? 'an empty cell' : quote(text);
    const where = `column '${this.name}', data row ${origin.fileStart + r + 1}${line ? ` (line ${line})` : ''}`;
    return fileError(`${where}: expected a finite number, found ${found}`, origin.file, { line, field: this.name });
  }
}

/** Categories as dictionary codes: `orNull` codes an empty cell -1; otherwise it is a UserError. */
export class CategorySink implements ColumnSink {
  readonly name: string;
  readonly orNull: boolean;
  readonly dictionary = new Dictionary();
  values = new Int32Array(65_536);
  length = 0;

  expect(rows: number): void {
    reserve(this, rows - this.length);
  }

  constructor(name: string, orNull: boolean) {
    this.name = name;
    this.orNull = orNull;
  }

  addBlock(bytes: Buffer, block: RowBlock, column: number, origin: RowOrigin): void {
    const codes = reserve(this, block.rows);
    const empties = this.dictionary.encodeFields(bytes, block, column, codes, this.length);
    if (empties > 0 && !this.orNull) {
      const r = codes.subarray(this.length, this.length + block.rows).indexOf(-1);
      this.#null(origin, r, block.lines[r]);
    }
    this.length += block.rows;
  }

  addCells(cells: Cell[], length: number, origin: RowOrigin): void {
    const codes = reserve(this, length);
    const dictionary = this.dictionary;
    let n = this.length;
    for (let r = 0; r < length; r++) {
      const cell = cells[r]!;
      codes[n++] = cell === null ? this.#null(origin, r, origin.lines?.[r]) : dictionary.codeOf(categoryText(cell));
    }
    this.length = n;
  }

  #null(origin: RowOrigin, r: number, line: number | undefined): number {
    if (this.orNull) return -1;
    const where = `column '${this.name}', data row ${origin.fileStart + r + 1}${line ? ` (line ${line})` : ''}`;
    throw fileError(`${where}: expected a value, found an empty cell`, origin.file, { line, field: this.name });
  }
}

/**
 * The string form of a category cell. Integers print without a decimal point (`1`, as Python prints an int), other
 * numbers in their shortest round-trip form, booleans as `true`/`false` (JSON's spelling).
 */
export function categoryText(cell: string | number | boolean): string {
  return typeof cell === 'string' ? cell : String(cell);
}

/** Makes room for `more` values and returns the (maybe new) array. */
function reserve<T extends Float64Array | Int32Array>(sink: { values: T; length: number }, more: number): T {
  const needed = sink.length + more;
  if (needed <= sink.values.length) return sink.values;
  let size = Math.max(sink.values.length * 2, 1024);
  while (size < needed) size *= 2;
  if (more > sink.values.length) size = needed;
  const grown = new (sink.values.constructor as new (n: number) => T)(size);
  grown.set(sink.values.subarray(0, sink.length) as never);
  sink.values = grown;
  return grown;
}

/** The decoded, unescaped text of field `i` (for the rare escaped field and for error messages). */
function fieldString(bytes: Buffer, block: RowBlock, i: number): string {
  const text = bytes.toString('utf8', block.starts[i]!, block.ends[i]!);
  return block.escaped[i] === 1 ? text.replaceAll('""', '"') : text;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
