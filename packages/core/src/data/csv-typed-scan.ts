/**
 * readColumns' fastest path for CSV and TSV: one pass over the bytes that parses the numeric columns while it finds
 * their ends, records only the category columns' offsets, and steps over every other column without storing
 * anything. The general tokenizer (data/csv-tokenizer) wrote three offsets for every field of every row and the
 * numbers were then parsed in a second pass over the same bytes; on a model's export (an id, float64 scores written
 * to 17 digits, six feature columns nobody reads) that second pass and the stores were most of the read.
 *
 * It takes only plain rows: unquoted fields, LF or CRLF endings, the header's width, numbers in plain decimal or
 * exponent form. At the first row it cannot take (a quote, a lone CR, a ragged row, an empty or non-numeric cell
 * where a number is required) it stops, and the general tokenizer takes the rows from there (data/csv), so every
 * error keeps its message, line and row, and quoted or irregular files read exactly as before. Numbers are exact:
 * the same fast paths as data/number-text (Clinger's for up to 2^53, data/decimal-quotient for 16-19 digits) and
 * Number() for anything else.
 */
import type { CategorySink, NumberSink } from './column-sinks.ts';
import { RowBlock } from './csv-tokenizer.ts';
import { decimalQuotient } from './decimal-quotient.ts';
import { parseNumberText } from './number-text.ts';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** Rows scanned per call of the inner loop: bounds the category offsets block (8 bytes a category column a row). */
const SCAN_ROWS = 16_384;
const EMPTY = new Float64Array(0);
/**
 * The values of the two calls below pass through here. A call V8 does not inline returns a boxed number, and one
 * boxed input made `value` a boxed variable on every path: a 16-byte heap number per parsed cell (64 MB of garbage
 * on 2M rows of two columns, and a young generation grown to hold it). Read back from a typed array, the value is
 * a plain double again.
 */
const SLOT = new Float64Array(1);

/**
 * True when the four bytes of `word` (read little-endian) are all ASCII digits: each byte's high nibble is 3 and
 * adding 6 does not carry out of its low nibble.
 */
function isFourDigits(word: number): boolean {
  return ((word & 0xf0f0f0f0) | (((word + 0x06060606) & 0xf0f0f0f0) >>> 4)) === 0x33333333;
}

/**
 * True when a byte of `word` may be the delimiter (`delimiters`: its byte four times), LF or CR. LF and CR are
 * caught as any byte below 14 (tab and the other control bytes too): a false alarm only sends the field's last
 * bytes to the byte-by-byte loop, which looks at each one.
 */
function endsField(word: number, delimiters: number): boolean {
  const d = word ^ delimiters;
  // a zero byte of x sets its high bit in (x - 0x01010101) & ~x, a byte below 14 in (x - 0x0e0e0e0e) & ~x (a borrow
  // may flag a byte above it too: harmless)
  return ((((d - 0x01010101) & ~d) | ((word - 0x0e0e0e0e) & ~word)) & 0x80808080) !== 0;
}

/** The value of four ASCII digits read little-endian (the first digit in the lowest byte). */
function fourDigits(word: number): number {
  const pairs = (((word & 0x0f0f0f0f) * 10 + ((word >>> 8) & 0x0f0f0f0f)) & 0x00ff00ff) >>> 0;
  return (pairs & 0xffff) * 100 + (pairs >>> 16);
}

/** What a column becomes: skipped, a number (or NaN when empty and allowed), a category code. */
const SKIP = 0;
const NUMBER = 1;
const NUMBER_OR_NULL = 2;
const CATEGORY = 3;

/** Rows consumed by one scan. */
export interface ScanResult {
  /** Offset after the last row taken. */
  pos: number;
  /** Data rows taken. */
  rows: number;
  /** Physical lines passed (rows plus skipped blank lines). */
  lines: number;
}

/** The fast path's plan for one file: which columns go where. */
export class TypedRowScanner {
  readonly #stride: number;
  readonly #kinds: Int8Array;
  /** The sink of each column (undefined when skipped). */
  readonly #numberSinks: (NumberSink | undefined)[];
  readonly #categorySinks: CategorySink[];
  /** For a category column: its index among the category columns. */
  readonly #categoryIndex: Int32Array;
  /** Offsets of the category columns only (stride = their count). */
  readonly #categories: RowBlock;
  /** Called once after the first rows with their bytes per row and count, to size the sinks once. */
  #onFirstRows: ((bytesPerRow: number, rows: number) => void) | undefined;

