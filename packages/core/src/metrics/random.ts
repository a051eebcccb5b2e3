/**
 * Seeded randomness for bootstrap intervals (xoshiro128**, seeded through splitmix32): the same `seed` gives the
 * same resamples on every machine. The generator is inlined in the weight loop, which is the hot path.
 */

/** Generator state: four 32-bit words. */
export type RandomState = Uint32Array;

/** A generator state from a seed. */
export function seededState(seed: number): RandomState {
  let x = seed >>> 0;
  const s = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    s[i] = (z ^ (z >>> 16)) >>> 0;
  }
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
  return s;
}

/** murmur3's 32-bit finaliser: every input bit moves every output bit. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The generator of resample `r` for `seed`: each resample has its own stream, so the intervals do not depend on
 * how the resamples are split across worker threads (or in which order they run).
 */
export function resampleState(seed: number, r: number): RandomState {
  const s = new Uint32Array(4);
  const key = fmix32((seed >>> 0) ^ 0x5bd1e995);
  for (let i = 0; i < 4; i++) s[i] = fmix32(key ^ fmix32((r >>> 0) + Math.imul(i + 1, 0x9e3779b9)));
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
  return s;
}

// P(Poisson(1) <= j) for j = 0..8, scaled to 2^32: one uniform draw becomes a weight by counting thresholds.
const CDF = [
  0.36787944117144233, 0.7357588823428847, 0.9196986029286058, 0.9810118431238462, 0.9963401531726563,
  0.9994058151824183, 0.9999167588507297, 0.9999897508033817, 0.9999988747974095,
].map((p) => Math.floor(p * 4294967296));
const [T0, T1, T2, T3, T4, T5, T6, T7, T8] = CDF as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

/**
 * Fills `weights` with independent Poisson(1) draws: the Poisson bootstrap, where each row appears w times in a
 * resample. It matches the multinomial bootstrap as n grows and costs one sequential O(n) pass, no sorting.
 * Weights above 9 (probability 1e-7) are capped at 9.
 */
export function fillPoissonWeights(state: RandomState, weights: Uint8Array): void {
  let a = state[0]!,
    b = state[1]!,
    c = state[2]!,
    d = state[3]!;
  for (let i = 0; i < weights.length; i++) {
    const b5 = Math.imul(b, 5);
    const u = Math.imul((b5 << 7) | (b5 >>> 25), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    // branch-free: a comparison chain mispredicts on random data
    weights[i] =
      +(u >= T0) +
      +(u >= T1) +
      +(u >= T2) +
      +(u >= T3) +
      +(u >= T4) +
      +(u >= T5) +
      +(u >= T6) +
      +(u >= T7) +
      +(u >= T8);
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = d;
}

/** np.percentile(values, q) with the default linear interpolation, ignoring NaN (metric undefined in a resample). */
export function percentile(values: Float64Array, q: number): number {
  const s = values.filter((v) => !Number.isNaN(v)).sort();
  if (s.length === 0) return NaN;
  const pos = (q / 100) * (s.length - 1);
  const lo = Math.floor(pos),
    hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/**
 * Uniform numbers in [0, 1) from a seed (mulberry32): small and the same on every machine, for deterministic samples
 * (package-docker's parity rows) and the example data; the bootstrap uses the generator above.
 */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
