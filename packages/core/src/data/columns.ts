/**
 * readColumns: the chosen columns of a table in compact typed storage, read in one streaming pass. Numbers become a
 * Float64Array, categories (labels, predicted classes, slice groups) dictionary codes: no object per row, so
 * 2,000,000 rows of 4 columns take ~50 MB. CSV and TSV files take a fast path that parses numbers and looks up
 * categories straight from the bytes: plain rows in one pass that steps over the columns not asked for
 * (data/csv-typed-scan), the rest through the tokenizer's offsets (data/csv-tokenizer, data/column-sinks).
 */
import { UserError } from '../errors.ts';
import { CategorySink, NumberSink } from './column-sinks.ts';
import { TypedRowScanner } from './csv-typed-scan.ts';
import { KeySink, type KeyColumn } from './key-column.ts';
import { tableParts, withInput } from './open.ts';
import type { TableSource } from './types.ts';

/**
 * How to read a column. `number`: finite numbers (an empty or non-numeric cell is an error). `category`: any value as
 * text, numbers and booleans normalised (see categoryText). The `-or-null` kinds accept empty cells: NaN for
 * numbers, code -1 for categories.
 */
export type ColumnKind = 'number' | 'number-or-null' | 'category' | 'category-or-null';

export interface NumberColumn {
  name: string;
  kind: 'number' | 'number-or-null';
  /** One value per row. */
  values: Float64Array;
}

export interface CategoryColumn {
  name: string;
  kind: 'category' | 'category-or-null';
  /** One code per row: an index into `values`, or -1 for an empty cell. */
  codes: Int32Array;
  /** The distinct values in order of first appearance. */
  values: string[];
}

export type TypedColumn = NumberColumn | CategoryColumn;

/** The columns read by readColumns, in the order asked for. */
export class TypedColumns {
  readonly rows: number;
  readonly files: string[];
  readonly columns: TypedColumn[];

  constructor(rows: number, files: string[], columns: TypedColumn[]) {
    this.rows = rows;
    this.files = files;
    this.columns = columns;
  }

  /** The values of a column read as `number` or `number-or-null`. */
  number(name: string): Float64Array {
    const column = this.columns.find((c) => c.name === name);
    if (!column || 'codes' in column) throw new Error(`column '${name}' was not read as a number`);
    return column.values;
  }

  /** The codes and distinct values of a column read as `category` or `category-or-null`. */
  category(name: string): CategoryColumn {
    const column = this.columns.find((c) => c.name === name);
    if (!column || !('codes' in column)) throw new Error(`column '${name}' was not read as a category`);
    return column;
  }
}

/** Reads `names` (with `kinds[i]` for `names[i]`) from every row of `source` into typed columns. */
export async function readColumns(
  source: TableSource,
  names: string[],
  kinds: ColumnKind[],
  options: { input?: string } = {},
): Promise<TypedColumns> {
  if (kinds.length !== names.length) throw new Error('readColumns needs one kind per column name');
  const input = options.input ?? tableParts(source)?.input;
  checkColumns(source, names, input);
  const sinks = names.map((name, i) => {
    const kind = kinds[i]!;
    return kind === 'number' || kind === 'number-or-null'
      ? new NumberSink(name, kind === 'number-or-null')
      : new CategorySink(name, kind === 'category-or-null');
  });
  await withInput(input, () => fill(source, names, sinks));
  const rows = sinks[0]?.length ?? 0;
  const columns: TypedColumn[] = sinks.map((sink, i) =>
    sink instanceof NumberSink
      ? { name: names[i]!, kind: sink.orNull ? 'number-or-null' : 'number', values: sink.values.subarray(0, rows) }
      : {
          name: names[i]!,
          kind: sink.orNull ? 'category-or-null' : 'category',
          codes: sink.values.subarray(0, rows),
          values: sink.dictionary.values,
        },
  );
  return new TypedColumns(rows, source.files, columns);
}

