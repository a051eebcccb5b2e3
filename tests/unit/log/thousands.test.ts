// thousands(): the en-US grouping of toLocaleString, written out so no action loads ICU's locale data to print a
// count. Checked against toLocaleString itself on every length of integer up to 2^53 and on the odd values.
import { describe, expect, it } from 'vitest';
import { thousands } from '@modelgate/core/log';

describe('thousands', () => {
  it('groups integers by three as en-US does', () => {
    expect(thousands(0)).toBe('0');
    expect(thousands(999)).toBe('999');
    expect(thousands(1000)).toBe('1,000');
    expect(thousands(2_000_000)).toBe('2,000,000');
    expect(thousands(-1234567)).toBe('-1,234,567');
    for (let digits = 1; digits <= 16; digits++) {
      const n = Math.min(Number('9'.repeat(digits)), Number.MAX_SAFE_INTEGER);
      for (const v of [n, -n, Math.floor(n / 7), 10 ** (digits - 1)])
        expect(thousands(v)).toBe(v.toLocaleString('en-US'));
    }
  });

  it('leaves fractions, -0, NaN, infinities and integers past 2^53 to toLocaleString', () => {
    for (const v of [1234.5678, -0, NaN, Infinity, -Infinity, 2 ** 60, 0.5])
      expect(thousands(v)).toBe(v.toLocaleString('en-US'));
  });
});
