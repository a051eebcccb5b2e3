/**
 * Reads a predictions file into the typed task data the metrics take: one streaming pass (readColumns), labels
 * dictionary-encoded, scores as Float64Array. Every problem a user can fix is a UserError naming the input, the
 * file, the row and the value.
 */
import { UserError, inputError } from '../errors.ts';
import { readColumns, type ColumnKind, type TypedColumns } from '../data/columns.ts';
import { openTable, tableParts, withInput } from '../data/open.ts';
import type { Cell, TableSource } from '../data/types.ts';
import { unifyLabels } from '../metrics/labels.ts';
import type { SliceColumn } from '../metrics/slices.ts';
import type { BinaryData, MulticlassData, RegressionData, Task } from '../metrics/types.ts';
import { inferTask, MAX_INTEGER_CLASSES } from './infer.ts';
import { joinLabels, type LabelCounts } from './labels.ts';
import { resolveScoreColumns, type ClassColumn } from './score-columns.ts';
import { normaliseRowsInPlace } from '../metrics/probability.ts';
import { checkClassProbabilities, checkLabels, checkNumbers, checkProbabilities, positiveIndex } from './validate.ts';
import { thousands } from '../log.ts';

/** What to read, from the action's inputs. */
export interface LoadSpec {
  predictions: string;
  task?: Task | undefined;
  labelColumn: string;
  predictionColumn: string;
  scoreColumn?: string | undefined;
  scoreColumns?: string | undefined;
  classes?: string[] | undefined;
  positiveLabel: string;
  sliceColumns: string[];
  /** Late labels: a file of `keyColumn` and the label column, joined to a predictions log that has no labels. */
  labels?: { path: string; keyColumn: string } | undefined;
}

export type TaskData =
  | { task: 'binary'; data: BinaryData }
  | { task: 'multiclass'; data: MulticlassData }
  | { task: 'regression'; data: RegressionData };

export type Loaded = TaskData & {
  rows: number;
  files: string[];
  slices: SliceColumn[];
  inferred?: string;
  /** With late labels: how many predictions were labelled (and scored) and how many wait for a label. */
  labelCounts?: LabelCounts;
};

function requireColumns(source: TableSource, names: string[], input: (n: string) => string): void {
  for (const name of names) {
    if (!source.columns.includes(name)) {
      throw inputError(
        input(name),
        `no column '${name}' in ${source.files.join(', ')}; the columns are: ${source.columns.join(', ')}`,
        { field: name },
      );
    }
  }
}

/** The first 65,536 rows of columns a and b, to infer the task from. */
async function sample(source: TableSource, a: string, b: string): Promise<[Cell[], Cell[]]> {
  const opened = tableParts(source);
  const part = opened?.parts[0];
  if (part) {
    // only the two columns: cells of the others (scores, slices) were ~10 MB of the bench's peak memory
    const batches = part.batches([part.columns.indexOf(a), part.columns.indexOf(b)], 65_536);
    const first = await withInput(opened.input, () => batches.next());
    await batches.return(undefined);
    return first.done ? [[], []] : [first.value.columns[0]!, first.value.columns[1]!];
  }
  const ia = source.columns.indexOf(a),
    ib = source.columns.indexOf(b);
  for await (const batch of source.batches()) return [batch.columns[ia]!, batch.columns[ib]!];
  return [[], []];
}

