/**
 * RFC 4180 tokenizer for CSV and TSV bytes. It records where each field is (byte offsets) instead of creating a
 * string per field, so typed readers (data/columns) parse numbers and dictionary codes straight from the bytes,
 * and the cell reader (data/csv) makes strings only for the columns asked for. Delimiters, quotes and line breaks
 * are ASCII and never occur inside a UTF-8 multi-byte sequence, so working on bytes is exact and skips decoding.
 * readColumns sends plain rows past it (data/csv-typed-scan) and gives it only the rows that scan stops at.
 *
 * Why not udsv (tried, then dropped; the fastest JS CSV parser we measured): it cannot report line numbers, silently folds a
 * ragged row's extra fields into its last column (or pulls the next line into a short row), and skips blank lines
 * without telling. Measured on the 2,000,000-row, 33 MB bench file (4 columns), 2 shared cores, Node 24: udsv's
 * streaming `stringArrs` needed 370-480 ms (0.42-0.53 s wall, 124 MB RSS) for row arrays of strings alone; this
 * tokenizer on bytes takes 80-110 ms, the same loop over decoded strings (charCodeAt) 150-210 ms plus ~60 ms of
 * UTF-8 decoding, hence bytes. End to end, best of several passes in one warm process: reading + tokenizing
 * ~70-100 ms, readColumns of the 4 columns ~195-225 ms, cell batches of the 4 columns ~250-290 ms, against
 * pandas.read_csv's 240-270 ms; per process, as a CI step pays it (`/usr/bin/time`, Node's start and pandas' import
 * included): 0.28 s against 0.72 s (scripts/bench-data.ts).
 */
import { fileError } from '../errors.ts';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Field offsets of up to `capacity` consecutive rows of one file. */
export class RowBlock {
  readonly capacity: number;
  /** Fields per row (the header width). */
  readonly stride: number;
  /** Rows filled. */
  rows = 0;
  /** `starts[r * stride + c]`: byte offset of row r's field c (inside the quotes when quoted). */
  readonly starts: Int32Array;
  /** End offset (exclusive) of each field. */
  readonly ends: Int32Array;
  /** 1 when the quoted field contains doubled quotes (`""`) that must be unescaped. */
  readonly escaped: Uint8Array;
  /** 1-based physical line where each row starts. */
  readonly lines: Int32Array;
  /** The block's bytes decoded as Latin-1 from `latin1Base` on, made on demand (data/number-text) and shared by
   * every column that needs it; cleared whenever the tokenizer refills the block. */
  latin1: string | undefined;
  latin1Base = 0;

  constructor(stride: number, capacity: number) {
    this.stride = stride;
    this.capacity = capacity;
    this.starts = new Int32Array(stride * capacity);
    this.ends = new Int32Array(stride * capacity);
    this.escaped = new Uint8Array(stride * capacity);
    this.lines = new Int32Array(capacity);
  }
}

/**
 * The text of field `i` of a block (null when empty), unescaping doubled quotes. `ascii` is the block's bytes
 * as a string when they are all ASCII (byte offsets are then character offsets), else undefined.
 */
export function fieldText(bytes: Buffer, ascii: string | undefined, block: RowBlock, i: number): string | null {
  const s = block.starts[i]!;
  const e = block.ends[i]!;
  if (s === e) return null;
  const raw = ascii !== undefined ? ascii.slice(s, e) : bytes.toString('utf8', s, e);
  return block.escaped[i] === 1 ? raw.replaceAll('""', '"') : raw;
}

/** Streams rows out of consecutive byte chunks of one file, keeping the physical line count across chunks. */
export class CsvTokenizer {
  readonly file: string;
  readonly delimiter: number;
  /** Expected fields per row; 0 while reading the header (any width accepted). */
  stride: number;
  /** Physical line (1-based) at the tokenizer's position. */
  line = 1;
  /** Fields found in the last row (the header width after the header was read). */
  lastWidth = 0;

  constructor(file: string, delimiter: string, stride: number) {
    this.file = file;
    this.delimiter = delimiter.charCodeAt(0);
    this.stride = stride;
  }

