/**
 * Score-ranking metrics of a binary problem, following scikit-learn 1.2.1 `_binary_clf_curve`: rows are ranked by
 * score (descending) and every distinct score is one threshold, so tied scores move together (no order bias).
 * The positives' and the negatives' scores are sorted apart (native typed-array sorts, no comparator call per row)
 * and everything streams from a merge of the two: no array per threshold. Scores as models export them are nearly
 * all distinct, so a threshold array (or a point object per threshold) grew with the rows: on 2,000,000 rows the
 * counts and curve points were ~500 MB of the peak; the sorted scores are 16 MB.
 */
import { sortFloat64 } from './order.ts';
import { NpSumStream } from './sum.ts';

/** Scores of the positive rows and of the negative rows, each sorted ascending. */
export interface RankedScores {
  pos: Float64Array;
  neg: Float64Array;
}

/** Sorts the scores of positive and negative rows apart (of `rows` only, when given). Scores must not be NaN. */
export function rankScores(positive: Uint8Array, score: Float64Array, rows?: Uint32Array): RankedScores {
  const n = rows ? rows.length : score.length;
  let nPos = 0;
  for (let k = 0; k < n; k++) nPos += positive[rows ? rows[k]! : k]!;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(n - nPos);
  for (let k = 0, a = 0, b = 0; k < n; k++) {
    const i = rows ? rows[k]! : k;
    if (positive[i]) pos[a++] = score[i]!;
    else neg[b++] = score[i]!;
  }
  const scratch = new Float64Array(Math.max(pos.length, neg.length));
  return {
    pos: sortFloat64(pos, scratch.subarray(0, pos.length)),
    neg: sortFloat64(neg, scratch.subarray(0, neg.length)),
  };
}

/**
 * Calls `visit(tp, fp, last)` for each distinct score from the highest down, with the cumulative true and false
 * positives at that threshold (the `tps`/`fps` of `_binary_clf_curve`); `last` is true for the lowest score.
 * -0 and 0 are one threshold (NumPy's `diff != 0` sees them equal; the typed sort puts -0 first).
 */
export function forEachThresholdDescending(
  r: RankedScores,
  visit: (tp: number, fp: number, last: boolean) => void,
): void {
  const { pos, neg } = r;
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
    visit(tp, fp, a < 0 && b < 0);
  }
}

/**
 * The same thresholds from the lowest score up: `visit(tp, fp, tpAbove, fpAbove)` with the counts at the threshold
 * and at the next higher one (0 above the highest).
 */
function forEachThresholdAscending(
  r: RankedScores,
  visit: (tp: number, fp: number, tpAbove: number, fpAbove: number) => void,
): void {
  const { pos, neg } = r;
  const P = pos.length,
    N = neg.length;
  let a = 0,
    b = 0;
  while (a < P || b < N) {
    const t = a >= P ? neg[b]! : b >= N ? pos[a]! : Math.min(pos[a]!, neg[b]!);
    const tp = P - a,
      fp = N - b;
    while (a < P && pos[a] === t) a++;
    while (b < N && neg[b] === t) b++;
    visit(tp, fp, P - a, N - b);
  }
}

/**
 * roc_auc_score: the trapezoid under the ROC curve over distinct thresholds (ties give a diagonal segment).
 * Computed on integer counts, exact up to the final division (2·P·N < 2^53 for any file that fits in memory).
 * Undefined when only one class is present (scikit-learn raises "Only one class present in y_true").
 */
export function rocAuc(r: RankedScores): number | undefined {
  const P = r.pos.length,
    N = r.neg.length;
  if (P === 0 || N === 0) return undefined;
  let area2 = 0;
  forEachThresholdAscending(r, (tp, fp, tpAbove, fpAbove) => {
    area2 += (fp - fpAbove) * (tp + tpAbove);
  });
  return area2 / (2 * P * N);
}

/**
 * average_precision_score: scikit-learn's step sum -sum(diff(recall) * precision[:-1]) over the reversed
 * precision-recall curve, term by term and summed as NumPy does (the reversed curve starts at the lowest score, so
 * the terms come in order from an ascending walk). With no positive row, recall is 1 everywhere (scikit-learn
 * warns) and the result is 0.
 */
