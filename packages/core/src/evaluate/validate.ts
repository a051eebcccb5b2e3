/** Checks on the read columns: each failure names the file, the data row and the value found. */
import { UserError, inputError } from '../errors.ts';
import { canonicalLabel } from '../metrics/labels.ts';

/** Labels: no missing or NaN label, and (with probability columns) every label one of the classes. */
export function checkLabels(
  labels: string[],
  codes: Int32Array[],
  columns: string[],
  file: string,
  classes?: string[],
): void {
  const nan = labels.findIndex((l) => l.toLowerCase() === 'nan');
  codes.forEach((c, j) => {
    for (let i = 0; i < c.length; i++) {
      if (c[i] === nan)
        throw new UserError(`column '${columns[j]}', data row ${i + 1}: the label is NaN; every row needs a label.`, {
          file,
          field: columns[j]!,
        });
    }
  });
  if (!classes) return;
  const known = new Set(classes.map(canonicalLabel));
  const unknown = labels.filter((l) => !known.has(l));
  if (unknown.length) {
    throw new UserError(
      `labels ${unknown
        .slice(0, 10)
        .map((l) => `'${l}'`)
        .join(', ')} are not among the classes of the probability columns (${classes.join(', ')}).`,
      { input: 'score-columns', file },
    );
  }
}

/** Regression values: finite numbers. */
export function checkNumbers(values: Float64Array, column: string, file: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!))
      throw new UserError(`column '${column}', data row ${i + 1}: found ${values[i]}, expected a finite number.`, {
        file,
        field: column,
      });
  }
}

/** A binary task's positive-class probabilities: numbers in [0, 1]. */
export function checkProbabilities(values: Float64Array, name: string, file: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v <= 1))
      throw new UserError(`column '${name}', data row ${i + 1}: found ${v}, expected a probability between 0 and 1.`, {
        file,
        field: name,
      });
  }
}

/**
 * A multiclass task's probability columns: finite and not negative, and no row summing to 0. Rows need not sum to
 * 1 (a value above 1 from a scaled row is fine): they are divided by their sum as read.
 */
export function checkClassProbabilities(columns: Float64Array[], names: string[], file: string): void {
  columns.forEach((values, j) => {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v >= 0 && v !== Infinity) continue;
      throw new UserError(
        `column '${names[j]}', data row ${i + 1}: found ${v}; a class probability must be a finite number, not negative.`,
        { file, field: names[j]! },
      );
    }
  });
  for (let i = 0; i < (columns[0]?.length ?? 0); i++) {
    let sum = 0;
    for (const c of columns) sum += c[i]!;
    if (sum === 0)
      throw new UserError(
        `data row ${i + 1}: every class probability is 0, so the row cannot be normalised to sum to 1.`,
        { file, field: names.join(', ') },
      );
  }
}

const TRUE_WORDS = new Set(['true', 'yes', '1']);

/** The positive label's index; `true`/`yes` also match boolean labels. -1 when it occurs in no row of a one-label file. */
export function positiveIndex(labels: string[], positive: string): number {
  const want = canonicalLabel(positive);
  let i = labels.indexOf(want);
  if (i < 0 && TRUE_WORDS.has(want.toLowerCase()) && labels.every((l) => l === 'true' || l === 'false'))
    i = labels.indexOf('true');
  if (i < 0 && labels.length >= 2) {
    throw inputError(
      'positive-label',
      `'${positive}' is not one of the labels (${labels.join(', ')}); set positive-label to the label of the positive class.`,
    );
  }
  return i;
}
