/**
 * CSV and TSV reader: RFC 4180 (quotes, doubled quotes, line breaks in quoted fields, CRLF, BOM), a header row is
 * required, an empty cell is null. Streams the file in chunks (data/byte-chunks, data/gzip) through the tokenizer
 * (data/csv-tokenizer); memory holds one chunk plus one batch.
 */
import { fileError } from '../errors.ts';
import { CsvTokenizer, RowBlock, fieldText } from './csv-tokenizer.ts';
import { cellBatches } from './csv-cells.ts';
import { stat } from 'node:fs/promises';
import { ChunkReader } from './byte-chunks.ts';
import { gzipSize, isGzip } from './gzip.ts';
import type { FastRows, FileTable, TextBlock } from './file-table.ts';

/** Rows tokenized at a time; independent of the batch size so tiny batches stay cheap. */
const BLOCK_ROWS = 8192;
/** The widest header accepted. */
const MAX_COLUMNS = 16_384;
/** A row longer than this is almost surely an unclosed quote; failing early keeps memory bounded. */
const MAX_ROW_BYTES = 64 * 1024 * 1024;
const LF = 10;

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
  const bytes = isGzip(path) ? await gzipSize(path) : (await stat(path)).size;
  return {
    file: display,
    columns,
    bytes,
    blocks: (fast) => csvPass(path, display, delimiter, {}, fast),
    batches: (select, batchSize) => cellBatches(csvPass(path, display, delimiter, {}), display, select, batchSize),
  };
}

/**
 * One pass over the file: parses the header into `header.names`, then yields blocks of data rows; with `fast`, the
 * plain rows go to it and the tokenizer takes only the rows it stops at.
 */
async function* csvPass(
  path: string,
  display: string,
  delimiter: string,
  header: { names?: string[] },
  fast?: FastRows,
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
      // fast rows end with a line break inside this chunk; the last incomplete line waits for the next one
      const limit = fast && block ? bytes.lastIndexOf(LF) + 1 : 0;
      while (block) {
        if (fast && pos < limit) {
          const taken = fast.scan(bytes, pos, limit, tokenizer.delimiter);
          pos = taken.pos;
          tokenizer.line += taken.lines;
          fileStart += taken.rows;
        }
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
