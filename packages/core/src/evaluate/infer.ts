/** Task inference from a sample of the label and prediction columns; the reason is logged for the user. */
import type { Cell } from '../data/types.ts';
import type { Task } from '../metrics/types.ts';
import { canonicalLabel } from '../metrics/labels.ts';

/** The task and, in words, why it was chosen. */
export interface Inferred {
  task: Task;
  reason: string;
}

/** Most distinct integer labels a classification may have before integers are read as a regression target. */
export const MAX_INTEGER_CLASSES = 20;

const isNumeric = (c: Cell) =>
  typeof c === 'number' || (typeof c === 'string' && c.trim() !== '' && Number.isFinite(Number(c)));

/**
 * Infers the task: probability columns say classification; numeric labels with fractions or more than 20 distinct
 * values say regression; otherwise two labels (in truth and predictions together) are binary, more are multiclass.
 */
export function inferTask(
  labels: Cell[],
  predictions: Cell[],
  hints: { scoreColumn?: boolean; scoreColumns?: boolean },
): Inferred {
  const present = labels.filter((c) => c !== null && c !== '');
  const distinct = new Set(
    [...present, ...predictions.filter((c) => c !== null && c !== '')].map((c) => canonicalLabel(c!)),
  );
  if (hints.scoreColumns) return { task: 'multiclass', reason: 'score-columns gives one probability column per class' };
  if (hints.scoreColumn && distinct.size <= 2)
    return { task: 'binary', reason: `score-column is set and ${distinct.size} distinct labels occur` };
  if (present.length && present.every(isNumeric)) {
    const fraction = present.find((c) => !Number.isInteger(Number(c)));
    if (fraction !== undefined)
      return { task: 'regression', reason: `the label column holds non-integer numbers (e.g. ${fraction})` };
    // Counted in the label column alone: a regression's float predictions would swell the count past the rows.
    const classes = new Set(present.map((c) => Number(c))).size;
    if (classes > MAX_INTEGER_CLASSES)
      return {
        task: 'regression',
        reason: `the label column holds ${classes} distinct integers in ${present.length} rows (more than ${MAX_INTEGER_CLASSES} classes)`,
      };
    const predicted = predictions.find((c) => c !== null && c !== '' && isNumeric(c) && !Number.isInteger(Number(c)));
    if (predicted !== undefined)
      return {
        task: 'regression',
        reason: `the label column holds integers and the prediction column non-integer numbers (e.g. ${predicted})`,
      };
  }
  if (distinct.size <= 2)
    return {
      task: 'binary',
      reason: `labels and predictions take ${distinct.size} distinct values (${[...distinct].join(', ')})`,
    };
  return { task: 'multiclass', reason: `labels and predictions take ${distinct.size} distinct values` };
}
