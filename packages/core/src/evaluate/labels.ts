/**
 * Late ground truth: the predictions log has no label column, the labels arrive days later in another file keyed by
 * `key-column`. The labels are read into a map (key -> label), and the predictions stream through a table that
 * carries the label column and keeps only the rows whose label has arrived; the rows still waiting for one are
 * counted and reported, never scored.
 */
import { inputError, UserError } from '../errors.ts';
import { openTable } from '../data/open.ts';
import type { Batch, Cell, TableSource } from '../data/types.ts';

export interface LabelsSpec {
  /** The labels file (or glob): `key-column` and `label-column`. */
  labels: string;
  keyColumn: string;
  labelColumn: string;
}

/** How the predictions met their labels, as the metrics document records it (`labels`). */
export interface LabelCounts {
  /** The labels file, as given. */
  file: string;
  /** Rows of the predictions log. */
  predictions: number;
  /** Rows whose label has arrived: the rows scored. */
  labelled: number;
  /** Rows whose label has not arrived yet: counted, not scored. */
  unlabelled: number;
  /** Labels whose key matches no prediction. */
  unmatched: number;
}

/** A key cell as text: a CSV key `812` and a Parquet key 812 are the same key. */
function keyOf(cell: Cell): string | undefined {
  if (cell === null) return undefined;
  return typeof cell === 'string' ? cell.trim() : String(cell);
}

async function readLabels(spec: LabelsSpec): Promise<Map<string, Cell>> {
  const source = await openTable(spec.labels, { input: 'labels' });
  for (const [name, input] of [
    [spec.keyColumn, 'key-column'],
    [spec.labelColumn, 'label-column'],
  ] as const) {
    if (!source.columns.includes(name))
      throw inputError(
        input,
        `no column '${name}' in the labels ${source.files.join(', ')}; the columns are: ${source.columns.join(', ')}`,
        { file: spec.labels, field: name },
      );
  }
  const k = source.columns.indexOf(spec.keyColumn);
  const l = source.columns.indexOf(spec.labelColumn);
  const labels = new Map<string, Cell>();
  const firstRow = new Map<string, number>();
  for await (const batch of source.batches()) {
    const keys = batch.columns[k]!;
    const values = batch.columns[l]!;
    for (let r = 0; r < batch.length; r++) {
      const key = keyOf(keys[r]!);
      const row = (batch.fileStart ?? batch.start) + r + 1;
      if (key === undefined)
        throw new UserError(`data row ${row} has no key: every label needs its ${spec.keyColumn}.`, {
          input: 'labels',
          file: batch.file ?? spec.labels,
          field: spec.keyColumn,
        });
      // A label that is still empty has not arrived: the row stays unlabelled.
      if (values[r] === null) continue;
      const seen = firstRow.get(key);
      if (seen !== undefined)
        throw new UserError(
          `the key ${JSON.stringify(key)} has two labels (data rows ${seen} and ${row}); each prediction has one label.`,
          { input: 'labels', file: batch.file ?? spec.labels, field: spec.keyColumn },
        );
      firstRow.set(key, row);
      labels.set(key, values[r]!);
    }
  }
  return labels;
}

/** Keeps rows `keep` (ascending indices) of one column. */
function pick(column: Cell[], keep: number[]): Cell[] {
  const out = new Array<Cell>(keep.length);
  for (let i = 0; i < keep.length; i++) out[i] = column[keep[i]!]!;
  return out;
}

/**
 * The predictions joined with their labels: a table like the predictions with the label column added, holding only
 * the labelled rows. `counts()` holds the figures of the last full pass over it.
 */
export async function joinLabels(
  predictions: TableSource,
  spec: LabelsSpec,
): Promise<{ source: TableSource; counts: () => LabelCounts }> {
  if (!predictions.columns.includes(spec.keyColumn))
    throw inputError(
      'key-column',
      `no column '${spec.keyColumn}' in the predictions ${predictions.files.join(', ')}; the columns are: ${predictions.columns.join(', ')}`,
      { field: spec.keyColumn },
    );
  if (predictions.columns.includes(spec.labelColumn))
    throw inputError(
      'labels',
      `the predictions ${predictions.files.join(', ')} already have a '${spec.labelColumn}' column; labels joins late labels to a predictions log without one (drop labels, or name the log's label column differently).`,
      { field: spec.labelColumn },
    );
  const labels = await readLabels(spec);
  const keyIndex = predictions.columns.indexOf(spec.keyColumn);
  let last: LabelCounts = { file: spec.labels, predictions: 0, labelled: 0, unlabelled: 0, unmatched: labels.size };

  const source: TableSource = {
    files: predictions.files,
    columns: [...predictions.columns, spec.labelColumn],
    async *batches(): AsyncIterable<Batch> {
      let start = 0;
      let rows = 0;
      const matched = new Set<string>();
      for await (const batch of predictions.batches()) {
        rows += batch.length;
        const keys = batch.columns[keyIndex]!;
        const keep: number[] = [];
        const label: Cell[] = [];
        for (let r = 0; r < batch.length; r++) {
          const key = keyOf(keys[r]!);
          if (key === undefined) continue;
          const value = labels.get(key);
          if (value === undefined) continue;
          keep.push(r);
          label.push(value);
          matched.add(key);
        }
        if (keep.length === 0) continue;
        yield {
          start,
          length: keep.length,
          columns: [...batch.columns.map((c) => pick(c, keep)), label],
          ...(batch.file ? { file: batch.file } : {}),
          ...(batch.lines ? { lines: Int32Array.from(keep, (r) => batch.lines![r]!) } : {}),
        };
        start += keep.length;
      }
      last = {
        file: spec.labels,
        predictions: rows,
        labelled: start,
        unlabelled: rows - start,
        unmatched: labels.size - matched.size,
      };
    },
  };
  return { source, counts: () => last };
}
