/** Fast 32-bit hashes of cells for the distinct-value sketch (FNV-1a, then MurmurHash3's fmix32 to spread bits). */

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit hash of a string. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** A second, independent 32-bit string hash (different multiplier and finaliser input), for 63-bit keys. */
export function hashString2(s: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  return fmix32(h ^ s.length);
}

/** The second hash of the last `hashStringPair` call. */
export let pairSecond = 0;

/**
 * hashString(s) and hashString2(s) in one pass over the characters (the unique check of a text column needs both
 * per cell): returns the first, leaves the second in `pairSecond`.
 */
export function hashStringPair(s: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  pairSecond = fmix32(h2 ^ s.length);
  return fmix32(h1);
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** 32-bit hash of a number's float64 bits (no string made: the hot path of numeric columns). */
export function hashNumber(x: number): number {
  F64[0] = x === 0 ? 0 : x; // -0 and 0 are one value
  return fmix32(Math.imul(U32[0]! ^ 0x9e3779b9, 0x85ebca6b) ^ U32[1]!);
}

/** A second, independent 32-bit hash of a number's float64 bits (with hashNumber: a 64-bit key, no string made). */
export function hashNumber2(x: number): number {
  F64[0] = x === 0 ? 0 : x;
  let h = Math.imul(U32[1]! ^ 0x5bd1e995, 0xcc9e2d51);
  h = Math.imul((h << 15) | (h >>> 17), 0x1b873593) ^ U32[0]!;
  return fmix32(Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64);
}