/**
 * Reads the keys of column `name` (evaluate-model's key-column) as text bytes, without a string per row
 * (data/key-column). An empty cell is an error, as in a `category` column.
 */
export async function readKeyColumn(
  source: TableSource,
  name: string,
  options: { input?: string } = {},
): Promise<KeyColumn> {
  const input = options.input ?? tableParts(source)?.input;
  checkColumns(source, [name], input);
  const sink = new KeySink(name);
  await withInput(input, () => fill(source, [name], [sink]));
  return sink.keys;
}

/** A UserError naming the columns of `names` that `source` does not have, and the ones it has. */
function checkColumns(source: TableSource, names: string[], input: string | undefined): void {
  const missing = names.filter((name) => !source.columns.includes(name));
  if (missing.length > 0)
    throw new UserError(
      `no column ${missing.map((m) => `'${m}'`).join(', ')} in the data; the columns are: ${source.columns.join(', ')}`,
      { input, file: source.files[0], field: missing[0] },
    );
}

/** One pass: CSV/TSV files of an openTable table through the byte fast path, everything else through batches. */
async function fill(
  source: TableSource,
  names: string[],
  sinks: (NumberSink | CategorySink | KeySink)[],
): Promise<void> {
  const parts = tableParts(source)?.parts;
  if (!parts) {
    const select = names.map((name) => source.columns.indexOf(name));
    for await (const batch of source.batches()) {
      const origin = {
        file: batch.file ?? source.files[0] ?? '',
        fileStart: batch.fileStart ?? batch.start,
        lines: batch.lines,
      };
      sinks.forEach((sink, k) => sink.addCells(batch.columns[select[k]!]!, batch.length, origin));
    }
    return;
  }
  const totalBytes = parts.every((p) => p.bytes !== undefined) ? parts.reduce((sum, p) => sum + p.bytes!, 0) : 0;
  let estimated = totalBytes === 0;
  /** Rows in all files from the bytes per row of the first rows, plus 3%: one allocation per column. */
  const estimate = (bytesPerRow: number, rows: number) => {
    if (estimated) return;
    estimated = true;
    const total = Math.ceil((totalBytes / Math.max(bytesPerRow, 1)) * 1.03) + 1024;
    if (rows > 100) for (const sink of sinks) sink.expect(total);
  };
  for (const part of parts) {
    const select = names.map((name) => part.columns.indexOf(name));
    if (part.blocks) {
      const planned = select.flatMap((column, k) => {
        const sink = sinks[k]!;
        if (sink instanceof KeySink) return [];
        return [{ column, sink, kind: sink instanceof NumberSink ? ('number' as const) : ('category' as const) }];
      });
      // plain rows are parsed in one pass over the bytes (data/csv-typed-scan); the tokenizer takes the others, and
      // every row when a key column is read (its sink takes the tokenizer's offsets)
      const fast =
        planned.length === sinks.length && TypedRowScanner.suits(planned)
          ? new TypedRowScanner(part.columns.length, planned, (perRow, rows) => estimate(perRow, rows))
          : undefined;
      for await (const { bytes, block, fileStart } of part.blocks(fast)) {
        if (!estimated) {
          const last = (block.rows - 1) * block.stride;
          estimate((block.ends[last + block.stride - 1]! - block.starts[0]! + 1) / block.rows, block.rows);
        }
        const origin = { file: part.file, fileStart };
        for (let k = 0; k < sinks.length; k++) sinks[k]!.addBlock(bytes, block, select[k]!, origin);
      }
    } else {
      for await (const batch of part.batches(select, 65_536)) {
        const origin = { file: part.file, fileStart: batch.fileStart ?? batch.start, lines: batch.lines };
        for (let k = 0; k < sinks.length; k++) sinks[k]!.addCells(batch.columns[k]!, batch.length, origin);
      }
    }
  }
}