  /**
   * Tokenizes complete rows of `bytes` from `pos` into `block` until it is full or the bytes end. Returns the offset
   * after the last complete row: the caller keeps `bytes.subarray(returned)` and prepends it to the next chunk. With
   * `final`, the bytes end the file and an unterminated last line is a row. Blank lines are skipped, as pandas does.
   */
  run(bytes: Uint8Array, pos: number, final: boolean, block: RowBlock): number {
    const D = this.delimiter;
    const n = bytes.length;
    const stride = block.stride;
    const { starts, ends, escaped, lines } = block;
    block.latin1 = undefined;
    let p = pos;
    let line = this.line;
    let rows = block.rows;
    while (rows < block.capacity && p < n) {
      const rowStart = p;
      const rowLine = line;
      let c = bytes[p]!;
      if (c === LF) {
        p++;
        line++;
        continue;
      }
      if (c === CR) {
        if (p + 1 >= n && !final) break;
        p += bytes[p + 1]! === LF ? 2 : 1;
        line++;
        continue;
      }
      const base = rows * stride;
      let f = 0;
      let complete = true;
      for (;;) {
        let s = p;
        let e: number;
        let esc = 0;
        if (p < n && bytes[p]! === QUOTE) {
          s = p + 1;
          let q = s;
          for (;;) {
            q = bytes.indexOf(QUOTE, q);
            if (q === -1 || (q + 1 >= n && !final)) break;
            if (q + 1 < n && bytes[q + 1]! === QUOTE) {
              esc = 1;
              q += 2;
              continue;
            }
            break;
          }
          if (q === -1 || (q + 1 >= n && !final)) {
            if (!final) {
              complete = false;
              break;
            }
            throw fileError(
              `a quoted field that starts on line ${rowLine} is never closed: add the closing '"'`,
              this.file,
              {
                line: rowLine,
              },
            );
          }
          e = q;
          line += countLineBreaks(bytes, s, e);
          p = q + 1;
          c = p < n ? bytes[p]! : -1;
          if (c !== D && c !== LF && c !== CR && c !== -1) {
            throw fileError(
              `unexpected character ${JSON.stringify(String.fromCharCode(bytes[p]!))} after a closing quote (field ${f + 1}); ` +
                'a quote inside a quoted field must be doubled ("")',
              this.file,
              { line },
            );
          }
        } else {
          c = -1;
          while (p < n) {
            c = bytes[p]!;
            if (c === D || c === LF || c === CR) break;
            p++;
          }
          if (p >= n) {
            if (!final) {
              complete = false;
              break;
            }
            c = -1;
          }
          e = p;
        }
        if (f < stride) {
          starts[base + f] = s;
          ends[base + f] = e;
          escaped[base + f] = esc;
        }
        f++;
        if (c === D) {
          p++;
          continue;
        }
        if (c === CR) {
          if (p + 1 >= n && !final) {
            complete = false;
            break;
          }
          p += bytes[p + 1]! === LF ? 2 : 1;
          line++;
        } else if (c === LF) {
          p++;
          line++;
        }
        break;
      }
      if (!complete) {
        p = rowStart;
        line = rowLine;
        break;
      }
      this.lastWidth = f;
      if (f !== stride) {
        if (this.stride !== 0) throw raggedRow(this.file, rowLine, stride, f);
        if (f > stride) throw fileError(`the header has more than ${stride} columns`, this.file, { line: rowLine });
      }
      lines[rows] = rowLine;
      rows++;
    }
    block.rows = rows;
    this.line = line;
    return p;
  }
}

/** Line breaks (LF, CRLF or a lone CR) in bytes[s, e): a quoted field may span lines. */
function countLineBreaks(bytes: Uint8Array, s: number, e: number): number {
  let count = 0;
  for (let i = s; i < e; i++) {
    const c = bytes[i]!;
    if (c === LF) count++;
    else if (c === CR && (i + 1 >= e || bytes[i + 1]! !== LF)) count++;
  }
  return count;
}

function raggedRow(file: string, line: number, expected: number, found: number) {
  return fileError(
    `line ${line} has ${found} field${found === 1 ? '' : 's'}, expected ${expected} like the header ` +
      '(a delimiter inside a value must be quoted)',
    file,
    { line },
  );
}
