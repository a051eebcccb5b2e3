/**
 * Special functions behind the drift p-values: log-gamma, the regularised incomplete gamma function (chi-squared
 * survival) and the normal CDF. Accurate to ~1e-14 relative, which is what SciPy's cephes routines give too.
 */

// Lanczos approximation, g = 7, n = 9 (Godfrey's coefficients): ~1e-15 relative for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-16;
const TINY = 1e-300;

/** Regularised lower incomplete gamma P(a, x) by its series (converges fast for x < a + 1). */
function gammaPSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  // Stryker disable next-line EqualityOperator,UpdateOperator: equivalent, the series converges (break below) long before the cap
  for (let i = 0; i < 100000; i++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    // Stryker disable next-line EqualityOperator: equivalent, one more term below 1e-16 of the sum changes nothing
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Regularised upper incomplete gamma Q(a, x) by its continued fraction (modified Lentz; x >= a + 1). */
function gammaQFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  // Stryker disable next-line EqualityOperator: equivalent, the fraction converges (break below) long before the cap
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    // Lentz's guards against an exact 0 divisor, which the drift statistics' arguments do not produce.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, see above
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, see above
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    // Stryker disable next-line EqualityOperator: equivalent, one more factor within 1e-16 of 1 changes nothing
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** Regularised upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a), as scipy.special.gammaincc. */
export function gammaQ(a: number, x: number): number {
  // Stryker disable next-line EqualityOperator: equivalent, at x = 0 the series is x^a = 0, so Q is 1 as well
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  // Stryker disable next-line EqualityOperator: equivalent, at x = a + 1 both sides agree to 1e-15
  return x < a + 1 ? 1 - gammaPSeries(a, x) : gammaQFraction(a, x);
}

/** Regularised lower incomplete gamma P(a, x), as scipy.special.gammainc. */
export function gammaP(a: number, x: number): number {
  // Stryker disable next-line EqualityOperator: equivalent, at x = 0 the series is x^a = 0
  if (x <= 0) return 0;
  if (!Number.isFinite(x)) return 1;
  // Stryker disable next-line EqualityOperator: equivalent, at x = a + 1 both sides agree to 1e-15
  return x < a + 1 ? gammaPSeries(a, x) : 1 - gammaQFraction(a, x);
}

/** Survival function of the chi-squared distribution (scipy.stats.chi2.sf). */
export function chi2Sf(statistic: number, df: number): number {
  if (Number.isNaN(statistic)) return Number.NaN;
  return gammaQ(df / 2, statistic / 2);
}

/** Standard normal CDF (scipy.stats.norm.cdf): Φ(z) = (1 + erf(z/√2)) / 2, tail via Q(1/2, z²/2). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const tail = 0.5 * gammaQ(0.5, (z * z) / 2);
  // Stryker disable next-line EqualityOperator: equivalent, at z = 0 the tail is 1/2 either way
  return z >= 0 ? 1 - tail : tail;
}
