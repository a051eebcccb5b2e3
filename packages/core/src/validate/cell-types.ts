/**
 * How a cell is read as each column type of the data schema (docs/formats.md: integer, number, string, boolean, date,
 * datetime). CSV cells are text; JSONL and Parquet cells may already be numbers or booleans. Numbers follow the
 * decimal grammar pandas' CSV reader accepts (no hex, no thousands separators); dates are ISO 8601.
 */
import type { Cell } from '../data/types.ts';
import type { ColumnType } from '../contracts/schema.ts';

export const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Classifies decimal text in one pass over its characters (the hot path: every numeric cell of a CSV):
 * 0 not a number, 1 an integer (`^[+-]?\d+$`), 2 another decimal number (NUMBER_TEXT).
 */
export function numberKind(s: string): 0 | 1 | 2 {
  const n = s.length;
  let i = 0;
  if (n === 0) return 0;
  let c = s.charCodeAt(0);
  if (c === 43 || c === 45) i++;
  let digits = 0;
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    i++;
    digits++;
  }
  if (i === n) return digits ? 1 : 0;
  return NUMBER_TEXT.test(s) ? 2 : 0;
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * The value of integer text (`^[+-]?\d+$`), or NaN when the text is not one; equals `Number(s)` (up to 15 digits
 * summed exactly, longer text goes to Number()). One pass instead of a classification and a second parse.
 */
export function integerValue(s: string): number {
  const n = s.length;
  let i = 0;
  const c = s.charCodeAt(0);
  if (c === 43 || c === 45) i++;
  if (i >= n) return Number.NaN;
  const first = i;
  let v = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d >>> 0 > 9) return Number.NaN;
    v = v * 10 + d;
  }
  if (n - first > 15) return Number(s);
  return c === 45 ? -v : v;
}

/**
 * The value of decimal text (NUMBER_TEXT), or NaN; equals `Number(s)`. Plain decimals of at most 15 digits take
 * Clinger's fast path (an exact integer divided by an exact power of ten rounds correctly, as Number() does).
 */
export function decimalValue(s: string): number {
  const n = s.length;
  let i = 0;
  const c = s.charCodeAt(0);
  if (c === 43 || c === 45) i++;
  let v = 0;
  let digits = 0;
  let dot = -1;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d >>> 0 <= 9) {
      v = v * 10 + d;
      digits++;
    } else if (d === -2 && dot < 0) dot = i;
    else break;
  }
  if (i === n && digits > 0 && digits <= 15) {
    const value = dot < 0 ? v : v / POW10[n - 1 - dot]!;
    return c === 45 ? -value : value;
  }
  return NUMBER_TEXT.test(s) ? Number(s) : Number.NaN;
}

/** A cell read as a type: its comparable value (number, epoch ms for dates, text for strings). */
export type Typed = number | string | boolean;

/** The cell as text (examples, patterns, lengths, category keys). */
export function cellText(cell: Exclude<Cell, null>): string {
  return typeof cell === 'string' ? cell : String(cell);
}

/** Epoch milliseconds of an ISO date (`2020-01-31`), or NaN when it is not a real calendar date. */
export function dateValue(s: string): number {
  const m = DATE.exec(s);
  if (!m) return Number.NaN;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? t : Number.NaN;
}

/** Epoch milliseconds of an ISO datetime (no zone means UTC), or NaN. */
export function datetimeValue(s: string): number {
  if (!DATETIME.test(s)) return Number.NaN;
  const zoned = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/.test(s.slice(10));
  return Date.parse(zoned ? s.replace(' ', 'T') : `${s.replace(' ', 'T')}Z`);
}

/** Reads a non-null cell as `type`; undefined when the cell is not of that type. */
export function readAs(type: ColumnType, cell: Exclude<Cell, null>): Typed | undefined {
  switch (type) {
    case 'string':
      return cellText(cell);
    case 'integer':
      if (typeof cell === 'number') return Number.isInteger(cell) ? cell : undefined;
      if (typeof cell !== 'string') return undefined;
      return valueOrUndefined(integerValue(cell));
    case 'number':
      if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
      if (typeof cell !== 'string') return undefined;
      return valueOrUndefined(decimalValue(cell));
    case 'boolean': {
      if (typeof cell === 'boolean') return cell;
      const t = typeof cell === 'string' ? cell.toLowerCase() : '';
      return t === 'true' ? true : t === 'false' ? false : undefined;
    }
    case 'date': {
      const v = dateValue(cellText(cell));
      return Number.isNaN(v) ? undefined : v;
    }
    case 'datetime': {
      const v = datetimeValue(cellText(cell));
      return Number.isNaN(v) ? undefined : v;
    }
  }
}

function valueOrUndefined(v: number): number | undefined {
  return v === v ? v : undefined;
}

/** Reads a schema bound (`min`/`max`) for a type: numbers as is, dates as epoch ms; undefined if it does not fit. */
export function boundValue(type: ColumnType, bound: number | string): Typed | undefined {
  if (type === 'date' || type === 'datetime') {
    const s = String(bound);
    const v = type === 'date' ? dateValue(s) : Number.isNaN(dateValue(s)) ? datetimeValue(s) : dateValue(s);
    return Number.isNaN(v) ? undefined : v;
  }
  if (type === 'string') return String(bound);
  const n = typeof bound === 'number' ? bound : Number(bound);
  return Number.isFinite(n) ? n : undefined;
}

/** Length in Unicode code points (what a user means by "characters"); fast for text without surrogates. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}
