import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable } from '@modelgate/core/data/open';
import { readAll, tempDir, userError, writeData } from './helpers.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/data');

describe('globs', () => {
  it('reads the files of a glob as one table, in sorted order, numbering rows across files', async () => {
    const table = await openTable(join(fixtures, 'parts/part-*.csv'), { batchSize: 4 });
    expect(table.files.map((f) => f.split('/').pop())).toEqual(['part-1.csv', 'part-2.csv']);
    const { rows, starts, batchLengths } = await readAll(table);
    expect(rows).toHaveLength(10);
    // Batches never span files: 6 rows of part-1 in batches of 4, then the 4 rows of part-2.
    expect(starts).toEqual([0, 4, 6]);
    expect(batchLengths).toEqual([4, 2, 4]);
  });

  it('supports **, ? and {a,b}, relative to the working directory', async () => {
    const dir = tempDir();
    writeData(dir, 'a.csv', 'x\n1\n');
    writeData(dir, 'b.jsonl', '{"x": 2}\n');
    writeData(dir, 'c.csv', 'x\n3\n');
    const rel = relative(process.cwd(), dir);
    const braces = await openTable(`${rel}/{a.csv,b.jsonl}`);
    expect(braces.files).toEqual([`${rel}/a.csv`, `${rel}/b.jsonl`]);
    expect((await readAll(braces)).rows).toEqual([['1'], [2]]);
    const question = await openTable(`${rel}/?.csv`);
    expect(question.files).toEqual([`${rel}/a.csv`, `${rel}/c.csv`]);
    const deep = await openTable(`${rel}/**/c.csv`);
    expect(deep.files).toEqual([`${rel}/c.csv`]);
  });

  it('reads a file whose name contains glob characters as named', async () => {
    const dir = tempDir();
    const path = writeData(dir, 'run[1].csv', 'x\n1\n');
    expect((await openTable(path)).files).toEqual([path]);
  });

  it('matches columns by name when the files order them differently', async () => {
    const dir = tempDir();
    writeData(dir, '1.csv', 'a,b\n1,2\n');
    writeData(dir, '2.csv', 'b,a\n4,3\n');
    expect((await readAll(await openTable(`${dir}/*.csv`))).rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('fails when the files of a glob have different columns, naming both files and the columns', async () => {
    const dir = tempDir();
    writeData(dir, '1.csv', 'label,score\n1,0.5\n');
    writeData(dir, '2.csv', 'label,proba\n1,0.5\n');
    const error = await userError(() => openTable(`${dir}/*.csv`, { input: 'predictions' }));
    expect(error.message).toContain(`${dir}/1.csv`);
    expect(error.message).toContain(`${dir}/2.csv`);
    expect(error.message).toContain(`only in ${dir}/1.csv: score`);
    expect(error.message).toContain(`only in ${dir}/2.csv: proba`);
    expect(error.location.input).toBe('predictions');
  });

  it('fails when nothing matches, naming the pattern and the input', async () => {
    const error = await userError(() => openTable('no/such/dir/*.csv', { input: 'data' }));
    expect(error.message).toContain("no file matches the glob 'no/such/dir/*.csv'");
    expect(error.location.input).toBe('data');
    expect(error.describe()).toContain("input 'data'");
  });

  it('fails on a missing file and on an unknown extension', async () => {
    const missing = await userError(() => openTable('missing.csv', { input: 'predictions' }));
    expect(missing.message).toContain("file not found: 'missing.csv'");
    const dir = tempDir();
    const xlsx = writeData(dir, 'book.xlsx', 'x');
    const unknown = await userError(() => openTable(xlsx));
    expect(unknown.message).toContain('.csv, .tsv, .jsonl, .ndjson, .parquet');
  });
});
