/**
 * evaluate-model on a table or query in a database: the file mode's document (evaluate/compute.ts) from aggregates
 * the engine computes. Per group (the whole table, then each value of each slice column) one GROUP BY of the
 * confusion counts, one scan of probability sums, one ranking of scores; regression sums in two scans and a median.
 * What crosses the wire is bounded by the groups and classes, never by the rows.
 */
import { inputError, UserError } from '../../errors.ts';
import type { Evaluation } from '../../evaluate/compute.ts';
import { inferTask } from '../../evaluate/infer.ts';
import type { LoadSpec } from '../../evaluate/load.ts';
import { resolveScoreColumns, type ClassColumn } from '../../evaluate/score-columns.ts';
import { positiveIndex } from '../../evaluate/validate.ts';
import { canonicalLabel } from '../../metrics/labels.ts';
import { presentOnly } from '../../metrics/confusion.ts';
import type { MetricValues, Task, Warn } from '../../metrics/types.ts';
import { calibrationPoints, rankingWithCurves } from './curves.ts';
import { confusionCells, distinctValues, labelSet, matricesByGroup, type LabelSet } from './labels.ts';
import {
  binaryProbabilityQuery,
  classProbabilityChecks,
  multiclassLogLossQuery,
  normalisedRows,
} from './probability.ts';
import { doubleOf, groupExpr, groupKey, labelIndex, oneOf, Params, textOf, type SqlContext } from './query.ts';
import { rankingQuery, runRanking, type RankingSums } from './ranking.ts';
import { binaryFromCounts, fairnessFromCounts, multiclassFromCounts, type ProbabilitySums } from './reductions.ts';
import { centredSums, regressionFromSums, regressionSums } from './regression.ts';
import { num } from './values.ts';
import { thousands } from '../../log.ts';

/** At most this many values per slice column. */
export const MAX_SLICE_VALUES = 10_000;

export interface SqlEvaluation {
  task: Task;
  rows: number;
  evaluation: Evaluation;
  inferred?: string;
}

type Spec = Omit<LoadSpec, 'predictions'>;

function noRows(): UserError {
  return new UserError('the predictions hold no rows; expected at least one prediction.', { input: 'predictions' });
}

function requireColumns(columns: string[], spec: Spec): void {
  const inputOf = (n: string) =>
    n === spec.labelColumn
      ? 'label-column'
      : n === spec.predictionColumn
        ? 'prediction-column'
        : n === spec.scoreColumn
          ? 'score-column'
          : 'slice-columns';
  for (const name of [
    spec.labelColumn,
    spec.predictionColumn,
    ...(spec.scoreColumn ? [spec.scoreColumn] : []),
    ...spec.sliceColumns,
  ])
    if (!columns.includes(name))
      throw inputError(
        inputOf(name),
        `no column '${name}' in the predictions; the columns are: ${columns.join(', ')}`,
        {
          field: name,
        },
      );
}

/** Slice keys ordered as metrics/slices.ts sliceGroups: by value (numerically when all are numbers), NULL last. */
function orderedSlices(values: (string | null)[]): (string | null)[] {
  const present = values.filter((v): v is string => v !== null);
  const numeric = present.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
  present.sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
  return values.includes(null) ? [...present, null] : present;
}

function sliceKey(column: string, value: string | null): string {
  return `${column}=${value ?? 'null'}`;
}

