/**
 * openTable: the one entry point to read a data input. A path or glob becomes one table: every file of a glob is
 * read in sorted order, and all must have the same columns.
 */
import { UserError, isUserError } from '../errors.ts';
import { openCsv } from './csv.ts';
import { openJsonl } from './jsonl.ts';
import { DEFAULT_BATCH_SIZE, type FileTable } from './file-table.ts';
import { formatOf } from './format.ts';
import { expandPath } from './glob.ts';
import type { Batch, ReadOptions, TableSource } from './types.ts';

/** Opens a CSV, TSV, JSONL or Parquet file (gzip too), or a glob of them, as one streaming table. */
export async function openTable(pathOrGlob: string, options: ReadOptions = {}): Promise<TableSource> {
  const { input } = options;
  return withInput(input, async () => {
    const files = await expandPath(pathOrGlob, input);
    const parts: FileTable[] = [];
    for (const file of files) parts.push(await openFile(file));
    const first = parts[0]!;
    for (const part of parts.slice(1)) checkSameColumns(first, part);
    const columns = options.columns ?? first.columns;
    const missing = columns.filter((name) => !first.columns.includes(name));
    if (missing.length > 0) {
      throw new UserError(
        `no column ${missing.map((m) => `'${m}'`).join(', ')} in the data; the columns are: ${first.columns.join(', ')}`,
        { input, file: first.file, field: missing[0] },
      );
    }
    const table = new Table(parts, columns, options.batchSize ?? DEFAULT_BATCH_SIZE, input);
    PARTS.set(table, { parts, input });
    return table;
  });
}

/** The opened files behind a table made by openTable, and its input (for data/columns); undefined otherwise. */
export function tableParts(source: TableSource): { parts: FileTable[]; input: string | undefined } | undefined {
  return PARTS.get(source);
}

const PARTS = new WeakMap<TableSource, { parts: FileTable[]; input: string | undefined }>();

async function openFile(file: string): Promise<FileTable> {
  const format = formatOf(file);
  switch (format) {
    case 'csv':
      return openCsv(file, file, ',');
    case 'tsv':
      return openCsv(file, file, '\t');
    case 'jsonl':
      return openJsonl(file, file);
    case 'parquet': {
      // Loaded on demand: hyparquet-compressors instantiates WebAssembly on import, a cost CSV runs should not pay.
      const { openParquet } = await import('./parquet.ts');
      return openParquet(file, file);
    }
  }
}

/** Files of one glob must agree on their columns (order may differ: columns are matched by name). */
function checkSameColumns(first: FileTable, other: FileTable): void {
  const a = new Set(first.columns);
  const b = new Set(other.columns);
  const onlyFirst = first.columns.filter((c) => !b.has(c));
  const onlyOther = other.columns.filter((c) => !a.has(c));
  if (onlyFirst.length === 0 && onlyOther.length === 0) return;
  const parts: string[] = [];
  if (onlyFirst.length > 0) parts.push(`only in ${first.file}: ${onlyFirst.join(', ')}`);
  if (onlyOther.length > 0) parts.push(`only in ${other.file}: ${onlyOther.join(', ')}`);
  throw new UserError(
    `the files ${first.file} and ${other.file} have different columns (${parts.join('; ')}); ` +
      'every file of a glob must have the same columns',
    { file: other.file },
  );
}

/** The files of a glob chained into one table; row numbers (`start`) run across files. */
class Table implements TableSource {
  readonly files: string[];
  readonly columns: string[];
  readonly #parts: FileTable[];
  readonly #batchSize: number;
  readonly #input: string | undefined;

  constructor(parts: FileTable[], columns: string[], batchSize: number, input: string | undefined) {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be >= 1, got ${batchSize}`);
    this.#parts = parts;
    this.files = parts.map((p) => p.file);
    this.columns = columns;
    this.#batchSize = batchSize;
    this.#input = input;
  }

  async *batches(): AsyncGenerator<Batch> {
    let offset = 0;
    for (const part of this.#parts) {
      const select = this.columns.map((name) => part.columns.indexOf(name));
      const iterator = part.batches(select, this.#batchSize);
      let rows = 0;
      try {
        for (;;) {
          const next = await withInput(this.#input, () => iterator.next());
          if (next.done) break;
          const batch = next.value;
          batch.start = offset + batch.start;
          rows = batch.start - offset + batch.length;
          yield batch;
        }
      } finally {
        await iterator.return(undefined);
      }
      offset += rows;
    }
  }
}

/** Runs `work`, adding the action input to any UserError that does not name one. */
export async function withInput<T>(input: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (input && isUserError(e) && !e.location.input) e.location.input = input;
    throw e;
  }
}
