/**
 * Distinct scores and each row's group: one sort serves the whole file, the curves and every slice, whose
 * threshold counts are then histograms (O(rows) each) instead of sorts.
 */
import type { ThresholdCounts } from './ranking.ts';

/** `values`: distinct scores, descending; `group[i]`: index of row i's score in `values`. */
export interface ScoreGroups {
  values: Float64Array;
  group: Uint32Array | Uint16Array;
}

/** Most distinct scores grouped by hashing; beyond this the rows' scores are sorted instead. */
const HASHED = 1 << 16;

/**
 * Groups rows by distinct score (-0 and 0 are one score, as NumPy's `diff != 0` sees them). Scores usually take
 * few distinct values (rounded probabilities, tree ensembles): they are found with a hash table and only the
 * distinct values are sorted, with 16-bit groups; otherwise a sorted copy of every score is used.
 */
export function scoreGroups(score: Float64Array): ScoreGroups {
  return hashedGroups(score) ?? sortedGroups(score);
}

function hashedGroups(score: Float64Array): ScoreGroups | undefined {
  const cap = HASHED * 4,
    mask = cap - 1;
  const keys = new Float64Array(cap),
    ids = new Int32Array(cap).fill(-1);
  const scratch = new Float64Array(1),
    words = new Uint32Array(scratch.buffer);
  const found: number[] = [];
  const group = new Uint16Array(score.length);
  for (let i = 0; i < score.length; i++) {
    const s = score[i]! === 0 ? 0 : score[i]!;
    scratch[0] = s;
    let slot = Math.imul(words[0]! ^ Math.imul(words[1]!, 0x85ebca6b), 0x9e3779b1) >>> 14;
    for (;;) {
      const id = ids[slot]!;
      if (id < 0) {
        if (found.length === HASHED) return undefined;
        ids[slot] = found.length;
        keys[slot] = s;
        group[i] = found.length;
        found.push(s);
        break;
      }
      if (keys[slot] === s) {
        group[i] = id;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const values = Float64Array.from(found).sort().reverse();
  const rank = new Map<number, number>();
  values.forEach((v, r) => rank.set(v, r));
  const remap = Uint16Array.from(found, (v) => rank.get(v)!);
  for (let i = 0; i < group.length; i++) group[i] = remap[group[i]!]!;
  return { values, group };
}

function sortedGroups(score: Float64Array): ScoreGroups {
  const sorted = Float64Array.from(score).sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[m++] = sorted[i]!;
  const values = new Float64Array(m);
  for (let j = 0; j < m; j++) values[j] = sorted[m - 1 - j]! || 0; // -0 and 0 are one threshold, reported as 0
  const group = new Uint32Array(score.length);
  for (let i = 0; i < score.length; i++) {
    const s = score[i]!;
    let lo = 0,
      hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid]! > s) lo = mid + 1;
      else hi = mid;
    }
    group[i] = lo;
  }
  return { values, group };
}

/** Threshold counts (as `thresholdCounts`) of all rows, or of `rows` only, from the score groups. */
export function groupedThresholdCounts(positive: Uint8Array, g: ScoreGroups, rows?: Uint32Array): ThresholdCounts {
  const m = g.values.length;
  const pos = new Float64Array(m),
    neg = new Float64Array(m);
  const n = rows ? rows.length : positive.length;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k]! : k;
    if (positive[i]) pos[g.group[i]!]!++;
    else neg[g.group[i]!]!++;
  }
  let used = 0;
  for (let j = 0; j < m; j++) if (pos[j]! + neg[j]! > 0) used++;
  const thresholds = new Float64Array(used),
    tps = new Float64Array(used),
    fps = new Float64Array(used);
  let tp = 0,
    fp = 0,
    t = 0;
  for (let j = 0; j < m; j++) {
    if (pos[j]! + neg[j]! === 0) continue;
    tp += pos[j]!;
    fp += neg[j]!;
    thresholds[t] = g.values[j]!;
    tps[t] = tp;
    fps[t++] = fp;
  }
  return { thresholds, tps, fps };
}
