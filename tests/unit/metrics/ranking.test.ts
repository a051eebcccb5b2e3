import { describe, expect, it } from 'vitest';
import { averagePrecision, prCurve, rankScores, rocAuc, rocCurve, type Point } from '@modelgate/core/metrics/ranking';
import { npSum } from '@modelgate/core/metrics/sum';
import { sortFloat64 } from '@modelgate/core/metrics/order';

// The reference: scikit-learn 1.2.1's _binary_clf_curve written out with one array per threshold (what
// metrics/ranking streamed away), and the curve thinning the reports used.
function thresholdCounts(positive: Uint8Array, score: Float64Array) {
  const order = Array.from(score.keys()).sort((a, b) => score[b]! - score[a]!);
  const tps: number[] = [],
    fps: number[] = [];
  let tp = 0,
    fp = 0;
  order.forEach((row, k) => {
    if (positive[row]) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || score[next] !== score[row]) {
      tps.push(tp);
      fps.push(fp);
    }
  });
  return { tps, fps };
}

function reference(positive: Uint8Array, score: Float64Array) {
  const { tps, fps } = thresholdCounts(positive, score);
  const m = tps.length,
    P = tps[m - 1]!,
    N = fps[m - 1]!;
  let area2 = 0;
  for (let i = 0; i < m; i++) area2 += (fps[i]! - (fps[i - 1] ?? 0)) * (tps[i]! + (tps[i - 1] ?? 0));
  const recall = (i: number) => (i < 0 ? 0 : P === 0 ? 1 : tps[i]! / P);
  const terms = Array.from({ length: m }, (_, j) => {
    const i = m - 1 - j;
    return (recall(i - 1) - recall(i)) * (tps[i]! / (tps[i]! + fps[i]!));
  });
  const roc: Point[] = [[0, 0], ...tps.map((tp, i): Point => [N ? fps[i]! / N : 0, P ? tp / P : 0])];
  const pr: Point[] = [[0, 1], ...tps.map((tp, i): Point => [P ? tp / P : 1, tp / (tp + fps[i]!)])];
  return {
    auc: P && N ? area2 / (2 * P * N) : undefined,
    ap: -npSum(terms),
    roc: downsample(dropCollinear(roc)),
    pr: downsample(pr),
  };
}

function dropCollinear(pts: Point[]): Point[] {
  if (pts.length <= 2) return pts;
  const out: Point[] = [pts[0]!];
  for (let i = 1; i < pts.length - 1; i++) {
    const [x0, y0] = out[out.length - 1]!,
      [x1, y1] = pts[i]!,
      [x2, y2] = pts[i + 1]!;
    if ((x1 - x0) * (y2 - y0) !== (x2 - x0) * (y1 - y0)) out.push(pts[i]!);
  }
  out.push(pts[pts.length - 1]!);
  return out;
}

function downsample(points: Point[], max = 50): Point[] {
  if (points.length <= max) return points;
  const cum = new Float64Array(points.length);
  for (let i = 1; i < points.length; i++) {
    const dx = points[i]![0] - points[i - 1]![0],
      dy = points[i]![1] - points[i - 1]![1];
    cum[i] = cum[i - 1]! + Math.sqrt(dx * dx + dy * dy);
  }
  const total = cum[points.length - 1]!;
  const keep = new Set<number>([0, points.length - 1]);
  let j = 0;
  for (let s = 1; s < max - 1; s++) {
    while (j < points.length - 1 && cum[j]! < (total * s) / (max - 1)) j++;
    keep.add(j);
  }
  return [...keep].sort((a, b) => a - b).map((i) => points[i]!);
}

function data(n: number, distinct: number, seed: number) {
  let s = seed;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const score = Float64Array.from({ length: n }, () => Math.floor(rand() * distinct) / distinct);
  score[0] = -0;
  score[1] = 0;
  const positive = Uint8Array.from(score, (x) => (rand() < 0.2 + 0.6 * x ? 1 : 0));
  return { score, positive };
}

describe('score ranking streamed from sorted positives and negatives', () => {
  it('gives the bits of the per-threshold arrays: AUC, AP and both curves, with ties and all distinct', () => {
    for (const [n, distinct, seed] of [
      [40, 5, 1],
      [5000, 50, 2],
      [30_000, 1 << 30, 3],
      [20_000, 3, 4],
    ] as const) {
      const { score, positive } = data(n, distinct, seed);
      const want = reference(positive, score);
      const ranked = rankScores(positive, score);
      expect(rocAuc(ranked)).toBe(want.auc);
      expect(averagePrecision(ranked).value).toBe(want.ap);
      expect(rocCurve(ranked)).toEqual(want.roc);
      expect(prCurve(ranked)).toEqual(want.pr);
      expect(rocCurve(ranked).length).toBeLessThanOrEqual(50);
    }
  });

  it('sorts doubles by their bits as the native sort does: -0 before 0, infinities, subnormals, ties', () => {
    let seed = 5;
    const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    for (const n of [10, 5000, 100_000]) {
      const values = Float64Array.from({ length: n }, (_, i) =>
        i % 7 === 0 ? Math.round(rand() * 20) / 4 - 2 : (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20),
      );
      values.set([-0, 0, Infinity, -Infinity, 5e-324, -5e-324, -0].slice(0, n));
      const want = Float64Array.from(values).sort();
      const got = sortFloat64(Float64Array.from(values));
      expect(Object.is(got[Array.from(want).indexOf(0)], -0)).toBe(true);
      expect(Buffer.from(got.buffer).equals(Buffer.from(want.buffer))).toBe(true);
    }
  });

  it('handles one class, a single row and a slice of rows', () => {
    const score = Float64Array.from([0.3, 0.3, 0.9, 0.1]);
    const allNegative = rankScores(new Uint8Array(4), score);
    expect(rocAuc(allNegative)).toBeUndefined();
    expect(averagePrecision(allNegative).noPositives).toBe(true);
    expect(averagePrecision(allNegative).value).toBe(reference(new Uint8Array(4), score).ap);
    expect(prCurve(allNegative)).toEqual(reference(new Uint8Array(4), score).pr);
    const one = rankScores(Uint8Array.of(1), Float64Array.of(0.5));
    expect(rocCurve(one)).toEqual([
      [0, 0],
      [0, 1],
    ]);
    const positive = Uint8Array.from([1, 0, 1, 0]);
    const rows = Uint32Array.from([1, 2, 3]);
    expect(rankScores(positive, score, rows)).toEqual({ pos: Float64Array.of(0.9), neg: Float64Array.of(0.1, 0.3) });
  });
});
