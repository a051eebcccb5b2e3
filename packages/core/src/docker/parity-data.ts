/**
 * The rows package-docker replays against the built image (serving parity): read with the data readers, sampled
 * deterministically, each feature column typed once for Open Inference Protocol v2 (FP64, INT64, BOOL, BYTES).
 */
import { inputError } from '../errors.ts';
import { inert } from '../log.ts';
import { openTable } from '../data/open.ts';
import { detach } from '../data/detach.ts';
import type { Cell } from '../data/types.ts';
import { seededUniform } from '../metrics/random.ts';

/** One `parity-outputs` line: a column of parity-data paired with an output tensor of the server's response. */
export interface ParityOutput {
  column: string;
  tensor: string;
}

/** Parses `parity-outputs`: lines (or comma-separated items) `<column>: <output tensor>`. */
export function parseParityOutputs(raw: string): ParityOutput[] {
  const items = raw
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#'));
  const outputs = items.map((item, i) => {
    const m = /^([^:]+?)\s*:\s*(\S.*)$/.exec(item);
    if (!m)
      throw inputError(
        'parity-outputs',
        `item ${i + 1} ${JSON.stringify(item)} is not \`<column>: <output tensor>\` (e.g. \`score: churn_probability\`).`,
      );
    return { column: m[1]!.trim(), tensor: m[2]!.trim() };
  });
  if (outputs.length === 0)
    throw inputError('parity-outputs', 'is empty; give at least one `<column>: <output>` line.');
  const seen = new Set<string>();
  for (const o of outputs) {
    if (seen.has(o.tensor))
      throw inputError('parity-outputs', `the output ${JSON.stringify(o.tensor)} is paired twice.`);
    seen.add(o.tensor);
  }
  return outputs;
}

/** An Open Inference Protocol v2 tensor datatype for a feature column. */
export type FeatureType = 'FP64' | 'INT64' | 'BOOL' | 'BYTES';

/** A value sent in a request (null for a missing cell). */
export type SentValue = number | boolean | string | null;

/** The sampled rows, column by column. */
export interface ParityRows {
  file: string;
  /** 1-based data rows of parity-data (the header is not a row), ascending. */
  rowNumbers: number[];
  features: { name: string; type: FeatureType; values: SentValue[] }[];
  /** The offline value of each output, per row (as read: CSV gives text). */
  expected: { column: string; tensor: string; values: Cell[] }[];
  /** Data rows in the file (the sample is drawn from these). */
  totalRows: number;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A cell as a number when it is one (JSONL/Parquet numbers, CSV numeric text); undefined otherwise. */
export function asNumber(cell: Cell): number | undefined {
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'string' && NUMBER.test(cell.trim())) return Number(cell);
  return undefined;
}

function typeOf(values: Cell[]): FeatureType {
  const present = values.filter((v) => v !== null && v !== '');
  if (present.length === 0) return 'BYTES';
  if (present.every((v) => typeof v === 'boolean' || v === 'true' || v === 'false')) return 'BOOL';
  const numbers = present.map(asNumber);
  if (numbers.every((n) => n !== undefined)) return numbers.every((n) => Number.isSafeInteger(n)) ? 'INT64' : 'FP64';
  return 'BYTES';
}

function toSent(cell: Cell, type: FeatureType): SentValue {
  if (cell === null || cell === '') return null;
  switch (type) {
    case 'BOOL':
      return cell === true || cell === 'true';
    case 'INT64':
    case 'FP64':
      return asNumber(cell) ?? null;
    case 'BYTES':
      return String(cell);
  }
}

/** Opens parity-data and checks its columns before anything is built: a missing column is a named error. */
export async function openParityData(
  path: string,
  outputs: ParityOutput[],
  features: string[] | undefined,
): Promise<{ columns: string[]; features: string[]; file: string }> {
  const table = await openTable(path, { input: 'parity-data' });
  const file = table.files[0] ?? path;
  const missing = (list: string[], input: string) => {
    const absent = list.filter((c) => !table.columns.includes(c));
    if (absent.length)
      throw inputError(
        input,
        `no column ${absent.map((c) => `'${c}'`).join(', ')} in ${file}; its columns are: ${inert(table.columns.join(', '))}.`,
        { file, field: absent[0] },
      );
  };
  missing(
    outputs.map((o) => o.column),
    'parity-outputs',
  );
  if (features) missing(features, 'parity-features');
  const outputColumns = new Set(outputs.map((o) => o.column));
  const sent = features ?? table.columns.filter((c) => !outputColumns.has(c) && c !== 'label');
  if (sent.length === 0) throw inputError('parity-features', `no feature column left to send in ${file}.`);
  return { columns: table.columns, features: sent, file };
}

/**
 * Reads up to `limit` rows of parity-data: all of them when the file has no more, else a uniform sample
 * (reservoir sampling with a fixed seed, so a rerun replays the same rows), in file order.
 */
export async function readParityRows(
  path: string,
  outputs: ParityOutput[],
  featureNames: string[] | undefined,
  limit: number,
): Promise<ParityRows> {
  const opened = await openParityData(path, outputs, featureNames);
  const columns = [...opened.features, ...outputs.map((o) => o.column)];
  const table = await openTable(path, { input: 'parity-data', columns });
  const random = seededUniform(0x5eed);
  const kept: { row: number; cells: Cell[] }[] = [];
  let seen = 0;
  for await (const batch of table.batches()) {
    for (let r = 0; r < batch.length; r++) {
      const slot = seen < limit ? seen : Math.floor(random() * (seen + 1));
      seen++;
      if (slot >= limit) continue;
      const cells = batch.columns.map((col) => {
        const v = col[r] ?? null;
        return typeof v === 'string' ? detach(v) : v;
      });
      kept[slot] = { row: batch.start + r + 1, cells };
    }
  }
  kept.sort((a, b) => a.row - b.row);
  const nf = opened.features.length;
  return {
    file: opened.file,
    totalRows: seen,
    rowNumbers: kept.map((k) => k.row),
    features: opened.features.map((name, c) => {
      const raw = kept.map((k) => k.cells[c] ?? null);
      const type = typeOf(raw);
      return { name, type, values: raw.map((v) => toSent(v, type)) };
    }),
    expected: outputs.map((o, i) => ({ ...o, values: kept.map((k) => k.cells[nf + i] ?? null) })),
  };
}
