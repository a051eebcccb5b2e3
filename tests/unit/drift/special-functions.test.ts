// The special functions behind the drift p-values against SciPy's values (scipy.special, scipy.stats, math.lgamma),
// one branch each: the reflection below 1/2, the series below a + 1 and the continued fraction above it, the
// ends of the range, NaN passed through, both tails of the normal CDF.
import { describe, expect, it } from 'vitest';
import { chi2Sf, gammaP, gammaQ, logGamma, normalCdf } from '@modelgate/core/drift/special';

const rel = (got: number, want: number, tolerance = 1e-13) =>
  expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThanOrEqual(tolerance * Math.abs(want));

describe('log-gamma', () => {
  it('ln Γ(10) = ln 9!, ln Γ(1) = ln Γ(2) = 0', () => {
    rel(logGamma(10), Math.log(362880));
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-15);
  });

  it('below 1/2 by reflection: ln Γ(0.3), ln Γ(1e-5); ln Γ(1/2) = ln √π', () => {
    rel(logGamma(0.3), 1.0957979948180752);
    rel(logGamma(1e-5), 11.512919692895824);
    rel(logGamma(0.5), 0.5723649429247004);
  });
});

describe('regularised incomplete gamma', () => {
  it('series side (x < a + 1): P(2, 1) and Q(2, 1)', () => {
    rel(gammaP(2, 1), 0.2642411176571153);
    rel(gammaQ(2, 1), 0.7357588823428847);
  });

  it('continued-fraction side (x >= a + 1): Q(2, 5), P(2, 5), Q(1/2, 3)', () => {
    rel(gammaQ(2, 5), 0.04042768199451279);
    rel(gammaP(2, 5), 0.9595723180054873);
    rel(gammaQ(0.5, 3), 0.014305878435429641);
  });

  it('at 0 and at infinity', () => {
    expect([gammaP(2, 0), gammaQ(2, 0), gammaP(2, -1), gammaQ(2, -1)]).toEqual([0, 1, 0, 1]);
    expect([gammaP(2, Infinity), gammaQ(2, Infinity)]).toEqual([1, 0]);
  });

  it('far above a + 1 only the continued fraction works: P(1/2, 1000) = 1 (the series would overflow)', () => {
    expect(gammaP(0.5, 1000)).toBe(1);
    expect(gammaQ(0.5, 1000)).toBeLessThan(1e-300);
  });
});

describe('chi-squared survival and the normal CDF', () => {
  it('chi2.sf(3.84, 1) is 0.05; chi2.sf(20, 10); NaN stays NaN', () => {
    rel(chi2Sf(3.84, 1), 0.05004352124870519);
    rel(chi2Sf(20, 10), 0.029252688076961124);
    expect(chi2Sf(NaN, 3)).toBeNaN();
    expect(chi2Sf(0, 3)).toBe(1);
  });

  it('norm.cdf at ±1.96, 0 and a far tail; NaN stays NaN', () => {
    rel(normalCdf(-1.96), 0.024997895148220435, 1e-12);
    rel(normalCdf(1.96), 0.9750021048517795);
    expect(normalCdf(0)).toBe(0.5);
    rel(normalCdf(-8), 6.22096057427174e-16, 1e-10);
    expect(normalCdf(NaN)).toBeNaN();
  });
});
