/**
 * Late ground truth in SQL mode (evaluate-model `labels` with `connection`): the labels are a table or a
 * SELECT/WITH query on the same connection, joined to the predictions by `key-column` in the engine. The join
 * becomes the FROM item the metric queries read (an inner join: only labelled predictions are scored), and the
 * counts the file mode reports (evaluate/labels.ts) come from aggregate queries; no row is read.
 *
 * Keys are compared as trimmed text on both sides, as the file mode compares them (a key 812 and a key '812' are
 * the same key). A label that is NULL or empty has not arrived: its prediction stays unlabelled.
 */
import { inputError, UserError } from '../errors.ts';
import type { Dialect } from '../sql/dialect.ts';
import type { SqlSource } from '../sql/source.ts';
import { num } from '../sql/metrics/values.ts';
import type { LabelCounts } from './labels.ts';
import { thousands } from '../log.ts';

type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export interface SqlLabelsJoin {
  /** The predictions joined with their labels, as a FROM item: the predictions' columns and the label column. */
  relation: string;
  columns: string[];
  counts: LabelCounts;
}

/**
 * Checks the labels (columns, keys, one label per key), counts how the predictions meet them, and returns the join
 * the metrics are computed on. `predictionColumns` and `labelColumns` are the two sources' columns (from describe).
 */
export async function joinLabelsInEngine(args: {
  dialect: Dialect;
  query: Query;
  predictions: SqlSource;
  predictionColumns: string[];
  labels: SqlSource;
  labelColumns: string[];
  keyColumn: string;
  labelColumn: string;
}): Promise<SqlLabelsJoin> {
  const { dialect: d, query, predictions, predictionColumns, labels, labelColumns, keyColumn, labelColumn } = args;
  if (!predictionColumns.includes(keyColumn))
    throw inputError(
      'key-column',
      `no column '${keyColumn}' in the predictions ${predictions.text}; the columns are: ${predictionColumns.join(', ')}`,
      { field: keyColumn },
    );
  if (predictionColumns.includes(labelColumn))
    throw inputError(
      'labels',
      `the predictions ${predictions.text} already have a '${labelColumn}' column; labels joins late labels to a predictions log without one (drop labels, or name the log's label column differently).`,
      { field: labelColumn },
    );
  for (const [name, input] of [
    [keyColumn, 'key-column'],
    [labelColumn, 'label-column'],
  ] as const)
    if (!labelColumns.includes(name))
      throw inputError(
        input,
        `no column '${name}' in the labels ${labels.text}; the columns are: ${labelColumns.join(', ')}`,
        { field: name },
      );

  const id = (n: string) => d.identifier(n);
  const keyText = (qualifier: string | undefined) =>
    `TRIM(${d.toText(qualifier ? `${id(qualifier)}.${id(keyColumn)}` : id(keyColumn))})`;
  const label = id(labelColumn);
  // the labels that have arrived: a key (as text) and a non-empty label
  const present =
    `(SELECT ${keyText(undefined)} AS ${id('modelgate_key')}, ${label} AS ${id('modelgate_label')} FROM ${labels.relation} ` +
    `WHERE ${label} IS NOT NULL AND TRIM(${d.toText(label)}) <> '') AS ${id('modelgate_labels')}`;
  const join =
    `(SELECT * FROM ${predictions.relation}) AS ${id('modelgate_predictions')} INNER JOIN ${present} ` +
    `ON ${keyText('modelgate_predictions')} = ${id('modelgate_labels')}.${id('modelgate_key')}`;
  const relation =
    `(SELECT ${id('modelgate_predictions')}.*, ${id('modelgate_labels')}.${id('modelgate_label')} AS ${label} ` +
    `FROM ${join}) AS ${id('modelgate_joined')}`;

  const missingKeys = num(
    (await query(`SELECT COUNT(*) AS n FROM ${labels.relation} WHERE ${id(keyColumn)} IS NULL`, []))[0]?.['n'],
  );
  if (missingKeys > 0)
    throw new UserError(
      `${thousands(missingKeys)} label row(s) in ${labels.text} have no key: every label needs its ${keyColumn}.`,
      { input: 'labels', field: keyColumn },
    );
  const arrived = (
    await query(`SELECT COUNT(*) AS n, COUNT(DISTINCT ${id('modelgate_key')}) AS k FROM ${present}`, [])
  )[0];
  const labelRows = num(arrived?.['n']);
  const labelKeys = num(arrived?.['k']);
  if (labelRows > labelKeys) {
    const dup = (
      await query(
        `SELECT ${id('modelgate_key')} AS k, COUNT(*) AS n FROM ${present} GROUP BY ${id('modelgate_key')} ` +
          `HAVING COUNT(*) > 1 ORDER BY ${id('modelgate_key')} LIMIT 1`,
        [],
      )
    )[0];
    throw new UserError(
      `the key ${JSON.stringify(String(dup?.['k']))} has ${num(dup?.['n'])} labels in ${labels.text} (${thousands(labelRows - labelKeys)} label(s) repeat a key); each prediction has one label.`,
      { input: 'labels', field: keyColumn },
    );
  }
  const total = num((await query(`SELECT COUNT(*) AS n FROM ${predictions.relation}`, []))[0]?.['n']);
  const joined = (
    await query(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT ${id('modelgate_labels')}.${id('modelgate_key')}) AS k FROM ${join}`,
      [],
    )
  )[0];
  const labelled = num(joined?.['n']);
  const counts: LabelCounts = {
    file: labels.text,
    predictions: total,
    labelled,
    unlabelled: total - labelled,
    unmatched: labelKeys - num(joined?.['k']),
  };
  if (total > 0 && labelled === 0)
    throw new UserError(
      `none of the ${thousands(total)} predictions has a label yet: ${thousands(counts.unmatched)} label(s) in ${labels.text}, none with a ${keyColumn} of the predictions.`,
      { input: 'labels' },
    );
  return { relation, columns: [...predictionColumns, labelColumn], counts };
}