  constructor(
    stride: number,
    columns: { column: number; sink: NumberSink | CategorySink; kind: 'number' | 'category' }[],
    onFirstRows?: (bytesPerRow: number, rows: number) => void,
  ) {
    this.#stride = stride;
    this.#kinds = new Int8Array(stride);
    this.#numberSinks = new Array<NumberSink | undefined>(stride);
    this.#categoryIndex = new Int32Array(stride).fill(-1);
    this.#categorySinks = [];
    for (const { column, sink, kind } of columns) {
      if (kind === 'number') {
        const numbers = sink as NumberSink;
        this.#kinds[column] = numbers.orNull ? NUMBER_OR_NULL : NUMBER;
        this.#numberSinks[column] = numbers;
      } else {
        this.#kinds[column] = CATEGORY;
        this.#categoryIndex[column] = this.#categorySinks.length;
        this.#categorySinks.push(sink as CategorySink);
      }
    }
    this.#categories = new RowBlock(Math.max(this.#categorySinks.length, 1), SCAN_ROWS);
    this.#onFirstRows = onFirstRows;
  }

  /** True when `columns` suit the scanner: each file column asked for once. */
  static suits(columns: { column: number }[]): boolean {
    return new Set(columns.map((c) => c.column)).size === columns.length && columns.every((c) => c.column >= 0);
  }

  /**
   * Takes the plain rows of bytes[pos, limit) (limit just after a line break: only complete rows), appending to the
   * sinks, and stops at the first row it cannot take (or at limit). `delimiter` is the byte of `,` or a tab.
   */
  scan(bytes: Buffer, pos: number, limit: number, delimiter: number): ScanResult {
    let p = pos;
    let rows = 0;
    let lines = 0;
    while (p < limit) {
      const room = this.#reserve(SCAN_ROWS);
      const r = this.#scanRows(bytes, p, limit, room, delimiter);
      this.#commit(bytes, r.rows);
      if (this.#onFirstRows && r.rows > 0) {
        // the sinks are sized from the first rows' bytes: one allocation per column for the whole file
        const callback = this.#onFirstRows;
        this.#onFirstRows = undefined;
        callback((r.pos - p) / r.rows, r.rows);
      }
      p = r.pos;
      rows += r.rows;
      lines += r.lines;
      if (r.rows < room) break;
    }
    return { pos: p, rows, lines };
  }

