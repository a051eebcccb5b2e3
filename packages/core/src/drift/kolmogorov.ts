/**
 * The survival function of the two-sided one-sample Kolmogorov distribution, `scipy.stats.kstwo.sf(x, n)`,
 * which SciPy's `ks_2samp` uses in its asymptotic mode with n = round(n1·n2 / (n1 + n2)). Follows SciPy 1.10's
 * `_kolmogn` branch by branch (Simard & L'Ecuyer 2011). Two deliberate differences, both exact algorithms for
 * the same number: SciPy's Durbin-matrix branch is computed with Pomeranz's recursion (equal to ~1e-12), and for
 * n > 20,000 in that branch the Pelz-Good approximation is used to bound the work.
 */
import { logGamma } from './special.ts';

const PI2 = Math.PI ** 2;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const E128 = 2 ** 128;
const EM128 = 2 ** -128;
const clip = (p: number): number => Math.min(1, Math.max(0, p));

/** One-sided Smirnov survival Pr(D+_n > x), Birnbaum-Tingey sum in log space (all terms positive). */
export function smirnov(n: number, x: number): number {
  if (x <= 0) return 1;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, from x = 1 on the sum below has no non-zero term
  if (x >= 1) return 0;
  const last = Math.floor(n * (1 - x));
  const lgn1 = logGamma(n + 1);
  let p = 0;
  for (let v = 0; v <= last; v++) {
    const evn = x + v / n;
    const om = 1 - evn;
    // v <= n(1 - x) < n, so n - v >= 1; a term with om <= 0 is exp(-Infinity) or exp(NaN), which the test
    // t > -745 below leaves out too: the skip saves a logGamma, it changes no sum.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: equivalent, see above
    if (om <= 0 && n - v > 0) continue;
    const t =
      lgn1 -
      logGamma(v + 1) -
      logGamma(n - v + 1) +
      (v - 1) * Math.log(evn) +
      // Stryker disable next-line ConditionalExpression,ArithmeticOperator: equivalent, n - v >= 1 (above); SciPy guards 0 * log(0)
      (n - v === 0 ? 0 : (n - v) * Math.log(om));
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, e^t below e^-745 is at most one subnormal (5e-324)
    if (t > -745) p += Math.exp(t);
  }
  return clip(p * x);
}

function pomeranzJ(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Pr(D_n <= x) by Pomeranz's recursion (SciPy `_kolmogn_Pomeranz`). */
export function kolmogornPomeranz(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gp = new Float64Array(npwrs);
  const tgp = new Float64Array(npwrs);
  const omp = new Float64Array(npwrs);
  gp[0] = tgp[0] = omp[0] = 1;
  for (let m = 1; m < npwrs; m++) {
    gp[m] = (gp[m - 1]! * (g / n)) / m;
    tgp[m] = (tgp[m - 1]! * ((2 * g) / n)) / m;
    omp[m] = (omp[m - 1]! * ((1 - 2 * g) / n)) / m;
  }
  let v0 = new Float64Array(npwrs);
  let v1 = new Float64Array(npwrs);
  v1[0] = 1;
  let v0s = 0;
  let v1s = 0;
  let expnt = 0;
  let j1 = pomeranzJ(0, n, ll, ceilf, roundf)[0];
  let j2: number;
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [v0, v1] = [v1, v0];
    [v0s, v1s] = [v1s, v0s];
    v1.fill(0);
    [j1, j2] = pomeranzJ(i, n, ll, ceilf, roundf);
    const pw = i === 1 || i === 2 * n + 1 ? gp : i % 2 ? tgp : omp;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      const start = j1 - k1;
      const len = j2 - j1 + 1;
      const off = k1 - v0s;
      // conv[k] = sum_{a+b=k} V0[off+a] * pw[b], a,b < ln2; keep conv[start .. start+len)
      let max = 0;
      for (let r = 0; r < len; r++) {
        const k = start + r;
        let s = 0;
        for (let a = Math.max(0, k - ln2 + 1); a <= Math.min(k, ln2 - 1); a++) s += v0[off + a]! * pw[k - a]!;
        v1[r] = s;
        if (s > max) max = s;
      }
      if (max > 0 && max < EM128) {
        for (let r = 0; r < len; r++) v1[r] = v1[r]! * E128;
        expnt -= 128;
      }
      v1s = v0s + j1 - k1;
    }
  }
  let ans = v1[n - v1s]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > E128) {
      ans *= EM128;
      expnt += 128;
    }
    ans *= m;
  }
  return clip(ans * 2 ** expnt);
}

/** Pelz-Good approximation of Pr(D_n <= x) (SciPy `_kolmogn_PelzGood`, cdf form). */
export function kolmogornPelzGood(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -708) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI2 * PI2 * (1 - 2 * z2)) / 16;
  const k3d = (PI2 ** 3 * (5 - 30 * z2)) / 64;
  const k3c = (PI2 * PI2 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qp = q ** (8 * k);
    const c = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i]! * qp + c[i]!;
  }
  const den = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i]! * q * SQRT2PI) / den[i]!;
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const s3z = Math.sqrt(3) * z;
  for (let k = maxk; k > 0; k--) {
    const qk = q ** (k * k);
    k2extra += k * k * qk;
    k3extra += (s3z + Math.PI * k) * (s3z - Math.PI * k) * k * k * qk;
  }
  K[2] = K[2]! + (k2extra * PI2 * SQRT2PI) / (-36 * z ** 3);
  K[3] = K[3]! + (k3extra * PI2 * SQRT2PI) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i]! / n ** (i / 2);
  return sum;
}

/** `scipy.stats.kstwo.sf(x, n)`: Pr(D_n > x), following `_kolmogn(n, x, cdf=False)`. */
export function kolmogornSf(n: number, x: number): number {
  if (x >= 1) return 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, x <= 0 is n·x <= 0.5 below, also 1
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    // Stryker disable next-line EqualityOperator: equivalent, at n·x = 0.5 the product below is 0, so 1 - 0
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      const rn = 1 / n;
      const st = [
        // Stirling-series coefficients as SciPy writes them, rounded to what a double holds.
        -2.9550653594771242e-2, 6.41025641025641e-3, -1.9175269175269176e-3, 8.417508417508417e-4,
        -5.952380952380953e-4, 7.936507936507937e-4, -2.777777777777778e-3, 8.333333333333333e-2,
      ];
      let poly = 0;
      for (const c of st) poly = poly * (rn / n) + c;
      prob = Math.exp(Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + rn * poly + n * Math.log(2 * t - 1));
    }
    return clip(1 - prob);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnov(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 4) return clip(1 - kolmogornPomeranz(n, x));
    return clip(2 * smirnov(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnov(n, x));
  // SciPy's cut-off for the cdf; in the survival function n·x² >= 2.2 has returned already.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, unreachable (see above)
  if (nx2 >= 18) return 0;
  const cdf = n <= 20000 && n * x ** 1.5 <= 1.4 ? kolmogornPomeranz(n, x) : kolmogornPelzGood(n, x);
  return clip(1 - cdf);
}
