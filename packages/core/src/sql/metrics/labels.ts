/**
 * Labels and predictions of a classification, from grouped counts: the engine's texts of the values (a bounded
 * number of them), made canonical and sorted as the file mode's unifyLabels does, and the confusion counts of every
 * group (the whole table, or each value of a slice column) by one GROUP BY.
 */
import { UserError } from '../../errors.ts';
import { canonicalLabel, sortLabels } from '../../metrics/labels.ts';
import { groupExpr, textOf, type SqlContext } from './query.ts';
import { num, text } from './values.ts';
import { thousands } from '../../log.ts';

/** At most this many (group, label, prediction) combinations are counted: more means the task is regression. */
export const MAX_CONFUSION_CELLS = 100_000;
/** At most this many distinct values of each column are read to infer the task. */
const DISTINCT_SAMPLE = 1_001;

/** Distinct label and prediction values (at most 1,001 of each) as the engine writes them, to infer the task. */
export async function distinctValues(
  ctx: SqlContext,
  label: string,
  prediction: string,
): Promise<{ labels: (string | null)[]; predictions: (string | null)[] }> {
  const d = ctx.dialect;
  const branch = (column: string, which: number) =>
    `SELECT ${which} AS c, v FROM (SELECT ${textOf(d, column)} AS v FROM ${ctx.from} GROUP BY ${textOf(d, column)} LIMIT ${DISTINCT_SAMPLE}) AS d${which}`;
  const rows = await ctx.query(`${branch(label, 0)} UNION ALL ${branch(prediction, 1)}`, []);
  return {
    labels: rows.filter((r) => num(r['c']) === 0).map((r) => text(r['v'])),
    predictions: rows.filter((r) => num(r['c']) === 1).map((r) => text(r['v'])),
  };
}

/** One cell of the confusion counts: the group, the true and the predicted label as the engine writes them. */
export interface ConfusionCell {
  g: string | null;
  t: string | null;
  p: string | null;
  n: number;
}

/** Confusion counts per group (GROUP BY group, label, prediction). */
export async function confusionCells(
  ctx: SqlContext,
  label: string,
  prediction: string,
  slice?: string,
): Promise<ConfusionCell[]> {
  const d = ctx.dialect;
  const sql =
    `SELECT g, t, p, COUNT(*) AS n FROM (SELECT ${groupExpr(d, slice)} AS g, ${textOf(d, label)} AS t, ` +
    `${textOf(d, prediction)} AS p FROM ${ctx.from}) AS r GROUP BY g, t, p LIMIT ${MAX_CONFUSION_CELLS + 1}`;
  const rows = await ctx.query(sql, []);
  if (rows.length > MAX_CONFUSION_CELLS)
    throw new UserError(
      `the label and prediction columns${slice ? ` by slice '${slice}'` : ''} take more than ${thousands(MAX_CONFUSION_CELLS)} combinations of values: too many for classes; set task: regression for a numeric target.`,
      { input: 'task' },
    );
  return rows.map((r) => ({ g: text(r['g']), t: text(r['t']), p: text(r['p']), n: num(r['n']) }));
}

/** The sorted label list and, for each text the engine wrote, its index in it. */
export interface LabelSet {
  labels: string[];
  /** Engine text of a label or prediction -> index into `labels`. */
  index: Map<string, number>;
}

/**
 * Labels as the file mode has them: the canonical form of every text in truth and predictions, plus `extra`
 * (classes of the probability columns), sorted as np.unique. NULL and NaN labels are errors naming the column.
 */
export function labelSet(cells: ConfusionCell[], columns: [string, string], extra: string[] = []): LabelSet {
  const nulls = [0, 0];
  const nans = [0, 0];
  const texts = new Set<string>();
  for (const c of cells) {
    [c.t, c.p].forEach((v, j) => {
      if (v === null) nulls[j]! += c.n;
      else if (canonicalLabel(v).toLowerCase() === 'nan') nans[j]! += c.n;
      else texts.add(v);
    });
  }
  for (const j of [0, 1]) {
    if (nulls[j])
      throw new UserError(
        `column '${columns[j]}': ${thousands(nulls[j]!)} rows hold no value (NULL); every row needs a label.`,
        { input: 'predictions', field: columns[j]! },
      );
    if (nans[j])
      throw new UserError(`column '${columns[j]}': ${thousands(nans[j]!)} rows hold NaN; every row needs a label.`, {
        input: 'predictions',
        field: columns[j]!,
      });
  }
  const labels = sortLabels([...[...texts].map(canonicalLabel), ...extra.map(canonicalLabel)]);
  const position = new Map(labels.map((l, i) => [l, i]));
  const index = new Map([...texts].map((t) => [t, position.get(canonicalLabel(t))!]));
  return { labels, index };
}

/** The k x k counts (truth-major, as metrics/confusion.ts) of each group. */
export function matricesByGroup(cells: ConfusionCell[], set: LabelSet): Map<string | null, Float64Array> {
  const k = set.labels.length;
  const out = new Map<string | null, Float64Array>();
  for (const c of cells) {
    let m = out.get(c.g);
    if (!m) out.set(c.g, (m = new Float64Array(k * k)));
    m[set.index.get(c.t!)! * k + set.index.get(c.p!)!]! += c.n;
  }
  return out;
}