/** Evaluates the predictions in the engine; `warn` collects the file mode's warnings. */
export async function evaluateInEngine(ctx: SqlContext, spec: Spec, warn: Warn): Promise<SqlEvaluation> {
  const columns = await ctx.columns();
  requireColumns(columns, spec);
  const classColumns: ClassColumn[] | undefined = spec.scoreColumns
    ? resolveScoreColumns(spec.scoreColumns, spec.classes, columns)
    : undefined;

  let task = spec.task;
  let inferred: string | undefined;
  if (!task) {
    const distinct = await distinctValues(ctx, spec.labelColumn, spec.predictionColumn);
    const guess = inferTask(distinct.labels, distinct.predictions, {
      scoreColumn: !!spec.scoreColumn,
      scoreColumns: !!classColumns,
    });
    task = guess.task;
    inferred = `task: ${task}, because ${guess.reason.replace(/ in \d+ rows/, '')}`;
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

  const base = inferred ? { inferred } : {};
  if (task === 'regression') return { task, ...(await regression(ctx, spec, warn)), ...base };

  const target = [spec.labelColumn, spec.predictionColumn] as [string, string];
  const cells = await confusionCells(ctx, spec.labelColumn, spec.predictionColumn);
  const extra = classColumns?.map((c) => c.label) ?? [];
  const set = labelSet(cells, target, extra);
  if (classColumns) {
    const known = new Set(extra.map(canonicalLabel));
    const unknown = set.labels.filter((l) => !known.has(l));
    if (unknown.length)
      throw new UserError(
        `labels ${unknown
          .slice(0, 10)
          .map((l) => `'${l}'`)
          .join(', ')} are not among the classes of the probability columns (${extra.join(', ')}).`,
        { input: 'score-columns' },
      );
  }
  const rows = cells.reduce((a, c) => a + c.n, 0);
  if (rows === 0) throw noRows();
  const whole = matricesByGroup(cells, set).values().next().value!;
  const k = set.labels.length;
  const { kept, matrix } = presentOnly(whole, k);
  const q = kept.length;
  const confusion_matrix = {
    labels: kept.map((c) => set.labels[c]!),
    matrix: kept.map((_, a) => kept.map((_, b) => matrix[a * q + b]!)),
  };

  if (task === 'binary') {
    if (set.labels.length > 2) {
      const numbers = set.labels.map(Number);
      const regressionLike =
        numbers.every(Number.isFinite) && (numbers.some((n) => !Number.isInteger(n)) || set.labels.length > 20);
      throw new UserError(
        `task binary, but labels and predictions take ${thousands(set.labels.length)} values (${set.labels.slice(0, 10).join(', ')}${set.labels.length > 10 ? ', …' : ''}); ` +
          (regressionLike ? 'they are numbers of a regression target: set task: regression.' : 'set task: multiclass.'),
        { input: 'task' },
      );
    }
    const evaluation = await binary(ctx, spec, set, whole, warn);
    return { task, rows, evaluation: { ...evaluation, confusion_matrix }, ...base };
  }
  const evaluation = await multiclass(ctx, spec, set, whole, classColumns, warn);
  return { task, rows, evaluation: { ...evaluation, confusion_matrix }, ...base };
}

/** The texts the engine writes for the labels whose index is `i`. */
function textsOf(set: LabelSet, i: number): string[] {
  return [...set.index].filter(([, j]) => j === i).map(([t]) => t);
}

async function sliceCells(ctx: SqlContext, spec: Spec, set: LabelSet, slice: string) {
  const cells = await confusionCells(ctx, spec.labelColumn, spec.predictionColumn, slice);
  const groups = matricesByGroup(cells, set);
  if (groups.size > MAX_SLICE_VALUES)
    throw inputError(
      'slice-columns',
      `'${slice}' takes more than ${thousands(MAX_SLICE_VALUES)} values; slice by a categorical column.`,
    );
  return groups;
}

async function binary(
  ctx: SqlContext,
  spec: Spec,
  set: LabelSet,
  whole: Float64Array,
  warn: Warn,
): Promise<Evaluation> {
  const d = ctx.dialect;
  const positive = positiveIndex(set.labels, spec.positiveLabel);
  const k = set.labels.length;
  // rows (g, y, s) of a group: 1 for a positive row, the score as a double
  const scoreRows = (slice: string | undefined, p: Params) =>
    `SELECT ${groupExpr(d, slice)} AS g, ${oneOf(p, textOf(d, spec.labelColumn), textsOf(set, positive))} AS y, ` +
    `${doubleOf(d, spec.scoreColumn!)} AS s FROM ${ctx.from}`;
  // probability sums (and their checks) of each group
  const probabilities = async (slice: string | undefined) => {
    const p = new Params(d);
    const out = new Map<string | null, ProbabilitySums>();
    for (const r of await ctx.query(binaryProbabilityQuery(d, scoreRows(slice, p)), p.values)) {
      const bad = num(r['nulls']) + num(r['bad']);
      if (bad)
        throw new UserError(
          `column '${spec.scoreColumn}': ${thousands(bad)} rows hold ${num(r['bad']) ? `${String(r['example'])} or another value` : 'no value (NULL)'} outside 0 to 1; expected a probability between 0 and 1 in every row.`,
          { input: 'predictions', field: spec.scoreColumn! },
        );
      out.set(groupKey(r), { n: num(r['n']), logLoss: num(r['log_loss']), brier: num(r['brier']) });
    }
    return out;
  };

  const out: Evaluation = { metrics: {} };
  let wholeScore: { ranking: RankingSums; probability: ProbabilitySums } | undefined;
  if (spec.scoreColumn) {
    const probability = (await probabilities(undefined)).values().next().value!;
    const p = new Params(d);
    const rows = `SELECT s, y FROM (${scoreRows(undefined, p)}) AS a`;
    const ranked = await rankingWithCurves(ctx, rows, p.values);
    wholeScore = { ranking: ranked.sums, probability };
    out.curves = { roc: ranked.roc, pr: ranked.pr, calibration: await calibrationPoints(ctx, rows, p.values) };
  }
  out.metrics = binaryFromCounts(set.labels, positive, whole, warn, wholeScore);
  if (spec.sliceColumns.length) {
    out.slices = {};
    out.fairness = {};
    for (const slice of spec.sliceColumns) {
      const groups = await sliceCells(ctx, spec, set, slice);
      const scores = new Map<string | null, { ranking: RankingSums; probability: ProbabilitySums }>();
      if (spec.scoreColumn) {
        const probability = await probabilities(slice);
        const p = new Params(d);
        const branch = `SELECT g, 0 AS c, s, y FROM (${scoreRows(slice, p)}) AS b`;
        for (const s of await runRanking(ctx, rankingQuery(d, [branch]), p.values))
          scores.set(s.g, { ranking: s, probability: probability.get(s.g)! });
      }
      const order = orderedSlices([...groups.keys()]);
      for (const g of order) {
        const counts = groups.get(g)!;
        const key = sliceKey(slice, g);
        const m = binaryFromCounts(set.labels, positive, counts, (w) => warn(`slice ${key}: ${w}`), scores.get(g));
        out.slices[key] = { rows: counts.reduce((a, b) => a + b, 0), ...m };
      }
      out.fairness[slice] = fairnessFromCounts(
        order.map((g) => ({ value: g ?? 'null', counts: groups.get(g)! })),
        k,
        positive,
        slice,
        warn,
      );
    }
  }
  return out;
}

async function multiclass(
  ctx: SqlContext,
  spec: Spec,
  set: LabelSet,
  whole: Float64Array,
  classColumns: ClassColumn[] | undefined,
  warn: Warn,
): Promise<Evaluation> {
  const d = ctx.dialect;
  const k = set.labels.length;
  let probaColumns: string[] | undefined;
  if (classColumns) {
    const byLabel = new Map(classColumns.map((c) => [canonicalLabel(c.label), c.column]));
    probaColumns = set.labels.map((l) => byLabel.get(l)!);
    const p = new Params(d);
    const checks = (await ctx.query(classProbabilityChecks(d, probaRows(undefined, p), k), p.values))[0]!;
    probaColumns.forEach((name, c) => {
      const bad = num(checks[`bad${c}`]);
      if (bad)
        throw new UserError(
          `column '${name}': ${thousands(bad)} rows hold ${checks[`example${c}`] == null ? 'no value (NULL)' : `${String(checks[`example${c}`])} or another bad value`}; a class probability must be a finite number, not negative.`,
          { input: 'predictions', field: name },
        );
    });
    const zero = num(checks['zero_rows']);
    if (zero)
      throw new UserError(
        `${thousands(zero)} rows have every class probability 0, so they cannot be normalised to sum to 1.`,
        { input: 'predictions', field: probaColumns.join(', ') },
      );
  }
  // rows (g, t, p0 … p{k-1}): group, index of the true label, probability of each class as a double
  function probaRows(slice: string | undefined, p: Params): string {
    return (
      `SELECT ${groupExpr(d, slice)} AS g, ${labelIndex(p, textOf(d, spec.labelColumn), set.index)} AS t, ` +
      `${probaColumns!.map((c, i) => `${doubleOf(d, c)} AS p${i}`).join(', ')} FROM ${ctx.from}`
    );
  }
  const scored = async (slice: string | undefined) => {
    const out = new Map<string | null, { ovr: RankingSums[]; probability: ProbabilitySums | undefined }>();
    if (!probaColumns) return out;
    const p = new Params(d);
    const normalised = normalisedRows(d, probaRows(slice, p), k);
    const loss = await ctx.query(multiclassLogLossQuery(d, normalised, k), p.values);
    const rp = new Params(d);
    const nrm = `nrm AS (${normalisedRows(d, probaRows(slice, rp), k)})`;
    const branches = Array.from(
      { length: k },
      (_, c) => `SELECT g, ${c} AS c, n${c} AS s, CASE WHEN t = ${c} THEN 1 ELSE 0 END AS y FROM nrm`,
    );
    const ovr = await runRanking(ctx, rankingQuery(d, branches, [nrm]), rp.values);
    for (const r of loss)
      out.set(groupKey(r), { ovr: [], probability: { n: num(r['n']), logLoss: num(r['log_loss']) } });
    for (const s of ovr) out.get(s.g)?.ovr.push(s);
    return out;
  };
  const wholeScore = (await scored(undefined)).values().next().value;
  const out: Evaluation = { metrics: multiclassFromCounts(set.labels, whole, warn, wholeScore) };
  if (spec.sliceColumns.length) {
    out.slices = {};
    for (const slice of spec.sliceColumns) {
      const groups = await sliceCells(ctx, spec, set, slice);
      const scores = await scored(slice);
      for (const g of orderedSlices([...groups.keys()])) {
        const counts = groups.get(g)!;
        const key = sliceKey(slice, g);
        const m: MetricValues = multiclassFromCounts(
          set.labels,
          counts,
          (w) => warn(`slice ${key}: ${w}`),
          scores.get(g),
        );
        out.slices[key] = { rows: counts.reduce((a, b) => a + b, 0), ...m };
      }
    }
  }
  return out;
}

async function regression(ctx: SqlContext, spec: Spec, warn: Warn): Promise<{ rows: number; evaluation: Evaluation }> {
  const d = ctx.dialect;
  for (const s of spec.sliceColumns)
    if (s === spec.labelColumn || s === spec.predictionColumn)
      throw inputError('slice-columns', `'${s}' is a numeric column of the task; slice by a categorical column.`);
  const rows = (slice: string | undefined) =>
    `SELECT ${groupExpr(d, slice)} AS g, ${doubleOf(d, spec.labelColumn)} AS t, ${doubleOf(d, spec.predictionColumn)} AS p FROM ${ctx.from}`;
  const target: [string, string] = [spec.labelColumn, spec.predictionColumn];
  const wholeSums = await regressionSums(ctx, rows(undefined), target);
  if (wholeSums.size) await centredSums(ctx, rows(undefined), wholeSums, false);
  const whole = wholeSums.values().next().value;
  if (!whole) throw noRows();
  const out: Evaluation = { metrics: regressionFromSums(whole, warn) };
  if (spec.sliceColumns.length) {
    out.slices = {};
    for (const slice of spec.sliceColumns) {
      const sums = await regressionSums(ctx, rows(slice), target);
      if (sums.size > MAX_SLICE_VALUES)
        throw inputError(
          'slice-columns',
          `'${slice}' takes more than ${thousands(MAX_SLICE_VALUES)} values; slice by a categorical column.`,
        );
      await centredSums(ctx, rows(slice), sums, true);
      for (const g of orderedSlices([...sums.keys()])) {
        const key = sliceKey(slice, g);
        const s = sums.get(g)!;
        out.slices[key] = { rows: s.n, ...regressionFromSums(s, (w) => warn(`slice ${key}: ${w}`)) };
      }
    }
  }
  return { rows: whole.n, evaluation: out };
}