/** Opens the predictions, infers or checks the task and reads the columns it needs. */
export async function loadPredictions(spec: LoadSpec): Promise<Loaded> {
  const predictions = await openTable(spec.predictions, { input: 'predictions' });
  const joined = spec.labels
    ? await joinLabels(predictions, {
        labels: spec.labels.path,
        keyColumn: spec.labels.keyColumn,
        labelColumn: spec.labelColumn,
      })
    : undefined;
  const source = joined?.source ?? predictions;
  const inputOf = (n: string) =>
    n === spec.labelColumn
      ? 'label-column'
      : n === spec.predictionColumn
        ? 'prediction-column'
        : n === spec.scoreColumn
          ? 'score-column'
          : 'slice-columns';
  requireColumns(
    source,
    [spec.labelColumn, spec.predictionColumn, ...(spec.scoreColumn ? [spec.scoreColumn] : []), ...spec.sliceColumns],
    inputOf,
  );
  const classColumns: ClassColumn[] | undefined = spec.scoreColumns
    ? resolveScoreColumns(spec.scoreColumns, spec.classes, source.columns)
    : undefined;

  let task = spec.task;
  let inferred: string | undefined;
  if (!task) {
    const [labels, preds] = await sample(source, spec.labelColumn, spec.predictionColumn);
    const guess = inferTask(labels, preds, { scoreColumn: !!spec.scoreColumn, scoreColumns: !!classColumns });
    task = guess.task;
    inferred = `task: ${task}, because ${guess.reason}${labels.length >= 65536 ? ' (in the first 65,536 rows)' : ''}`;
  }
  if (task === 'binary' && classColumns)
    throw inputError(
      'score-columns',
      'is for multiclass tasks; a binary task takes score-column (the positive-class probability).',
    );
  if (task === 'multiclass' && spec.scoreColumn)
    throw inputError(
      'score-column',
      'is for binary tasks; a multiclass task takes score-columns (one probability column per class).',
    );

  const names = [spec.labelColumn, spec.predictionColumn];
  const kinds: ColumnKind[] = task === 'regression' ? ['number', 'number'] : ['category', 'category'];
  if (task === 'binary' && spec.scoreColumn) {
    names.push(spec.scoreColumn);
    kinds.push('number');
  }
  for (const c of task === 'multiclass' ? (classColumns ?? []) : []) {
    names.push(c.column);
    kinds.push('number');
  }
  const sliceStart = names.length;
  for (const s of spec.sliceColumns)
    if (!names.includes(s)) {
      names.push(s);
      kinds.push('category-or-null');
    }
  const cols = await readColumns(source, names, kinds, { input: 'predictions' });
  const file = cols.files.length === 1 ? cols.files[0]! : spec.predictions;
  const labelCounts = joined?.counts();
  if (labelCounts && cols.rows === 0)
    throw new UserError(
      `none of the ${thousands(labelCounts.predictions)} predictions has a label yet: ${thousands(labelCounts.unmatched)} label(s) in ${spec.labels!.path}, none with a ${spec.labels!.keyColumn} of the predictions.`,
      { input: 'labels', file: spec.labels!.path },
    );
  if (cols.rows === 0)
    throw new UserError('the predictions hold no rows; expected at least one prediction.', {
      input: 'predictions',
      file,
    });

  const slices = spec.sliceColumns.map((name) => sliceColumn(cols, name, names.indexOf(name) < sliceStart));
  const base = {
    rows: cols.rows,
    files: cols.files,
    slices,
    ...(inferred ? { inferred } : {}),
    ...(labelCounts ? { labelCounts } : {}),
  };
  if (task === 'regression') {
    const truth = cols.number(spec.labelColumn),
      predicted = cols.number(spec.predictionColumn);
    checkNumbers(truth, spec.labelColumn, file);
    checkNumbers(predicted, spec.predictionColumn, file);
    return { ...base, task, data: { truth, predicted } };
  }
  const label = cols.category(spec.labelColumn),
    pred = cols.category(spec.predictionColumn);
  const extra = classColumns?.map((c) => c.label) ?? [];
  const { labels, codes } = unifyLabels(
    [
      { dictionary: label.values, codes: label.codes },
      { dictionary: pred.values, codes: pred.codes },
    ],
    extra,
    // re-encoded where they are unless another use (a slice, the other column) shares the codes
    label !== pred &&
      !spec.sliceColumns.includes(spec.labelColumn) &&
      !spec.sliceColumns.includes(spec.predictionColumn),
  );
  checkLabels(labels, codes, [spec.labelColumn, spec.predictionColumn], file, classColumns ? extra : undefined);
  if (task === 'binary') {
    if (labels.length > 2) {
      // Numbers with fractions, or more integers than classes go, are a regression target, not classes.
      const numbers = labels.map(Number);
      const regression =
        numbers.every(Number.isFinite) &&
        (numbers.some((n) => !Number.isInteger(n)) || labels.length > MAX_INTEGER_CLASSES);
      throw new UserError(
        `task binary, but labels and predictions take ${thousands(labels.length)} values (${labels.slice(0, 10).join(', ')}${labels.length > 10 ? ', …' : ''}); ` +
          (regression ? 'they are numbers of a regression target: set task: regression.' : 'set task: multiclass.'),
        { input: 'task', file },
      );
    }
    const data: BinaryData = {
      labels,
      truth: codes[0]!,
      predicted: codes[1]!,
      positive: positiveIndex(labels, spec.positiveLabel),
    };
    if (spec.scoreColumn) {
      data.score = cols.number(spec.scoreColumn);
      checkProbabilities(data.score, spec.scoreColumn, file);
    }
    return { ...base, task, data };
  }
  const data: MulticlassData = { labels, truth: codes[0]!, predicted: codes[1]! };
  if (classColumns) {
    const byLabel = new Map(
      classColumns.map((c) => [unifyLabels([{ dictionary: [c.label], codes: Int32Array.of(0) }]).labels[0]!, c.column]),
    );
    const columns = labels.map((l) => byLabel.get(l)!);
    data.proba = columns.map((c) => cols.number(c));
    checkClassProbabilities(data.proba, columns, file);
    normaliseRowsInPlace(data.proba);
  }
  return { ...base, task, data };
}

function sliceColumn(cols: TypedColumns, name: string, alsoTarget: boolean): SliceColumn {
  if (alsoTarget) {
    const numeric = cols.columns.find((c) => c.name === name);
    if (numeric && !('codes' in numeric))
      throw inputError('slice-columns', `'${name}' is a numeric column of the task; slice by a categorical column.`);
  }
  const c = cols.category(name);
  return { name, values: c.values, codes: c.codes };
}
