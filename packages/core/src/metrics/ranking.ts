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

/**
 * Room for rankScores to reuse from one ranking to the next (class after class, slice after slice): `rows` floats
 * for the scores and a sorting scratch as long as the larger class of any ranking it will serve (default `rows`).
 */
export class RankingBuffers {
  readonly values: Float64Array;
  readonly scratch: Float64Array;
  constructor(rows: number, largestClass = rows) {
    this.values = new Float64Array(rows);
    this.scratch = new Float64Array(largestClass);
  }
}

/**
 * Sorts the scores of positive and negative rows apart (of `rows` only, when given). Scores must not be NaN.
 * With `buffers`, the result lives in them (valid until their next use).
 */
export function rankScores(
  positive: Uint8Array,
  score: Float64Array,
  rows?: Uint32Array,
  buffers?: RankingBuffers,
): RankedScores {
  const n = rows ? rows.length : score.length;
  let nPos = 0;
  for (let k = 0; k < n; k++) nPos += positive[rows ? rows[k]! : k]!;
  const values = buffers ? buffers.values.subarray(0, n) : new Float64Array(n);
  const pos = values.subarray(0, nPos);
  const neg = values.subarray(nPos, n);
  // Stryker disable next-line EqualityOperator: equivalent, a typed-array write past the end is ignored
  for (let k = 0, a = 0, b = 0; k < n; k++) {
    const i = rows ? rows[k]! : k;
    if (positive[i]) pos[a++] = score[i]!;
    else neg[b++] = score[i]!;
  }
  const scratch = buffers ? buffers.scratch : new Float64Array(Math.max(pos.length, neg.length));
  return {
    pos: sortFloat64(pos, scratch.subarray(0, pos.length)),
    neg: sortFloat64(neg, scratch.subarray(0, neg.length)),
  };
}

/**
 * The distinct scores from the highest down (or from the lowest up), with the cumulative true and false positives
 * at each (the `tps`/`fps` of `_binary_clf_curve`), a block at a time into the cursor's arrays: the consumers'
 * loops stay plain code (a callback per threshold was most of the curves' time). -0 and 0 are one threshold
 * (NumPy's `diff != 0` sees them equal; the typed sort puts -0 first).
 */
class Thresholds {
  readonly tps = new Float64Array(4096);
  readonly fps = new Float64Array(4096);
  readonly #pos: Float64Array;
  readonly #neg: Float64Array;
  readonly #descending: boolean;
  #a: number;
  #b: number;

  constructor(r: RankedScores, descending: boolean) {
    this.#pos = r.pos;
    this.#neg = r.neg;
    this.#descending = descending;
    this.#a = descending ? r.pos.length - 1 : 0;
    this.#b = descending ? r.neg.length - 1 : 0;
  }

