import { describe, expect, it } from 'vitest';
import { NUMBER_TEXT, decimalValue, integerValue, readAs } from '@modelgate/core/validate/cell-types';
import { UniqueSet } from '@modelgate/core/validate/unique-set';

const TEXTS = [
  '0',
  '-0',
  '+7',
  '007',
  '42',
  '-42',
  '123456789012345',
  '1234567890123456',
  '12345678901234567890',
  '9007199254740993',
  '0.1',
  '-0.0',
  '5.',
  '.5',
  '+.5',
  '-.25',
  '12.34',
  '0.000123',
  '123456789.012345',
  '0.13436424411240122',
  '1e5',
  '1.5e-05',
  '1e999',
  '',
  '+',
  '-',
  '.',
  '1.2.3',
  ' 5',
  '5 ',
  '1,000',
  '0x10',
  'abc',
  'NaN',
  'Infinity',
  '１２',
];

describe('number values read from cell text', () => {
  it('integerValue equals Number() on integer text and is NaN on anything else', () => {
    for (const t of TEXTS) {
      const expected = /^[+-]?\d+$/.test(t) ? Number(t) : Number.NaN;
      expect(Object.is(integerValue(t), expected), t).toBe(true);
    }
  });

  it('decimalValue equals Number() on decimal text (NUMBER_TEXT) and is NaN on anything else', () => {
    for (const t of TEXTS) {
      const expected = NUMBER_TEXT.test(t) ? Number(t) : Number.NaN;
      expect(Object.is(decimalValue(t), expected), t).toBe(true);
    }
    for (let i = 0; i < 20_000; i++) {
      const t = (((i * 7919) % 100_003) / 100).toFixed(2);
      expect(decimalValue(t)).toBe(Number(t));
    }
  });

  it('readAs keeps integer text out of decimals and decimals out of integers', () => {
    expect(readAs('integer', '12')).toBe(12);
    expect(readAs('integer', '12.0')).toBeUndefined();
    expect(readAs('number', '12.5')).toBe(12.5);
    expect(readAs('number', '1e999')).toBe(Infinity);
    expect(readAs('number', 'twelve')).toBeUndefined();
  });
});

describe('unique set keyed by numbers', () => {
  it('finds repeated numbers, -0 and 0 as one, and no false duplicates among 100,000 distinct values', () => {
    const u = new UniqueSet();
    let dup = 0;
    for (let i = 0; i < 100_000; i++) if (u.seenNumber(i * 1.5)) dup++;
    expect(dup).toBe(0);
    expect(u.seenNumber(3)).toBe(true);
    expect(u.seenNumber(0.1)).toBe(false);
    expect(u.seenNumber(-0)).toBe(true);
  });
});
