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
