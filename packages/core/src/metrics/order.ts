/**
 * Row order by a float64 key without a comparator call per row: a stable LSD radix sort on the key's IEEE-754
 * bits (4 passes of 16 bits), about ten times faster than `Uint32Array.sort((a, b) => …)` on a million rows.
 */

/** Row indices sorted by `key` descending (stable: equal keys keep row order). Keys must not be NaN. */
export function orderDescending(key: Float64Array): Uint32Array {
  const n = key.length;
  const bits = new Uint32Array(key.buffer, key.byteOffset, n * 2);
  // descending unsigned order of these words = descending numeric order of the keys
  const lo = new Uint32Array(n),
    hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + 1]!,
      l = bits[2 * i]!;
    const negative = h >>> 31;
    // ascending order of these words is descending order of the keys (negative keys keep their bits)
    lo[i] = negative ? l : ~l >>> 0;
    hi[i] = negative ? h : (~h ^ 0x80000000) >>> 0;
  }
  let idx = new Uint32Array(n),
    tmp = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const count = new Uint32Array(65536);
  for (const [words, shift] of [
    [lo, 0],
    [lo, 16],
    [hi, 0],
    [hi, 16],
  ] as const) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(words[i]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let b = 0; b < 65536; b++) {
      const c = count[b]!;
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const r = idx[i]!;
      tmp[count[(words[r]! >>> shift) & 0xffff]!++] = r;
    }
    [idx, tmp] = [tmp, idx];
  }
  return idx;
}

/**
 * Sorts `values` ascending in place (as `Float64Array.prototype.sort`: -0 before 0, infinities, subnormals; no NaN)
 * by an LSD radix sort on the IEEE-754 bits, skipping passes whose digit is the same in every value. The one sort of
 * doubles in core: the score ranking (millions of values) and the quantile sketch's compactions (8,192 at a time,
 * where V8's sort spent about 1.7x the CPU time) both use it. Below 64 values the native sort; below 65,536 one
 * byte a pass (8 passes over small count tables); above, 16 bits a pass (4 passes), which took a third of the native
 * sort's time on 2,000,000 distinct scores. `scratch` (as long as `values`) is used only by the 16-bit path.
 */
export function sortFloat64(values: Float64Array, scratch?: Float64Array): Float64Array {
  if (values.length < 64) return values.sort();
  if (values.length < 65536) return sortByBytes(values);
  return sortBySixteenBits(values, scratch ?? new Float64Array(values.length));
}

function sortBySixteenBits(values: Float64Array, scratch: Float64Array): Float64Array {
  const n = values.length;
  let src: Uint32Array = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let dst: Uint32Array = new Uint32Array(scratch.buffer, scratch.byteOffset, n * 2);
  // ascending unsigned (hi, lo) order of these words is ascending numeric order
  for (let i = 0; i < 2 * n; i += 2) {
    const hi = src[i + 1]!;
    if (hi >>> 31) {
      src[i] = ~src[i]! >>> 0;
      src[i + 1] = ~hi >>> 0;
    } else src[i + 1] = (hi | 0x80000000) >>> 0;
  }
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < 2 * n; i += 2) {
    const lo = src[i]!,
      hi = src[i + 1]!;
    counts[lo & 0xffff]!++;
    counts[65536 + (lo >>> 16)]!++;
    counts[131072 + (hi & 0xffff)]!++;
    counts[196608 + (hi >>> 16)]!++;
  }
  let swapped = false;
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 65536;
    const word = pass >> 1,
      shift = (pass & 1) * 16;
    const first = (src[word]! >>> shift) & 0xffff;
    if (counts[base + first] === n) continue; // every value has this digit: the pass would not move anything
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[base + d]!;
      counts[base + d] = sum;
      sum += c;
    }
    for (let i = 0; i < 2 * n; i += 2) {
      const at = 2 * counts[base + ((src[i + word]! >>> shift) & 0xffff)]!++;
      dst[at] = src[i]!;
      dst[at + 1] = src[i + 1]!;
    }
    [src, dst] = [dst, src];
    swapped = !swapped;
  }
  if (swapped) dst.set(src); // the result is in the scratch array: copy it back into `values`
  const out = swapped ? dst : src;
  for (let i = 0; i < 2 * n; i += 2) {
    const hi = out[i + 1]!;
    if (hi >>> 31) out[i + 1] = (hi & 0x7fffffff) >>> 0;
    else {
      out[i] = ~out[i]! >>> 0;
      out[i + 1] = ~hi >>> 0;
    }
  }
  return values;
}

let byteScratch = new Uint32Array(0);
const byteCounts = new Int32Array(256);

/** One byte a pass on (hi, lo) key words; the word arrays are kept between calls (the sketch sorts many levels). */
function sortByBytes(values: Float64Array): Float64Array {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  if (byteScratch.length < 4 * n) byteScratch = new Uint32Array(4 * n);
  // keys as unsigned (hi, lo) pairs that order as the numbers do: flip every bit of negatives, the sign bit of others
  let lo = byteScratch.subarray(0, n);
  let hi = byteScratch.subarray(n, 2 * n);
  let lo2 = byteScratch.subarray(2 * n, 3 * n);
  let hi2 = byteScratch.subarray(3 * n, 4 * n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1]!;
    const l = words[2 * i]!;
    if (h >>> 31) {
      hi[i] = ~h;
      lo[i] = ~l;
    } else {
      hi[i] = h ^ 0x80000000;
      lo[i] = l;
    }
  }
  for (let pass = 0; pass < 8; pass++) {
    const digits = pass < 4 ? lo : hi;
    const shift = (pass & 3) * 8;
    byteCounts.fill(0);
    for (let i = 0; i < n; i++) byteCounts[(digits[i]! >>> shift) & 255]!++;
    if (byteCounts[(digits[0]! >>> shift) & 255] === n) continue;
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const c = byteCounts[b]!;
      byteCounts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = byteCounts[(digits[i]! >>> shift) & 255]!++;
      lo2[k] = lo[i]!;
      hi2[k] = hi[i]!;
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i]!;
    if (h >>> 31) {
      words[2 * i + 1] = h ^ 0x80000000;
      words[2 * i] = lo[i]!;
    } else {
      words[2 * i + 1] = ~h;
      words[2 * i] = ~lo[i]!;
    }
  }
  return values;
}
