/** Test helpers for the data readers: temporary files and reading a whole table into plain arrays. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Cell, TableSource } from '@modelgate/core/data/types';
import { UserError } from '@modelgate/core/errors';

/** A fresh temporary directory for one test file. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'modelgate-data-'));
}

/** Writes `content` (gzipped when the name ends in .gz) into `dir` and returns the path. */
export function writeData(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  writeFileSync(path, name.endsWith('.gz') ? gzipSync(bytes) : bytes);
  return path;
}

/** Every row of the table as arrays of cells, plus the batch sizes seen. */
export async function readAll(
  table: TableSource,
): Promise<{ rows: Cell[][]; batchLengths: number[]; starts: number[] }> {
  const rows: Cell[][] = [];
  const batchLengths: number[] = [];
  const starts: number[] = [];
  for await (const batch of table.batches()) {
    batchLengths.push(batch.length);
    starts.push(batch.start);
    for (let r = 0; r < batch.length; r++) rows.push(batch.columns.map((column) => column[r]!));
  }
  return { rows, batchLengths, starts };
}

/** The UserError `work` rejects with (fails the test when it resolves or throws something else). */
export async function userError(work: () => Promise<unknown>): Promise<UserError> {
  try {
    await work();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError, but the call succeeded');
}
