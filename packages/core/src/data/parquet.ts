/**
 * Parquet reader over hyparquet (+ hyparquet-compressors for gzip, zstd, brotli, lz4). Reads one row group at a
 * time through a file-backed AsyncBuffer, so memory holds one row group of the selected columns, never the file.
 * Cells: numbers, booleans, strings; INT64 as a number when it is exact, else its decimal text; DATE as
 * `YYYY-MM-DD`; timestamps as ISO 8601 text; nested values as JSON text; null.
 */
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import type { FileMetaData, ParquetParsers } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { fileError } from '../errors.ts';
import type { FileTable } from './file-table.ts';
import { isGzip, readError } from './gzip.ts';
import type { Batch, Cell } from './types.ts';
import { runnerTemp } from '../runner/environment.ts';

/** Dates and timestamps straight to text, so no Date object is made per cell. */
const parsers: Partial<ParquetParsers> = {
  dateFromDays: (days: number) => isoDate(days * 86_400_000).slice(0, 10),
  timestampFromMilliseconds: (ms: bigint) => isoDate(Number(ms)),
  timestampFromMicroseconds: (us: bigint) => isoDate(Number(us / 1000n)),
  timestampFromNanoseconds: (ns: bigint) => isoDate(Number(ns / 1_000_000n)),
};

/** Opens a Parquet file (a `.parquet.gz` is first gunzipped to a temporary file: Parquet needs random access). */
export async function openParquet(path: string, display: string): Promise<FileTable> {
  const local = isGzip(path) ? await gunzipToTemp(path, display) : path;
  const file = await asyncBufferFromFile(local).catch((e: unknown) => {
    throw readError(e, display);
  });
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw fileError(`not a valid Parquet file (${(e as Error).message})`, display);
  }
  const columns = parquetSchema(metadata).children.map((child) => child.element.name);
  if (Number(metadata.num_rows) === 0) throw fileError('the file has no data rows', display);
  return {
    file: display,
    columns,
    batches: (select, batchSize) => parquetBatches(file, metadata, display, columns, select, batchSize),
  };
}

async function* parquetBatches(
  file: Awaited<ReturnType<typeof asyncBufferFromFile>>,
  metadata: FileMetaData,
  display: string,
  columns: string[],
  select: number[],
  batchSize: number,
): AsyncGenerator<Batch> {
  const names = select.map((i) => columns[i]!);
  const unique = [...new Set(names)];
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupRows = Number(group.num_rows);
    const cells = new Map<string, Cell[]>(unique.map((name) => [name, new Array<Cell>(groupRows)]));
    try {
      await parquetRead({
        file,
        metadata,
        columns: unique,
        rowStart: groupStart,
        rowEnd: groupStart + groupRows,
        compressors,
        parsers,
        onChunk({ columnName, columnData, rowStart }) {
          const out = cells.get(columnName);
          if (!out) return;
          const offset = rowStart - groupStart;
          for (let i = 0; i < columnData.length; i++) out[offset + i] = toCell(columnData[i]);
        },
      });
    } catch (e) {
      throw fileError(`cannot read the Parquet data (${(e as Error).message})`, display);
    }
    for (let r = 0; r < groupRows; r += batchSize) {
      const length = Math.min(batchSize, groupRows - r);
      const columnsOut = names.map((name) => cells.get(name)!.slice(r, r + length));
      const start = groupStart + r;
      yield { start, length, columns: columnsOut, file: display, fileStart: start };
    }
    groupStart += groupRows;
  }
}

/** A decoded Parquet value as a cell. */
function toCell(value: unknown): Cell {
  switch (typeof value) {
    case 'number':
    case 'string':
    case 'boolean':
      return value;
    case 'bigint':
      return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value.toString();
    case 'undefined':
      return null;
    default:
      if (value === null) return null;
      if (value instanceof Date) return isoDate(value.getTime());
      if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
      return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  }
}

/** ISO 8601 text of a time in ms; the number itself when it is beyond what Date can show. */
function isoDate(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

const TEMP_DIRS = new Set<string>();

/** Gunzips to a temporary file, removed when the process exits. */
async function gunzipToTemp(path: string, display: string): Promise<string> {
  const dir = await mkdtemp(join(runnerTemp(), 'modelgate-parquet-'));
  const target = join(dir, 'data.parquet');
  if (TEMP_DIRS.size === 0)
    process.once('exit', () => TEMP_DIRS.forEach((d) => rmSync(d, { recursive: true, force: true })));
  TEMP_DIRS.add(dir);
  try {
    await pipeline(createReadStream(path), createGunzip(), createWriteStream(target));
  } catch (e) {
    throw readError(e, display);
  }
  return target;
}
