/**
 * The baseline model's predictions on the same rows (`baseline-predictions`): read with the current predictions'
 * columns and task, matched to the current rows by `key-column` or by position, and put in the current rows' order,
 * so that row i is the same example for both models. Rows that cannot be paired (a key on one side only, a key twice,
 * a label that differs) are refused with an error that names them: a paired test on mismatched rows would be wrong
 * without any sign of it.
 */
import { readKeyColumn } from '../data/columns.ts';
import { KeyIndex, type KeyColumn } from '../data/key-column.ts';
import { openTable } from '../data/open.ts';
import { inputError, isUserError, UserError } from '../errors.ts';
import type { BinaryData, MulticlassData } from '../metrics/types.ts';
import { loadPredictions, type LoadSpec, type Loaded, type TaskData } from './load.ts';
import { thousands } from '../log.ts';

/** How many keys or rows an error shows. */
const SHOWN = 5;

/** The baseline's rows in the current predictions' order. */
export interface Baseline {
  /** Its task data, row i being the current predictions' row i. */
  data: TaskData;
  /** The files read (a glob's, in order): what `sha256` is of. */
  files: string[];
}

/** Loads `path` as the baseline of `current` (read with `spec`'s columns) and pairs its rows with current's. */
export async function loadBaseline(
  current: Loaded,
  spec: LoadSpec,
  path: string,
  keyColumn: string | undefined,
): Promise<Baseline> {
  const loaded = await asBaselineInput(() =>
    loadPredictions({ ...spec, predictions: path, task: current.task, sliceColumns: [] }),
  );
  let data: TaskData = loaded;
  let describeRow = (i: number) => `data row ${i + 1}`;
  if (keyColumn) {
    const [ours, theirs] = [
      await readKeys(spec.predictions, keyColumn, 'predictions'),
      await readKeys(path, keyColumn, 'baseline-predictions'),
    ];
    const rowOf = matchKeys(ours, theirs, keyColumn);
    data = inOrder(loaded, rowOf);
    const keys = ours.index.keys;
    const pairedRows = rowOf;
    describeRow = (i) =>
      `the row with ${keyColumn} ${JSON.stringify(keys.text(i))} (data row ${i + 1} of the predictions, ${pairedRows[i]! + 1} of the baseline)`;
  } else if (loaded.rows !== current.rows) {
    throw new UserError(
      `holds ${rowCount(loaded.rows)} and the predictions ${rowCount(current.rows)}; ` +
        'without key-column the rows are paired by position, so both files must hold the same rows in the same order. ' +
        'Set key-column to pair them by an id column.',
      { input: 'baseline-predictions', file: fileName(loaded.files, path) },
    );
  }
  checkSameLabels(current, data, describeRow, keyColumn !== undefined, fileName(loaded.files, path));
  return { data, files: loaded.files };
}

const rowCount = (n: number) => `${thousands(n)} row${n === 1 ? '' : 's'}`;

function fileName(files: string[], path: string): string {
  return files.length === 1 ? files[0]! : path;
}

/** Errors about the file read as the baseline name the input `baseline-predictions`, not `predictions`. */
async function asBaselineInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUserError(e) && e.location.input === 'predictions')
      throw new UserError(e.message, { ...e.location, input: 'baseline-predictions' });
    throw e;
  }
}

interface Keys {
  /** The key of each data row, found by key through `index`. */
  index: KeyIndex;
  file: string;
  input: string;
}

async function readKeys(path: string, keyColumn: string, input: string): Promise<Keys> {
  const source = await openTable(path, { input });
  const file = source.files.length === 1 ? source.files[0]! : path;
  if (!source.columns.includes(keyColumn))
    throw inputError(
      'key-column',
      `no column '${keyColumn}' in ${file} (${input}); the columns are: ${source.columns.join(', ')}`,
      {
        field: keyColumn,
      },
    );
  const keys = await readKeyColumn(source, keyColumn, { input });
  const index = new KeyIndex(keys, SHOWN);
  if (index.repeated) {
    const twice = index.repeats.map(
      ([row, first]) => `${JSON.stringify(keys.text(row))} (data rows ${first + 1} and ${row + 1})`,
    );
    throw new UserError(
      `${thousands(index.repeated)} row(s) of ${file} repeat a key of column '${keyColumn}': ${twice.join(', ')}${index.repeated > SHOWN ? ', …' : ''}; ` +
        'each key must occur once on each side to pair the rows.',
      { input, file, field: keyColumn },
    );
  }
  return { index, file, input };
}

