/** Confusion matrix over encoded labels, as scikit-learn's `confusion_matrix` (rows: truth, columns: predicted). */

/** Counts `matrix[t * k + p]` of rows with truth t and prediction p, for k labels (of `rows` only, when given). */
export function confusionCounts(truth: Int32Array, predicted: Int32Array, k: number, rows?: Uint32Array): Float64Array {
  const m = new Float64Array(k * k);
  if (rows) for (const i of rows) m[truth[i]! * k + predicted[i]!]! += 1;
  else for (let i = 0; i < truth.length; i++) m[truth[i]! * k + predicted[i]!]! += 1;
  return m;
}

/**
 * Restricts a k x k matrix to the labels present in truth or predictions, as scikit-learn does by default
 * (`unique_labels(y_true, y_pred)`). Returns the kept label indices and the smaller matrix.
 */
export function presentOnly(m: Float64Array, k: number): { kept: number[]; matrix: Float64Array } {
  const kept: number[] = [];
  for (let c = 0; c < k; c++) {
    let rowOrCol = 0;
    for (let j = 0; j < k; j++) rowOrCol += m[c * k + j]! + m[j * k + c]!;
    if (rowOrCol > 0) kept.push(c);
  }
  const q = kept.length;
  const matrix = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) matrix[a * q + b] = m[kept[a]! * k + kept[b]!]!;
  return { kept, matrix };
}

/** Row sums (true counts per class) and column sums (predicted counts per class). */
export function margins(
  m: Float64Array,
  k: number,
): { trueSum: Float64Array; predSum: Float64Array; diag: Float64Array } {
  const trueSum = new Float64Array(k);
  const predSum = new Float64Array(k);
  const diag = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    diag[a] = m[a * k + a]!;
    for (let b = 0; b < k; b++) {
      trueSum[a]! += m[a * k + b]!;
      predSum[b]! += m[a * k + b]!;
    }
  }
  return { trueSum, predSum, diag };
}
