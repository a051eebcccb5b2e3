/**
 * What each format's reader gives the table that openTable builds: one file, its columns, and passes over its
 * rows. The table (data/open) chains the files of a glob and numbers rows across them.
 */
import type { Batch } from './types.ts';
import type { RowBlock } from './csv-tokenizer.ts';

/** Rows tokenized but not converted: `block` holds field offsets into `bytes` (CSV and TSV only). */
export interface TextBlock {
  /** The raw bytes (UTF-8) the offsets point into; one chunk's bytes serve several consecutive blocks. */
  bytes: Buffer;
  /** Reused by the next block: read it before asking for the next one. */
  block: RowBlock;
  /** 0-based index, within the file, of the block's first row. */
  fileStart: number;
}

/** Takes plain rows of bytes[pos, limit) (complete lines) until one it cannot take (data/csv-typed-scan). */
export interface FastRows {
  scan(bytes: Buffer, pos: number, limit: number, delimiter: number): { pos: number; rows: number; lines: number };
}

/** One data file, opened. */
export interface FileTable {
  /** The file as the user named it or as the glob matched it (relative to the working directory). */
  file: string;
  columns: string[];
  /** Size in bytes (uncompressed) when known without reading: lets data/columns size its arrays once. */
  bytes?: number;
  /** A new pass over the file: batches of the columns at `select` (indices into `columns`). `start` is 0 at the
   * file's first row; the table offsets it. */
  batches(select: number[], batchSize: number): AsyncGenerator<Batch>;
  /**
   * CSV and TSV: a new pass that yields tokenized rows without creating strings (data/columns' fast path). With
   * `fast`, plain rows go straight to it (data/csv-typed-scan) and only the rows it cannot take are yielded.
   */
  blocks?(fast?: FastRows): AsyncGenerator<TextBlock>;
}

/** Rows per batch when the caller does not say. */
export const DEFAULT_BATCH_SIZE = 65_536;
