/** Shapes shared by the metric functions: encoded classification data, regression data and results. */

/** Classification rows with labels encoded as indices into `labels`. */
export interface ClassData {
  /** Class labels in scikit-learn's order (`np.unique`: numeric when all labels are numbers, else text). */
  labels: string[];
  /** True label of each row, an index into `labels`. */
  truth: Int32Array;
  /** Predicted label of each row, an index into `labels`. */
  predicted: Int32Array;
}

/** A binary task: `positive` indexes `labels` (-1 when the positive label occurs in no row). */
export interface BinaryData extends ClassData {
  positive: number;
  /** Probability of the positive class per row, when a score column was given. */
  score?: Float64Array;
}

/**
 * A multiclass task: `proba[c]` is the probability column of class `labels[c]`, when given, its rows divided by
 * their sums (normaliseRowsInPlace) as read.
 */
export interface MulticlassData extends ClassData {
  proba?: Float64Array[];
}

/** A regression task. */
export interface RegressionData {
  truth: Float64Array;
  predicted: Float64Array;
}

export type Task = 'binary' | 'multiclass' | 'regression';

/** Metric name -> finite value. */
export type MetricValues = Record<string, number>;

/** Collects the warnings scikit-learn would emit (and why a metric was left out). */
export type Warn = (message: string) => void;
