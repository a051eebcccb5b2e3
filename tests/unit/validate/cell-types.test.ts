import { describe, expect, it } from 'vitest';
import { numberKind, readAs } from '@modelgate/core/validate/cell-types';
import { TypeGuess } from '@modelgate/core/validate/type-guess';

describe('cell types', () => {
  it('classifies integers, decimals and non-numbers as the number grammar says', () => {
    expect(['12', '-3', '+0'].map(numberKind)).toEqual([1, 1, 1]);
    expect(['1.5', '.5', '1e3', '-2.5E-3', '7.'].map(numberKind)).toEqual([2, 2, 2, 2, 2]);
    expect(['', '+', 'abc', '1,000', '0x1A', '1.2.3', ' 1'].map(numberKind)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('reads dates only when they are real calendar dates, and booleans case-insensitively', () => {
    expect(readAs('date', '2020-02-29')).toBe(Date.UTC(2020, 1, 29));
    expect(readAs('date', '2021-02-29')).toBeUndefined();
    expect(readAs('boolean', 'TRUE')).toBe(true);
    expect(readAs('boolean', 'yes')).toBeUndefined();
    expect(readAs('integer', 3.5)).toBeUndefined();
  });

  it('guesses the narrowest type every value fits', () => {
    const guess = (values: string[]) => {
      const g = new TypeGuess();
      for (const v of values) g.add(v);
      return g.type;
    };
    expect(guess(['1', '2'])).toBe('integer');
    expect(guess(['1', '2.5'])).toBe('number');
    expect(guess(['true', 'False'])).toBe('boolean');
    expect(guess(['2020-01-01'])).toBe('date');
    expect(guess(['2020-01-01T10:00:00Z'])).toBe('datetime');
    expect(guess(['1', 'x'])).toBe('string');
  });
});

describe('dates and datetimes read by hand equal Date.UTC / Date.parse', () => {
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  /** The general path the hand-read forms must agree with (the regex and Date.parse of the ISO text, as UTC). */
  function parsed(s: string): number {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (m) {
      const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      const d = new Date(t);
      return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? t : Number.NaN;
    }
    return Date.parse(`${s.replace(' ', 'T')}Z`);
  }

  it('on every month end, leap day, hour, minute and second boundary, in and out of range', () => {
    for (const year of [1900, 1970, 1999, 2000, 2023, 2024, 2100, 2400, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (const day of [0, 1, 28, 29, 30, 31, 32]) {
          const date = `${p(year, 4)}-${p(month, 2)}-${p(day, 2)}`;
          const d = readAs('date', date);
          expect(d ?? Number.NaN).toEqual(parsed(date));
          for (const [h, m, s] of [
            [0, 0, 0],
            [23, 59, 59],
            [24, 0, 0],
            [12, 60, 0],
            [12, 30, 60],
          ]) {
            for (const text of [`${date}T${p(h!, 2)}:${p(m!, 2)}`, `${date} ${p(h!, 2)}:${p(m!, 2)}:${p(s!, 2)}`]) {
              expect(readAs('datetime', text) ?? Number.NaN).toEqual(parsed(text));
            }
          }
        }
      }
    }
  });

  it('keeps the general path for zones, fractions and two-digit years', () => {
    expect(readAs('datetime', '2024-03-05T12:00:00+02:00')).toBe(Date.UTC(2024, 2, 5, 10));
    expect(readAs('datetime', '2024-03-05 12:00:00.250Z')).toBe(Date.UTC(2024, 2, 5, 12, 0, 0, 250));
    expect(readAs('date', '0020-01-01')).toBe(Date.UTC(20, 0, 1));
    expect(readAs('date', '2024-3-05')).toBeUndefined();
  });
});
