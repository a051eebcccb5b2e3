/**
 * The Kolmogorov distribution against SciPy 1.10 (scripts/oracles/kolmogorov.py) at points chosen to reach every
 * branch of `_kolmogn`'s survival function (each side of n·x = 0.5 and 1, n·x = n − 1, x = 0.5, n = 140, n·x² = 4,
 * 2.2 and 370, n = 20,000 and n·x^1.5 = 1.4) and each algorithm on its own: Pomeranz's recursion (fractional parts
 * of n·x of 0, below and above 1/2; rows rescaled by 2^128), Pelz-Good and the one-sided Smirnov sum.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kolmogornPelzGood, kolmogornPomeranz, kolmogornSf, smirnov } from '@modelgate/core/drift/kolmogorov';

type Point = [n: number, x: number, value: number];
const oracle = JSON.parse(readFileSync(new URL('../../fixtures/drift/kolmogorov.json', import.meta.url), 'utf8')) as {
  sf: Point[];
  pomeranz: Point[];
  pelz_good: Point[];
  smirnov: Point[];
};

/** Equal to 1e-10 relative (SciPy's DMTW and our Pomeranz agree to ~1e-12), exactly when SciPy gives 0 or 1. */
function expectClose(got: number, want: number, what: string): void {
  if (want === 0 || want === 1) expect(got, what).toBe(want);
  else expect(Math.abs(got - want) / Math.abs(want), `${what}: ${got} vs ${want}`).toBeLessThan(1e-10);
}

describe('the Kolmogorov distribution equals SciPy 1.10', () => {
  it('kstwo.sf(x, n) on each side of every cut-off of _kolmogn', () => {
    for (const [n, x, sf] of oracle.sf) expectClose(kolmogornSf(n, x), sf, `sf(${x}, ${n})`);
  });

  it('Pomeranz’s recursion: Pr(D_n <= x), with n·x whole, below and above a half, and tiny rows rescaled', () => {
    for (const [n, x, cdf] of oracle.pomeranz) expectClose(kolmogornPomeranz(n, x), cdf, `Pomeranz(${n}, ${x})`);
  });

  it('the Pelz-Good approximation, with its ends (x <= 0, x >= 1, and sqrt(n)·x so small the series is 0)', () => {
    for (const [n, x, cdf] of oracle.pelz_good) expectClose(kolmogornPelzGood(n, x), cdf, `PelzGood(${n}, ${x})`);
  });

  it('the one-sided Smirnov survival, with its ends (x <= 0 is 1, x >= 1 is 0)', () => {
    for (const [n, x, sf] of oracle.smirnov) expectClose(smirnov(n, x), sf, `smirnov(${n}, ${x})`);
  });
});