  /** Fills tps/fps with the next thresholds' counts; returns how many (0 at the end). */
  next(): number {
    const pos = this.#pos,
      neg = this.#neg,
      tps = this.tps,
      fps = this.fps;
    let a = this.#a,
      b = this.#b,
      k = 0;
    if (this.#descending) {
      // counts of rows at or above the threshold: rows passed so far
      const P = pos.length,
        N = neg.length;
      while (k < tps.length && (a >= 0 || b >= 0)) {
        const t = a < 0 ? neg[b]! : b < 0 ? pos[a]! : Math.max(pos[a]!, neg[b]!);
        // Stryker disable next-line ConditionalExpression: equivalent, pos[-1] is undefined, never equal to t
        while (a >= 0 && pos[a] === t) a--;
        // Stryker disable next-line ConditionalExpression: equivalent, neg[-1] is undefined, never equal to t
        while (b >= 0 && neg[b] === t) b--;
        tps[k] = P - 1 - a;
        fps[k++] = N - 1 - b;
      }
    } else {
      // counts at or above the threshold: rows not yet passed (before stepping over this score)
      const P = pos.length,
        N = neg.length;
      while (k < tps.length && (a < P || b < N)) {
        const t = a >= P ? neg[b]! : b >= N ? pos[a]! : Math.min(pos[a]!, neg[b]!);
        tps[k] = P - a;
        fps[k++] = N - b;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, pos[P] is undefined, never equal to t
        while (a < P && pos[a] === t) a++;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, neg[N] is undefined, never equal to t
        while (b < N && neg[b] === t) b++;
      }
    }
    this.#a = a;
    this.#b = b;
    return k;
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
  const walk = new Thresholds(r, true);
  const { tps, fps } = walk;
  let area2 = 0,
    prevTp = 0,
    prevFp = 0;
  for (let n = walk.next(); n > 0; n = walk.next()) {
    for (let i = 0; i < n; i++) {
      area2 += (fps[i]! - prevFp) * (tps[i]! + prevTp);
      prevTp = tps[i]!;
      prevFp = fps[i]!;
    }
  }
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
  const walk = new Thresholds(r, false);
  const { tps, fps } = walk;
  // each term needs the next higher threshold's recall: the walk is one threshold ahead of the terms
  let tp = -1,
    fp = 0;
  for (let n = walk.next(); n > 0; n = walk.next()) {
    for (let i = 0; i < n; i++) {
      // Stryker disable next-line EqualityOperator: equivalent, a threshold holds a row, so tp 0 means precision 0 and a term of 0
      if (tp >= 0) sum.add(((P === 0 ? 1 : tps[i]! / P) - (P === 0 ? 1 : tp / P)) * (tp / (tp + fp)));
      tp = tps[i]!;
      fp = fps[i]!;
    }
  }
  // the highest threshold steps to the curve's appended recall 0
  // Stryker disable next-line EqualityOperator: equivalent, tp 0 at the top threshold gives a term of 0
  if (tp >= 0) sum.add((0 - (P === 0 ? 1 : tp / P)) * (tp / (tp + fp)));
  return { value: -sum.total(), noPositives: P === 0 };
}

export type Point = [number, number];

/**
 * The ROC curve, points [fpr, tpr] from (0, 0) without collinear intermediate points (drop_intermediate), and the
 * precision-recall curve, points [recall, precision] from (0, 1) with recall increasing, at most `max` points each.
 * Both are drawn from the same walks over the thresholds (one to measure, one to pick: see Thinner), so the
 * millions of distinct scores of a model's export are walked twice, not four times.
 */
export function rankingCurves(r: RankedScores, max = 50): { roc: Point[]; pr: Point[] } {
  const P = r.pos.length,
    N = r.neg.length;
  const run = (pass: CurvePoints) => {
    const walk = new Thresholds(r, true);
    const { tps, fps } = walk;
    for (let n = walk.next(); n > 0; n = walk.next()) for (let i = 0; i < n; i++) pass.add(tps[i]!, fps[i]!);
    return pass.end();
  };
  const measured = run(new CurvePoints(P, N, max)).figures;
  return run(new CurvePoints(P, N, max, measured)).curves;
}

/** The ROC curve of rankingCurves alone. */
export function rocCurve(r: RankedScores, max = 50): Point[] {
  return rankingCurves(r, max).roc;
}

/** The precision-recall curve of rankingCurves alone. */
export function prCurve(r: RankedScores, max = 50): Point[] {
  return rankingCurves(r, max).pr;
}

/**
 * The ROC and precision-recall curves as rocCurve and prCurve give them, from a ranking walked elsewhere: `walk`
 * passes every distinct threshold's cumulative true and false positives, highest score first, to `each` (it is
 * called twice: the thinning measures, then picks). SQL mode streams the thresholds from DuckDB this way.
 */
export async function curvesOfThresholds(
  positives: number,
  negatives: number,
  walk: (each: (tps: number, fps: number) => void) => Promise<void>,
  max = 50,
): Promise<{ roc: Point[]; pr: Point[] }> {
  const run = async (pass: CurvePoints) => {
    await walk((tp, fp) => pass.add(tp, fp));
    return pass.end();
  };
  const measured = (await run(new CurvePoints(positives, negatives, max))).figures;
  return (await run(new CurvePoints(positives, negatives, max, measured))).curves;
}

/**
 * One walk over the thresholds (highest score first, cumulative true and false positives) drawing both curves:
 * the first walk measures the curves (`figures`), the second, given them, picks the points.
 */
class CurvePoints {
  readonly #P: number;
  readonly #N: number;
  readonly #roc: Thinner;
  readonly #pr: Thinner;
  readonly #straight: Collinear;
  constructor(positives: number, negatives: number, max: number, measured?: { roc: Measured; pr: Measured }) {
    this.#P = positives;
    this.#N = negatives;
    this.#roc = new Thinner(max, measured?.roc);
    this.#pr = new Thinner(max, measured?.pr);
    this.#straight = new Collinear(this.#roc);
    this.#straight.add(0, 0);
    this.#pr.add(0, 1);
  }
  add(tp: number, fp: number): void {
    const P = this.#P,
      N = this.#N,
      ps = tp + fp;
    this.#straight.add(N ? fp / N : 0, P ? tp / P : 0);
    this.#pr.add(P ? tp / P : 1, ps ? tp / ps : 0);
  }
  end(): { figures: { roc: Measured; pr: Measured }; curves: { roc: Point[]; pr: Point[] } } {
    this.#straight.end();
    return {
      figures: { roc: this.#roc.figures, pr: this.#pr.figures },
      curves: { roc: this.#roc.points, pr: this.#pr.points },
    };
  }
}

/** Passes on points, dropping each one collinear with the last kept point and the next point. */
class Collinear {
  readonly #out: Thinner;
  #count = 0;
  #x0 = 0;
  #y0 = 0;
  #x1 = 0;
  #y1 = 0;
  constructor(out: Thinner) {
    this.#out = out;
  }
  add(x: number, y: number): void {
    if (this.#count === 0) {
      this.#out.add(x, y);
      this.#x0 = x;
      this.#y0 = y;
    } else if (
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, the first point is (0, 0), the initial last point
      this.#count > 1
    ) {
      const x0 = this.#x0,
        y0 = this.#y0,
        x1 = this.#x1,
        y1 = this.#y1;
      if ((x1 - x0) * (y - y0) !== (x - x0) * (y1 - y0)) {
        this.#out.add(x1, y1);
        this.#x0 = x1;
        this.#y0 = y1;
      }
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, the first point is (0, 0), the initial last point
    if (this.#count > 0) {
      this.#x1 = x;
      this.#y1 = y;
    }
    this.#count++;
  }
  end(): void {
    if (this.#count > 1) this.#out.add(this.#x1, this.#y1);
  }
}

/** What the measuring walk learns of a curve: its points and its length. */
type Measured = { count: number; total: number };

/**
 * Keeps at most `max` points of a curve, chosen at equal arc-length steps (first and last always kept). The curve
 * is walked twice: first to measure (count and length), then to pick; no point list is ever built.
 */
class Thinner {
  readonly points: Point[] = [];
  readonly #max: number;
  /** The first walk's figures, once known: then add() picks. */
  #measured: Measured | undefined;
  #count = 0;
  #length = 0;
  #px = 0;
  #py = 0;
  #step = 1;

  constructor(max: number, measured?: Measured) {
    this.#max = max;
    this.#measured = measured;
  }

  add(x: number, y: number): void {
    const j = this.#count++;
    if (j > 0) {
      const dx = x - this.#px,
        dy = y - this.#py;
      // rates in [0, 1]: no overflow, so no need for Math.hypot's slower care
      this.#length += Math.sqrt(dx * dx + dy * dy);
    }
    this.#px = x;
    this.#py = y;
    const m = this.#measured;
    if (m === undefined) return;
    const max = this.#max;
    if (m.count <= max) {
      this.points.push([x, y]);
      return;
    }
    let keep = j === 0 || j === m.count - 1;
    // the point at step s is the first whose cumulative length reaches total·s/(max-1) (or the last point)
    while (this.#step < max - 1 && (this.#length >= (m.total * this.#step) / (max - 1) || j === m.count - 1)) {
      keep = true;
      this.#step++;
    }
    if (keep) this.points.push([x, y]);
  }

  get figures(): Measured {
    return { count: this.#count, total: this.#length };
  }
}
