/**
 * JSON Lines reader (`.jsonl`, `.ndjson`): one JSON object per line, blank lines skipped. The keys of the first row
 * are the columns; a later row may leave a key out (null) but may not add one. Strings, numbers, booleans and null
 * are kept; nested objects and arrays become their JSON text.
 */
import { fileError } from '../errors.ts';
import { ChunkReader } from './byte-chunks.ts';
import type { FileTable } from './file-table.ts';
import type { Batch, Cell } from './types.ts';

/** A longer line is almost surely not JSON Lines (a whole JSON document on one line); failing keeps memory bounded. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** Opens a JSON Lines file: its first row names the columns. */
export async function openJsonl(path: string, display: string): Promise<FileTable> {
  let columns: string[] | undefined;
  const lines = jsonlLines(path, display);
  try {
    for await (const { text, firstLine } of lines) {
      const found = firstRow(text, firstLine, display);
      if (found) {
        columns = Object.keys(found);
        break;
      }
    }
  } finally {
    await lines.return(undefined);
  }
  if (!columns) throw fileError('the file has no data rows: expected one JSON object per line', display);
  if (columns.length === 0) throw fileError('the first row is an empty object: its keys name the columns', display);
  const names = columns;
  return { file: display, columns: names, batches: (select, size) => jsonlBatches(path, display, names, select, size) };
}

/** Complete lines of the file, a chunk at a time, with the 1-based number of the chunk's first line. */
async function* jsonlLines(path: string, display: string): AsyncGenerator<{ text: string; firstLine: number }> {
  const reader = new ChunkReader(path, display);
  let carry: Uint8Array = new Uint8Array(0);
  let firstLine = 1;
  try {
    for (;;) {
      const bytes = await reader.next(carry);
      if (!bytes) break;
      const end = bytes.lastIndexOf(10) + 1;
      carry = bytes.subarray(end);
      if (carry.length > MAX_LINE_BYTES) {
        throw fileError(
          `line ${firstLine} is longer than ${MAX_LINE_BYTES} bytes: expected one JSON object per line`,
          display,
          {
            line: firstLine,
          },
        );
      }
      if (end === 0) continue;
      const text = bytes.toString('utf8', 0, end);
      yield { text, firstLine };
      firstLine += countLines(text);
    }
    if (carry.length > 0) yield { text: Buffer.from(carry).toString('utf8'), firstLine };
  } finally {
    await reader.close();
  }
}

/** The first non-blank line of `text` as an object, or undefined when every line is blank. */
function firstRow(text: string, firstLine: number, display: string): Record<string, unknown> | undefined {
  let line = firstLine;
  for (let p = 0; p < text.length; line++) {
    let e = text.indexOf('\n', p);
    if (e === -1) e = text.length;
    const source = text.slice(p, e);
    p = e + 1;
    if (source.trim() !== '') return parseLine(source, line, display);
  }
  return undefined;
}

async function* jsonlBatches(
  path: string,
  display: string,
  columns: string[],
  select: number[],
  batchSize: number,
): AsyncGenerator<Batch> {
  const index = new Map(columns.map((name, i) => [name, i]));
  // Where each file column goes in the batch (-1: not selected).
  const target = columns.map((_, i) => select.indexOf(i));
  const empty = () => select.map(() => new Array<Cell>(batchSize).fill(null));
  let cells = empty();
  let lines = new Int32Array(batchSize);
  let fill = 0;
  let fileStart = 0;
  for await (const { text, firstLine } of jsonlLines(path, display)) {
    let line = firstLine;
    for (let p = 0; p < text.length; line++) {
      let e = text.indexOf('\n', p);
      if (e === -1) e = text.length;
      const source = text.slice(p, e);
      p = e + 1;
      // Blank (or whitespace-only) lines are skipped; a line starting with '{' needs no trim to tell.
      if (source.charCodeAt(0) !== 123 && source.trim() === '') continue;
      const row = parseLine(source, line, display);
      for (const key in row) {
        const column = index.get(key);
        if (column === undefined) {
          throw fileError(
            `line ${line} has the key '${key}', which the first row does not have; the first row's keys name the ` +
              `columns (${columns.join(', ')})`,
            display,
            { line, field: key },
          );
        }
        const k = target[column]!;
        if (k >= 0) cells[k]![fill] = toCell(row[key]);
      }
      lines[fill] = line;
      if (++fill === batchSize) {
        yield { start: fileStart, length: fill, columns: cells, file: display, fileStart, lines };
        fileStart += fill;
        fill = 0;
        cells = empty();
        lines = new Int32Array(batchSize);
      }
    }
  }
  if (fill > 0) {
    for (const column of cells) column.length = fill;
    yield { start: fileStart, length: fill, columns: cells, file: display, fileStart, lines: lines.subarray(0, fill) };
  }
}

function parseLine(source: string, line: number, display: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (e) {
    throw fileError(`line ${line} is not valid JSON (${(e as Error).message})`, display, { line });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw fileError(`line ${line} is ${found}, expected a JSON object like {"label": 1}`, display, { line });
  }
  return value as Record<string, unknown>;
}

/** A JSON value as a cell: nested objects and arrays as their JSON text. */
function toCell(value: unknown): Cell {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return value === undefined ? null : JSON.stringify(value);
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
