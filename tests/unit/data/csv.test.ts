import { describe, expect, it } from 'vitest';
import { openTable } from '@modelgate/core/data/open';
import { readAll, tempDir, userError, writeData } from './helpers.ts';

const dir = tempDir();

describe('CSV reader', () => {
  it('reads quoted fields with delimiters, doubled quotes, line breaks, CRLF and a BOM', async () => {
    const path = writeData(
      dir,
      'quoting.csv',
      '\uFEFFid,text,note\r\n1,"a,b",\r\n2,"he said ""hi""","two\r\nlines"\r\n3,plain,"x"\r\n',
    );
    const table = await openTable(path);
    expect(table.columns).toEqual(['id', 'text', 'note']);
    const { rows } = await readAll(table);
    expect(rows).toEqual([
      ['1', 'a,b', null],
      ['2', 'he said "hi"', 'two\r\nlines'],
      ['3', 'plain', 'x'],
    ]);
  });

  it('turns empty cells and empty quoted cells into null and keeps spaces', async () => {
    const path = writeData(dir, 'empty.csv', 'a,b,c\n,"", x \n');
    expect((await readAll(await openTable(path))).rows).toEqual([[null, null, ' x ']]);
  });

  it('reads a last line without a line break, and skips blank lines like pandas', async () => {
    const path = writeData(dir, 'blank.csv', 'a,b\n\n1,2\n\n\n3,4');
    expect((await readAll(await openTable(path))).rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('accepts lone CR line endings', async () => {
    const path = writeData(dir, 'cr.csv', 'a,b\r1,2\r3,4\r');
    expect((await readAll(await openTable(path))).rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps UTF-8 text intact', async () => {
    const path = writeData(dir, 'utf8.csv', 'city,n\nZürich,1\n"東京, 日本",2\n');
    expect((await readAll(await openTable(path))).rows).toEqual([
      ['Zürich', '1'],
      ['東京, 日本', '2'],
    ]);
  });

  it('keeps long, repeated, quoted and non-ASCII values exact across decoded spans', async () => {
    const expected: string[][] = [];
    const lines: string[] = [];
    for (let i = 0; i < 6000; i++) {
      const long = `value-${i}-${'x'.repeat(i % 50)}`;
      const name = i % 997 === 0 ? `Zoë ${i}` : i % 3 === 0 ? 'same' : `n${i % 7}`;
      const quoted = i % 11 === 0 ? 'a "q" b' : 'plain';
      expected.push([long, name, quoted]);
      lines.push(`${long},${name},"${quoted.replaceAll('"', '""')}"`);
    }
    const path = writeData(dir, 'spans.csv', `long,name,quoted\n${lines.join('\n')}\n`);
    expect((await readAll(await openTable(path, { batchSize: 1000 }))).rows).toEqual(expected);
  });

  it('streams in batches of the requested size with row numbers across batches', async () => {
    const body = Array.from({ length: 10 }, (_, i) => `${i},v${i}`).join('\n');
    const path = writeData(dir, 'ten.csv', `n,v\n${body}\n`);
    const table = await openTable(path, { batchSize: 3 });
    const { rows, batchLengths, starts } = await readAll(table);
    expect(batchLengths).toEqual([3, 3, 3, 1]);
    expect(starts).toEqual([0, 3, 6, 9]);
    expect(rows.map((r) => r[0])).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('gives each row its physical line, counting line breaks inside quoted fields', async () => {
    const path = writeData(dir, 'lines.csv', 'a,b\n1,"x\ny"\n\n2,z\n');
    const table = await openTable(path);
    const lines: number[] = [];
    for await (const batch of table.batches()) lines.push(...batch.lines!);
    expect(lines).toEqual([2, 5]);
  });

  it('reads only the requested columns, in the requested order', async () => {
    const path = writeData(dir, 'select.csv', 'a,b,c\n1,2,3\n4,5,6\n');
    const table = await openTable(path, { columns: ['c', 'a'] });
    expect(table.columns).toEqual(['c', 'a']);
    expect((await readAll(table)).rows).toEqual([
      ['3', '1'],
      ['6', '4'],
    ]);
  });

  it('reads TSV and gzipped CSV', async () => {
    const tsv = writeData(dir, 'plain.tsv', 'a\tb\n1\t"x\ty"\n');
    expect((await readAll(await openTable(tsv))).rows).toEqual([['1', 'x\ty']]);
    const gz = writeData(dir, 'packed.csv.gz', 'a,b\n1,2\n3,4\n');
    expect((await readAll(await openTable(gz))).rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('names blank header cells the way pandas does', async () => {
    const path = writeData(dir, 'unnamed.csv', ',label\n0,1\n');
    expect((await openTable(path)).columns).toEqual(['Unnamed: 0', 'label']);
  });
});

describe('CSV errors', () => {
  it('reports a ragged row with its line and the field counts', async () => {
    const path = writeData(dir, 'ragged.csv', 'a,b,c\n1,2,3\n4,5\n');
    const error = await userError(async () => readAll(await openTable(path)));
    expect(error.location).toMatchObject({ file: path, line: 3 });
    expect(error.message).toContain('line 3 has 2 fields, expected 3');
  });

  it('counts lines of a multi-line quoted field before a ragged row', async () => {
    const path = writeData(dir, 'ragged-after-quote.csv', 'a,b\n1,"one\ntwo\nthree"\n2,x,extra\n');
    const error = await userError(async () => readAll(await openTable(path)));
    expect(error.location.line).toBe(5);
    expect(error.message).toContain('line 5 has 3 fields, expected 2');
  });

  it('reports a ragged row far into the file, after several chunks', async () => {
    const body = Array.from({ length: 40_000 }, (_, i) => `${i},"q${i}\n${i}",${i}`).join('\n');
    const path = writeData(dir, 'ragged-late.csv', `a,b,c\n${body}\n1,2\n`);
    const error = await userError(async () => readAll(await openTable(path)));
    expect(error.location.line).toBe(2 + 40_000 * 2);
  });

  it('fails on an empty file and on a header without data rows', async () => {
    const empty = writeData(dir, 'empty-file.csv', '');
    expect((await userError(() => openTable(empty))).message).toContain('empty');
    const headerOnly = writeData(dir, 'header-only.csv', 'a,b\n\n');
    expect((await userError(() => openTable(headerOnly))).message).toContain('no data rows');
  });

  it('fails on duplicate column names', async () => {
    const path = writeData(dir, 'dupe.csv', 'a,b,a\n1,2,3\n');
    const error = await userError(() => openTable(path));
    expect(error.message).toContain("names column 'a' twice");
  });

  it('fails on a quote that is never closed, naming the line it starts on', async () => {
    const path = writeData(dir, 'open-quote.csv', 'a,b\n1,2\n3,"never closed\n4,5\n');
    const error = await userError(async () => readAll(await openTable(path)));
    expect(error.location.line).toBe(3);
    expect(error.message).toContain('never closed');
  });

  it('fails on text after a closing quote', async () => {
    const path = writeData(dir, 'after-quote.csv', 'a,b\n1,"x"y\n');
    const error = await userError(async () => readAll(await openTable(path)));
    expect(error.location.line).toBe(2);
  });

  it('names the columns that exist when a requested column is missing', async () => {
    const path = writeData(dir, 'cols.csv', 'a,b\n1,2\n');
    const error = await userError(() => openTable(path, { columns: ['score'], input: 'predictions' }));
    expect(error.message).toContain("no column 'score'");
    expect(error.message).toContain('a, b');
    expect(error.location.input).toBe('predictions');
  });

  it('fails on a corrupt gzip file', async () => {
    const path = writeData(dir, 'bad.csv', 'a,b\n1,2\n');
    const renamed = writeData(dir, 'bad2.csv.gz', Buffer.alloc(0));
    const { writeFileSync, readFileSync } = await import('node:fs');
    writeFileSync(renamed, readFileSync(path));
    const error = await userError(() => openTable(renamed));
    expect(error.message).toContain('gzip');
  });
});
