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
  if (i === n && digits > 0) {
    // only digits and at most one dot: NUMBER_TEXT holds, so full-precision text (16-17 digits) skips the regex
    if (digits > 15) return Number(s);
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

/** Two ASCII digits at s[i], s[i + 1] as a number, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >>> 0 > 9 || b >>> 0 > 9 ? -1 : a * 10 + b;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch milliseconds of `YYYY-MM-DD` at s[0..10) read by hand (the hot path of date columns: a regex exec, Date.UTC
 * and a Date per cell were 6% of validate-data's pass on the bench table), or NaN when it is not that shape or not
 * a calendar date. Years below 100 return NaN here: the caller then takes the general path (Date.UTC maps them to
 * 19xx, and the result must stay the same).
 */
function calendarDate(s: string): number {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const hi = twoDigits(s, 0);
  const lo = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const year = hi * 100 + lo;
  if (year < 100) return Number.NaN;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return Number.NaN;
  // days from 1970-01-01 (Hinnant's days_from_civil)
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) * 86_400_000;
}

/** Epoch milliseconds of an ISO date (`2020-01-31`), or NaN when it is not a real calendar date. */
export function dateValue(s: string): number {
  if (s.length === 10) {
    const t = calendarDate(s);
    if (t === t) return t;
  }
  const m = DATE.exec(s);
  if (!m) return Number.NaN;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? t : Number.NaN;
}

/**
 * Epoch milliseconds of an ISO datetime (no zone means UTC), or NaN. `YYYY-MM-DD[T ]HH:MM[:SS]` without a zone or
 * fraction, with every field in range, is read by hand; everything else goes through Date.parse, which gives the
 * same value for those.
 */
export function datetimeValue(s: string): number {
  const n = s.length;
  if (n === 16 || n === 19) {
    const sep = s.charCodeAt(10);
    const date = calendarDate(s);
    if (date === date && (sep === 84 || sep === 32) && s.charCodeAt(13) === 58) {
      const h = twoDigits(s, 11);
      const m = twoDigits(s, 14);
      const sec = n === 19 ? (s.charCodeAt(16) === 58 ? twoDigits(s, 17) : -1) : 0;
      if (h >= 0 && h <= 23 && m >= 0 && m <= 59 && sec >= 0 && sec <= 59)
        return date + ((h * 60 + m) * 60 + sec) * 1000;
    }
  }
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
