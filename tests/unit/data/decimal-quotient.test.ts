// decimalQuotient: the 16-19 digit fast path of the CSV number parser is exactly Number(text), or NaN (undecided).
import { describe, expect, it } from 'vitest';
import { decimalQuotient } from '@modelgate/core/data/decimal-quotient';

describe('decimalQuotient', () => {
  it('equals Number() of the decimal for every digit split and power it takes, or says it cannot decide', () => {
    let seed = 11;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let decided = 0;
    const wrong: string[] = [];
    for (let k = 1; k <= 4; k++) {
      for (let p = 0; p <= 22; p++) {
        for (let i = 0; i < 2_000; i++) {
          const high = Math.floor(random() * 9e14) + 1e14;
          const low = Math.floor(random() * 10 ** k);
          const text = `${high}${String(low).padStart(k, '0')}e-${p}`;
          const value = decimalQuotient(high, k, low, p);
          if (value !== value) continue;
          decided++;
          if (value !== Number(text)) wrong.push(text);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(decided).toBeGreaterThan(0.95 * 4 * 23 * 2_000);
  });

  it('decides nearly every shortest round-trip double (what models export), powers of two left to Number()', () => {
    let seed = 5;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let tried = 0;
    let undecided = 0;
    let wrong = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = (random() + random() / 2 ** 32) * 10 ** ((i % 7) - 3);
      const text = String(x);
      const digits = text.replace('.', '').replace(/^0+/, '');
      if (text.includes('e') || digits.length < 16) continue;
      const p = text.length - text.indexOf('.') - 1;
      const value = decimalQuotient(Number(digits.slice(0, 15)), digits.length - 15, Number(digits.slice(15)), p);
      tried++;
      if (value !== value) undecided++;
      else if (value !== x) wrong++;
    }
    expect(wrong).toBe(0);
    expect(tried).toBeGreaterThan(100_000);
    expect(undecided / tried).toBeLessThan(0.001);
    expect(decimalQuotient(2 ** 50, 1, 0, 1)).toBeNaN(); // 2^50 exactly: a power of two
  });
});