export function averagePrecision(r: RankedScores): { value: number; noPositives: boolean } {
  const P = r.pos.length;
  const sum = new NpSumStream();
  forEachThresholdAscending(r, (tp, fp, tpAbove, fpAbove) => {
    const recall = P === 0 ? 1 : tp / P;
    // the step to the next higher threshold's recall; above the highest, the curve's appended recall 0
    const next = tpAbove + fpAbove === 0 ? 0 : P === 0 ? 1 : tpAbove / P;
    sum.add((next - recall) * (tp / (tp + fp)));
  });
  return { value: -sum.total(), noPositives: P === 0 };
}

export type Point = [number, number];

/** ROC curve points [fpr, tpr] from (0, 0), without collinear intermediate points (drop_intermediate), at most `max`. */
export function rocCurve(r: RankedScores, max = 50): Point[] {
  const P = r.pos.length,
    N = r.neg.length;
  return downsampled(max, (emit) => {
    const straight = new Collinear(emit);
    straight.add(0, 0);
    forEachThresholdDescending(r, (tp, fp) => straight.add(N ? fp / N : 0, P ? tp / P : 0));
    straight.end();
  });
}

/** Precision-recall points [recall, precision] from (0, 1), recall increasing, at most `max`. */
export function prCurve(r: RankedScores, max = 50): Point[] {
  const P = r.pos.length;
  return downsampled(max, (emit) => {
    emit(0, 1);
    forEachThresholdDescending(r, (tp, fp) => {
      const ps = tp + fp;
      emit(P ? tp / P : 1, ps ? tp / ps : 0);
    });
  });
}

type Emit = (x: number, y: number) => void;

/** Passes on points, dropping each one collinear with the last kept point and the next point. */
class Collinear {
  #emit: Emit;
  #count = 0;
  #x0 = 0;
  #y0 = 0;
  #x1 = 0;
  #y1 = 0;
  constructor(emit: Emit) {
    this.#emit = emit;
  }
  add(x: number, y: number): void {
    if (this.#count === 0) {
      this.#emit(x, y);
      this.#x0 = x;
      this.#y0 = y;
    } else if (this.#count > 1) {
      const x0 = this.#x0,
        y0 = this.#y0,
        x1 = this.#x1,
        y1 = this.#y1;
      if ((x1 - x0) * (y - y0) !== (x - x0) * (y1 - y0)) {
        this.#emit(x1, y1);
        this.#x0 = x1;
        this.#y0 = y1;
      }
    }
    if (this.#count > 0) {
      this.#x1 = x;
      this.#y1 = y;
    }
    this.#count++;
  }
  end(): void {
    if (this.#count > 1) this.#emit(this.#x1, this.#y1);
  }
}

/**
 * At most `max` of the points `walk` emits, chosen at equal arc-length steps (first and last always kept): the
 * walk runs twice, once for the length and the count, once to pick, so no point list is ever built.
 */
function downsampled(max: number, walk: (emit: Emit) => void): Point[] {
  let count = 0,
    total = 0,
    px = 0,
    py = 0;
  walk((x, y) => {
    if (count > 0) total += distance(x - px, y - py);
    px = x;
    py = y;
    count++;
  });
  const out: Point[] = [];
  if (count <= max) {
    walk((x, y) => out.push([x, y]));
    return out;
  }
  let j = 0,
    s = 1,
    cum = 0;
  walk((x, y) => {
    if (j > 0) cum += distance(x - px, y - py);
    px = x;
    py = y;
    let keep = j === 0 || j === count - 1;
    // the point at step s is the first whose cumulative length reaches total·s/(max-1) (or the last point)
    while (s < max - 1 && (cum >= (total * s) / (max - 1) || j === count - 1)) {
      keep = true;
      s++;
    }
    if (keep) out.push([x, y]);
    j++;
  });
  return out;
}

/** The length of a step (coordinates are rates in [0, 1]: no overflow, so no need for Math.hypot's slower care). */
function distance(dx: number, dy: number): number {
  return Math.sqrt(dx * dx + dy * dy);
}
