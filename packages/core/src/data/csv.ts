/**
 * CSV and TSV reader: RFC 4180 (quotes, doubled quotes, line breaks in quoted fields, CRLF, BOM), a header row is
 * required, an empty cell is null. Streams the file in chunks (data/text-stream) through the tokenizer
 * (data/csv-tokenizer); memory holds one chunk plus one batch.
 */
import { fileError } from '../errors.ts';
import { CsvTokenizer, RowBlock, fieldText } from './csv-tokenizer.ts';
import { isAscii } from 'node:buffer';
import { ChunkReader } from './byte-chunks.ts';
import type { FileTable, TextBlock } from './file-table.ts';
import type { Batch, Cell } from './types.ts';

/** Rows tokenized at a time; independent of the batch size so tiny batches stay cheap. */
const BLOCK_ROWS = 8192;
/** The widest header accepted. */
const MAX_COLUMNS = 16_384;
/** A row longer than this is almost surely an unclosed quote; failing early keeps memory bounded. */
const MAX_ROW_BYTES = 64 * 1024 * 1024;

/** Opens a CSV (`,`) or TSV (`\t`) file: reads the header and checks that at least one data row follows. */
export async function openCsv(path: string, display: string, delimiter: ',' | '\t'): Promise<FileTable> {
  const header: { names?: string[] } = {};
  const pass = csvPass(path, display, delimiter, header);
  const first = await pass.next();
  await pass.return(undefined);
  if (!header.names) throw fileError('the file is empty: expected a header row with the column names', display);
  if (first.done)
    throw fileError('the file has a header but no data rows', display, {
      line: 2,
    });
  const columns = header.names;
  return {
    file: display,
    columns,
    blocks: () => csvPass(path, display, delimiter, {}),
    batches: (select, batchSize) => cellBatches(csvPass(path, display, delimiter, {}), display, select, batchSize),
  };
}

/** One pass over the file: parses the header into `header.names`, then yields blocks of data rows. */
async function* csvPass(
  path: string,
  display: string,
  delimiter: string,
  header: { names?: string[] },
): AsyncGenerator<TextBlock> {
  const tokenizer = new CsvTokenizer(display, delimiter, 0);
  const headerBlock = new RowBlock(MAX_COLUMNS, 1);
  let block: RowBlock | undefined;
  let fileStart = 0;
  let carry: Buffer = Buffer.alloc(0);
  const reader = new ChunkReader(path, display);
  try {
    for (let done = false; !done;) {
      const chunk = await reader.next(carry);
      done = chunk === undefined;
      const bytes = chunk ?? carry;
      let pos = 0;
      if (!block) {
        pos = tokenizer.run(bytes, 0, done, headerBlock);
        if (headerBlock.rows === 1) {
          header.names = headerNames(bytes, headerBlock, tokenizer.lastWidth, display);
          tokenizer.stride = header.names.length;
          block = new RowBlock(header.names.length, BLOCK_ROWS);
        }
      }
      while (block) {
        block.rows = 0;
        pos = tokenizer.run(bytes, pos, done, block);
        if (block.rows > 0) {
          yield { bytes, block, fileStart };
          fileStart += block.rows;
        }
        if (block.rows < block.capacity) break;
      }
      carry = bytes.subarray(pos);
      if (carry.length > MAX_ROW_BYTES) {
        throw fileError(
          `the row starting on line ${tokenizer.line} is longer than ${MAX_ROW_BYTES} bytes: is a quote left open?`,
          display,
          { line: tokenizer.line },
        );
      }
    }
  } finally {
    await reader.close();
  }
}

/** Column names from the header row: blank names become `Unnamed: <i>` as pandas names them; duplicates fail. */
function headerNames(bytes: Buffer, block: RowBlock, width: number, display: string): string[] {
  const names: string[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < width; i++) {
    const name = fieldText(bytes, undefined, block, i) ?? `Unnamed: ${i}`;
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw fileError(
        `the header names column '${name}' twice (columns ${earlier + 1} and ${i + 1}); column names must be unique`,
        display,
        { line: block.lines[0]!, field: name },
      );
    }
    seen.set(name, i);
    names.push(name);
  }
  return names;
}

/** Turns tokenized blocks into batches of string cells, copying only the selected columns. */
async function* cellBatches(
  pass: AsyncGenerator<TextBlock>,
  display: string,
  select: number[],
  batchSize: number,
): AsyncGenerator<Batch> {
  let columns = select.map(() => new Array<Cell>(batchSize));
  let lines = new Int32Array(batchSize);
  let fill = 0;
  let batchStart = 0;
  let lastBytes: Buffer | undefined;
  let ascii: string | undefined;
  for await (const { bytes, block } of pass) {
    if (bytes !== lastBytes) {
      lastBytes = bytes;
      ascii = asciiText(bytes);
    }
    const stride = block.stride;
    for (let r = 0; r < block.rows;) {
      const take = Math.min(block.rows - r, batchSize - fill);
      for (let k = 0; k < select.length; k++) {
        const out = columns[k]!;
        for (let i = 0, f = r * stride + select[k]!; i < take; i++, f += stride)
          out[fill + i] = fieldText(bytes, ascii, block, f);
      }
      lines.set(block.lines.subarray(r, r + take), fill);
      fill += take;
      r += take;
      if (fill === batchSize) {
        yield {
          start: batchStart,
          length: fill,
          columns,
          file: display,
          fileStart: batchStart,
          lines,
        };
        batchStart += fill;
        fill = 0;
        columns = select.map(() => new Array<Cell>(batchSize));
        lines = new Int32Array(batchSize);
      }
    }
  }
  if (fill > 0) {
    for (const column of columns) column.length = fill;
    yield {
      start: batchStart,
      length: fill,
      columns,
      file: display,
      fileStart: batchStart,
      lines: lines.subarray(0, fill),
    };
  }
}

/** The bytes as a string when they are all ASCII (so byte offsets are string offsets); one fast decode per chunk. */
function asciiText(bytes: Buffer): string | undefined {
  return isAscii(bytes) ? bytes.toString('latin1') : undefined;
}