/** For each current row, the baseline row with its key; every key must be on both sides. */
function matchKeys(ours: Keys, theirs: Keys, keyColumn: string): Uint32Array {
  const oursKeys: KeyColumn = ours.index.keys;
  const theirKeys: KeyColumn = theirs.index.keys;
  const rowOf = new Uint32Array(oursKeys.length);
  const missing: string[] = [];
  let missingCount = 0;
  const used = new Uint8Array(theirKeys.length);
  for (let row = 0; row < oursKeys.length; row++) {
    const r = theirs.index.rowOf(oursKeys, row);
    if (r < 0) {
      if (missingCount++ < SHOWN) missing.push(JSON.stringify(oursKeys.text(row)));
      continue;
    }
    rowOf[row] = r;
    used[r] = 1;
  }
  const extra: string[] = [];
  let extraCount = 0;
  for (let r = 0; r < used.length; r++)
    if (!used[r] && extraCount++ < SHOWN) extra.push(JSON.stringify(theirKeys.text(r)));
  if (missingCount || extraCount) {
    const side = (count: number, shown: string[], from: Keys, other: Keys) =>
      `${thousands(count)} key(s) of ${from.file} (${from.input}) are not in ${other.file}: ${shown.join(', ')}${count > SHOWN ? ', …' : ''}`;
    const parts = [
      ...(missingCount ? [side(missingCount, missing, ours, theirs)] : []),
      ...(extraCount ? [side(extraCount, extra, theirs, ours)] : []),
    ];
    throw new UserError(`${parts.join('; ')}. Both files must hold the same rows, each key once on each side.`, {
      input: 'key-column',
      field: keyColumn,
    });
  }
  return rowOf;
}

function gather<T extends Float64Array | Int32Array>(values: T, rowOf: Uint32Array): T {
  const out = new (values.constructor as { new (n: number): T })(rowOf.length);
  for (let i = 0; i < rowOf.length; i++) out[i] = values[rowOf[i]!]!;
  return out;
}

/** The task data with row i taken from row rowOf[i]. */
function inOrder(t: TaskData, rowOf: Uint32Array): TaskData {
  if (t.task === 'regression')
    return { task: t.task, data: { truth: gather(t.data.truth, rowOf), predicted: gather(t.data.predicted, rowOf) } };
  if (t.task === 'binary') {
    const d: BinaryData = {
      labels: t.data.labels,
      positive: t.data.positive,
      truth: gather(t.data.truth, rowOf),
      predicted: gather(t.data.predicted, rowOf),
    };
    if (t.data.score) d.score = gather(t.data.score, rowOf);
    return { task: t.task, data: d };
  }
  const d: MulticlassData = {
    labels: t.data.labels,
    truth: gather(t.data.truth, rowOf),
    predicted: gather(t.data.predicted, rowOf),
  };
  if (t.data.proba) d.proba = t.data.proba.map((p) => gather(p, rowOf));
  return { task: t.task, data: d };
}

/** The first paired row whose true label (or value) differs, as an error naming it on both sides. */
function checkSameLabels(
  current: TaskData,
  baseline: TaskData,
  describeRow: (i: number) => string,
  byKey: boolean,
  baselineFile: string,
): void {
  const n = current.data.truth.length;
  let differs = -1;
  let ours = '',
    theirs = '';
  if (current.task === 'regression' || baseline.task === 'regression') {
    const a = current.data.truth,
      b = baseline.data.truth;
    for (let i = 0; i < n && differs < 0; i++)
      if (a[i] !== b[i]) [differs, ours, theirs] = [i, String(a[i]), String(b[i])];
  } else {
    const a = current.data,
      b = baseline.data as typeof a;
    // the baseline's label codes in the current's dictionary (-1: a label the current file does not have)
    const index = new Map(a.labels.map((l, c) => [l, c]));
    const code = Int32Array.from(b.labels, (l) => index.get(l) ?? -1);
    for (let i = 0; i < n; i++)
      if (code[b.truth[i]!] !== a.truth[i]) {
        [differs, ours, theirs] = [i, a.labels[a.truth[i]!]!, b.labels[b.truth[i]!]!];
        break;
      }
  }
  if (differs < 0) return;
  throw new UserError(
    `the true labels differ at ${describeRow(differs)}: ${JSON.stringify(ours)} in the predictions, ${JSON.stringify(theirs)} in the baseline. ` +
      (byKey
        ? 'Paired rows must hold the same label.'
        : 'Without key-column the rows are paired by position: both files must hold the same rows in the same order, or set key-column.'),
    { input: 'baseline-predictions', file: baselineFile },
  );
}