  /** Room for up to `rows` more rows in every sink without growing past what readColumns estimated. */
  #reserve(rows: number): number {
    let room = rows;
    for (const sink of this.#numberSinks) if (sink) room = Math.min(room, sink.values.length - sink.length);
    for (const sink of this.#categorySinks) room = Math.min(room, sink.values.length - sink.length);
    if (room >= 1024 || room === rows) return room;
    for (const sink of this.#numberSinks) if (sink) sink.expect(sink.length + rows);
    for (const sink of this.#categorySinks) sink.expect(sink.length + rows);
    return rows;
  }

  /** Encodes the category offsets of the rows just scanned and moves every sink's length on. */
  #commit(bytes: Buffer, rows: number): void {
    const block = this.#categories;
    block.rows = rows;
    for (let k = 0; k < this.#categorySinks.length; k++) {
      const sink = this.#categorySinks[k]!;
      sink.dictionary.encodeFields(bytes, block, k, sink.values, sink.length);
      sink.length += rows;
    }
    for (const sink of this.#numberSinks) if (sink) sink.length += rows;
  }

  /** The inner loop: at most `room` rows. */
  #scanRows(bytes: Buffer, pos: number, limit: number, room: number, D: number): ScanResult {
    const stride = this.#stride;
    const kinds = this.#kinds;
    // every sink holds the same number of rows: row r of this scan goes to index at + r
    const outs = this.#numberSinks.map((sink) => sink?.values ?? EMPTY);
    const at = (this.#numberSinks.find((sink) => sink) ?? this.#categorySinks[0])?.length ?? 0;
    const categoryIndex = this.#categoryIndex;
    const { starts, ends, stride: categoryStride } = this.#categories;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    // the last offset a four-byte read may start at
    const wordEnd = bytes.length - 3;
    const delimiters = D * 0x01010101;
    let p = pos;
    let rows = 0;
    let lines = 0;
    scan: while (p < limit && rows < room) {
      const rowStart = p;
      let c = bytes[p]!;
      if (c === LF) {
        p++;
        lines++;
        continue;
      }
      for (let f = 0; ; f++) {
        const kind = kinds[f]!;
        const s = p;
        if (bytes[p] === QUOTE) {
          p = rowStart;
          break scan;
        }
        if (kind === SKIP) {
          // four bytes at a time while none ends the field (ids, features), then byte by byte to its end
          for (;;) {
            if (p < wordEnd && !endsField(view.getUint32(p, true), delimiters)) {
              p += 4;
              continue;
            }
            c = bytes[p]!;
            if (c === D || c === LF || c === CR) break;
            p++;
          }
        } else if (kind === CATEGORY) {
          c = bytes[p]!;
          while (c !== D && c !== LF && c !== CR) c = bytes[++p]!;
          if (p === s && !this.#categorySinks[categoryIndex[f]!]!.orNull) {
            p = rowStart;
            break scan;
          }
          const at = rows * categoryStride + categoryIndex[f]!;
          starts[at] = s;
          ends[at] = p;
        } else {
          // A number: sign, digits with at most one dot, then an optional exponent, read as they are scanned.
          let i = p;
          const negative = bytes[i] === 45;
          if (negative) i++;
          let mantissa = 0;
          let tail = 0;
          let tailDigits = 0;
          let significant = 0;
          let dotAt = -1;
          const first = i;
          for (;;) {
            // past the leading zeros, four digits at a time while they fit the 15 exact ones
            if (significant !== 0 && significant <= 11 && i < wordEnd) {
              const word = view.getUint32(i, true);
              if (isFourDigits(word)) {
                mantissa = mantissa * 10_000 + fourDigits(word);
                significant += 4;
                i += 4;
                continue;
              }
            }
            c = bytes[i]!;
            const d = c - 48;
            if (d >>> 0 <= 9) {
              if (significant < 15) {
                if (significant !== 0 || d !== 0) {
                  mantissa = mantissa * 10 + d;
                  significant++;
                }
              } else if (++significant <= 19) {
                tail = tail * 10 + d;
                tailDigits++;
              }
            } else if (c === 46 && dotAt < 0) dotAt = i;
            else break;
            i++;
          }
          const digitsEnd = i;
          let value = NaN;
          let plain = digitsEnd - first > (dotAt >= 0 ? 1 : 0) && significant <= 19;
          let exponent = dotAt >= 0 ? dotAt + 1 - digitsEnd : 0;
          if (plain && (c | 32) === 101) {
            // 1.5e-05, as pandas writes small probabilities
            i++;
            let sign = 1;
            if (bytes[i] === 45 || bytes[i] === 43) sign = bytes[i++] === 45 ? -1 : 1;
            const powerStart = i;
            let power = 0;
            for (let d = bytes[i]! - 48; d >>> 0 <= 9 && power < 10_000; d = bytes[++i]! - 48) power = power * 10 + d;
            c = bytes[i]!;
            plain = i > powerStart;
            exponent += sign * power;
          }
          if (c !== D && c !== LF && c !== CR) {
            // something else in the field (spaces, a plus sign, text): find its end and let Number() judge
            while (c !== D && c !== LF && c !== CR) c = bytes[++i]!;
            plain = false;
          }
          p = i;
          if (p === s) {
            if (kind !== NUMBER_OR_NULL) {
              p = rowStart;
              break scan;
            }
          } else {
            if (plain && tailDigits !== 0) {
              const whole = mantissa * POW10[tailDigits]! + tail;
              // exact while the digits fit a double's integer range (2^53): Clinger's fast path still applies
              if (whole <= 9007199254740992) {
                mantissa = whole;
                tailDigits = 0;
              }
            }
            if (plain && tailDigits === 0 && exponent >= -22 && exponent <= 22) {
              value =
                mantissa === 0 || exponent === 0
                  ? mantissa
                  : exponent > 0
                    ? mantissa * POW10[exponent]!
                    : mantissa / POW10[-exponent]!;
            } else if (plain && exponent < 0 && exponent >= -22) {
              SLOT[0] = decimalQuotient(mantissa, tailDigits, tail, -exponent);
              value = SLOT[0]!;
            }
            if (value !== value) {
              SLOT[0] = parseNumberText(bytes.toString('latin1', s, p));
              value = SLOT[0]!;
            } else if (negative) value = -value;
            if (value !== value) {
              p = rowStart;
              break scan;
            }
          }
          outs[f]![at + rows] = value;
        }
        if (c === D) {
          p++;
          if (f + 1 === stride) {
            p = rowStart;
            break scan;
          }
          continue;
        }
        // the row's end: a ragged row goes to the general tokenizer, which names it
        if (f + 1 !== stride) {
          p = rowStart;
          break scan;
        }
        if (c === CR) {
          if (bytes[p + 1] !== LF) {
            p = rowStart;
            break scan;
          }
          p++;
        }
        p++;
        break;
      }
      rows++;
      lines++;
    }
    return { pos: p, rows, lines };
  }
}
