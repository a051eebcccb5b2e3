/**
 * The shape every data reader produces, whatever the format (CSV, TSV, JSONL, Parquet, gzip or not).
 * Readers stream: a table is a sequence of column-oriented batches, so memory does not grow with the file.
 */

/**
 * One cell. CSV/TSV give strings (an empty cell is null); JSONL and Parquet give their typed values.
 * A string may share memory with the reader's text buffer: copy it with `detach()` (data/detach) before keeping
 * a few of them for long (top values, examples), or each kept string pins a whole buffer.
 */
export type Cell = string | number | boolean | null;

/** A run of consecutive rows, one array per column (same order as `TableSource.columns`). */
export interface Batch {
  /** 0-based index, in the whole table (across all files of a glob), of this batch's first row. */
  start: number;
  /** Number of rows in the batch; every column array has this length. */
  length: number;
  /** `columns[i][r]` is the cell of column i in row `start + r`. */
  columns: Cell[][];
  /** The file these rows come from: a batch never spans two files of a glob. */
  file?: string;
  /** 0-based index, within `file`, of this batch's first row (its 1-based data row is `fileStart + r + 1`). */
  fileStart?: number;
  /** 1-based physical line in `file` where each row starts (CSV, TSV, JSONL; absent for Parquet). */
  lines?: Int32Array;
}

/** Where the rows of a table come from. */
export interface TableSource {
  /** The files read, in order (a glob expands to several). */
  files: string[];
  /** Column names, as in the header / schema, identical for every file. */
  columns: string[];
  /** Streams the rows. Each call starts a new pass over the files. */
  batches(): AsyncIterable<Batch>;
}

/** Options every reader accepts. */
export interface ReadOptions {
  /** Rows per batch (default 65,536). */
  batchSize?: number;
  /** Only these columns (by name); default all. Unknown names are a UserError listing the columns that exist. */
  columns?: string[];
  /** The action input the path came from, for error messages (e.g. `predictions`). */
  input?: string;
}
