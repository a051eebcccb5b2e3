/**
 * Score-ranking metrics of a binary problem, following scikit-learn 1.2.1 `_binary_clf_curve`: rows are ranked
 * by score (descending) and every distinct score is one threshold, so tied scores move together (no order bias).
 * Instead of an argsort we sort the positives' and the negatives' scores separately (native typed-array sorts)
 * and merge them: the same thresholds and counts, without an object or a comparator call per row.
 */
import { npSum } from './sum.ts';

/** Cumulative true/false positives at each distinct score, from the highest score down. */
export interface ThresholdCounts {
  thresholds: Float64Array;
  tps: Float64Array;
  fps: Float64Array;
}

/** Thresholds and cumulative counts for `positive[i]` (1 = positive row) and `score[i]`. */
export function thresholdCounts(positive: Uint8Array, score: Float64Array): ThresholdCounts {
  let nPos = 0;
  for (let i = 0; i < positive.length; i++) nPos += positive[i]!;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(positive.length - nPos);
  for (let i = 0, a = 0, b = 0; i < positive.length; i++) {
    if (positive[i]) pos[a++] = score[i]!;
    else neg[b++] = score[i]!;
  }
  pos.sort();
  neg.sort();
  const thresholds: number[] = [],
    tps: number[] = [],
    fps: number[] = [];
  let a = pos.length - 1,
    b = neg.length - 1,
    tp = 0,
    fp = 0;
  while (a >= 0 || b >= 0) {
    const t = a < 0 ? neg[b]! : b < 0 ? pos[a]! : Math.max(pos[a]!, neg[b]!);
    while (a >= 0 && pos[a] === t) {
      tp++;
      a--;
    }
    while (b >= 0 && neg[b] === t) {
      fp++;
      b--;
    }
    thresholds.push(t);
    tps.push(tp);
    fps.push(fp);
  }
  return { thresholds: Float64Array.from(thresholds), tps: Float64Array.from(tps), fps: Float64Array.from(fps) };
}

/**
 * roc_auc_score: the trapezoid under the ROC curve over distinct thresholds (ties give a diagonal segment).
 * Computed on integer counts, exact up to the final division. Undefined when only one class is present
 * (scikit-learn raises "Only one class present in y_true").
 */
export function rocAuc(c: ThresholdCounts): number | undefined {
  const m = c.tps.length;
  const P = m ? c.tps[m - 1]! : 0,
    N = m ? c.fps[m - 1]! : 0;
  if (P === 0 || N === 0) return undefined;
  let area2 = 0,
    prevTp = 0,
    prevFp = 0;
  for (let i = 0; i < m; i++) {
    area2 += (c.fps[i]! - prevFp) * (c.tps[i]! + prevTp);
    prevTp = c.tps[i]!;
    prevFp = c.fps[i]!;
  }
  return area2 / (2 * P * N);
}

/**
 * average_precision_score: scikit-learn's step sum -sum(diff(recall) * precision[:-1]) over the reversed
 * precision-recall curve, reproduced term by term. With no positive row, recall is set to 1 everywhere
 * (scikit-learn warns) and the result is 0.
 */
export function averagePrecision(c: ThresholdCounts): { value: number; noPositives: boolean } {
  const m = c.tps.length;
  const P = c.tps[m - 1]!;
  const recall = (i: number) => (i < 0 ? 0 : P === 0 ? 1 : c.tps[i]! / P);
  const precision = (i: number) => {
    const ps = c.tps[i]! + c.fps[i]!;
    return ps === 0 ? 0 : c.tps[i]! / ps;
  };
  // reversed arrays: R[j] = recall(m-1-j) for j < m, R[m] = 0; Pr[j] = precision(m-1-j)
  const terms = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const next = j + 1 < m ? recall(m - 2 - j) : 0;
    terms[j] = (next - recall(m - 1 - j)) * precision(m - 1 - j);
  }
  return { value: -npSum(terms), noPositives: P === 0 };
}

/** ROC curve points [fpr, tpr] from (0, 0), without collinear intermediate points (drop_intermediate). */
export function rocPoints(c: ThresholdCounts): [number, number][] {
  const m = c.tps.length;
  const P = c.tps[m - 1]!,
    N = c.fps[m - 1]!;
  const pts: [number, number][] = [[0, 0]];
  for (let i = 0; i < m; i++) pts.push([N ? c.fps[i]! / N : 0, P ? c.tps[i]! / P : 0]);
  return dropCollinear(pts);
}

/** Precision-recall points [recall, precision], recall increasing from (0, 1) as scikit-learn's curve ends. */
export function prPoints(c: ThresholdCounts): [number, number][] {
  const m = c.tps.length;
  const P = c.tps[m - 1]!;
  const pts: [number, number][] = [[0, 1]];
  for (let i = 0; i < m; i++) {
    const ps = c.tps[i]! + c.fps[i]!;
    pts.push([P ? c.tps[i]! / P : 1, ps ? c.tps[i]! / ps : 0]);
  }
  return pts;
}

function dropCollinear(pts: [number, number][]): [number, number][] {
  if (pts.length <= 2) return pts;
  const out: [number, number][] = [pts[0]!];
  for (let i = 1; i < pts.length - 1; i++) {
    const [x0, y0] = out[out.length - 1]!,
      [x1, y1] = pts[i]!,
      [x2, y2] = pts[i + 1]!;
    if ((x1 - x0) * (y2 - y0) !== (x2 - x0) * (y1 - y0)) out.push(pts[i]!);
  }
  out.push(pts[pts.length - 1]!);
  return out;
}
