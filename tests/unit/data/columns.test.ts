import { describe, expect, it } from 'vitest';
import { openTable } from '@modelgate/core/data/open';
import { readColumns } from '@modelgate/core/data/columns';
import { tempDir, userError, writeData } from './helpers.ts';

const dir = tempDir();

describe('readColumns', () => {
  it('reads numbers into a Float64Array, exponents and quoted numbers included', async () => {
    const path = writeData(dir, 'scores.csv', 'score,label\n0.25,1\n1.5e-05,0\n"-3",1\n 7 ,0\n');
    const columns = await readColumns(await openTable(path), ['score'], ['number']);
    expect(columns.rows).toBe(4);
    expect(Array.from(columns.number('score'))).toEqual([0.25, 1.5e-5, -3, 7]);
    expect(columns.number('score')).toBeInstanceOf(Float64Array);
  });

  it('parses every decimal exactly as Number() does', async () => {
    const values = [
      '0.1',
      '0.30000000000000004',
      '123456789.123456789',
      '1e22',
      '4.9e-324',
      '-0.000123',
      '9007199254740993',
    ];
    const path = writeData(dir, 'exact.csv', `x\n${values.join('\n')}\n`);
    const columns = await readColumns(await openTable(path), ['x'], ['number']);
    expect(Array.from(columns.number('x'))).toEqual(values.map(Number));
  });

  it('parses long decimals as Python repr writes them (16 to 19 digits) exactly as Number() does', async () => {
    // A fixed LCG: the same values on every run, spread over magnitudes, with the edge cases below a power of two.
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const values: string[] = ['0.9999999999999999', '0.30000000000000004', '0.49999999999999994', '1.0000000000000002'];
    for (let i = 0; i < 20_000; i++) {
      const x = (random() + random() / 2 ** 32) * 10 ** ((i % 9) - 6);
      values.push(i % 3 === 0 ? x.toPrecision(17 + (i % 3)) : String(x));
    }
    const plain = values.filter((v) => !v.includes('e'));
    const path = writeData(dir, 'repr.csv', `p\n${plain.join('\n')}\n`);
    const parsed = (await readColumns(await openTable(path), ['p'], ['number'])).number('p');
    expect(Array.from(parsed)).toEqual(plain.map(Number));
  });

  it('dictionary-encodes categories, keeping the CSV text as written', async () => {
    const path = writeData(dir, 'labels.csv', 'label,region\n1,eu\n0,"us"\n1.0,eu\n1,"a ""quoted"" one"\n');
    const columns = await readColumns(await openTable(path), ['label', 'region'], ['category', 'category']);
    const label = columns.category('label');
    expect(label.values).toEqual(['1', '0', '1.0']);
    expect(Array.from(label.codes)).toEqual([0, 1, 2, 0]);
    const region = columns.category('region');
    expect(region.values).toEqual(['eu', 'us', 'a "quoted" one']);
    expect(Array.from(region.codes)).toEqual([0, 1, 0, 2]);
  });

  it('keeps long and non-ASCII category values apart', async () => {
    const long = 'x'.repeat(40);
    const path = writeData(dir, 'long.csv', `g\n${long}\nZürich\n${long}y\nZürich\n${long}\n`);
    const group = (await readColumns(await openTable(path), ['g'], ['category'])).category('g');
    expect(group.values).toEqual([long, 'Zürich', `${long}y`]);
    expect(Array.from(group.codes)).toEqual([0, 1, 2, 1, 0]);
  });

  it('handles many distinct categories (the dictionary grows)', async () => {
    const body = Array.from({ length: 5000 }, (_, i) => `id-${i % 2500}`).join('\n');
    const path = writeData(dir, 'many.csv', `id\n${body}\n`);
    const id = (await readColumns(await openTable(path), ['id'], ['category'])).category('id');
    expect(id.values.length).toBe(2500);
    expect(id.values[1234]).toBe('id-1234');
    expect(id.codes[2500 + 1234]).toBe(1234);
  });

  it('reads the -or-null kinds: NaN and code -1 for empty cells', async () => {
    const path = writeData(dir, 'nulls.csv', 'x,g\n1,a\n,\n3,a\n');
    const columns = await readColumns(await openTable(path), ['x', 'g'], ['number-or-null', 'category-or-null']);
    expect(Array.from(columns.number('x'))).toEqual([1, NaN, 3]);
    expect(Array.from(columns.category('g').codes)).toEqual([0, -1, 0]);
  });

  it('reads rows across chunks and files of a glob in order', async () => {
    const rows = 120_000;
    const a = Array.from({ length: rows }, (_, i) => `${i},${i % 3}`).join('\n');
    writeData(dir, 'part-1.csv', `n,g\n${a}\n`);
    writeData(dir, 'part-2.csv', 'g,n\n7,-1\n');
    const table = await openTable(`${dir}/part-*.csv`);
    const columns = await readColumns(table, ['n', 'g'], ['number', 'category']);
    expect(columns.rows).toBe(rows + 1);
    const n = columns.number('n');
    expect(n[0]).toBe(0);
    expect(n[rows - 1]).toBe(rows - 1);
    expect(n[rows]).toBe(-1);
    const g = columns.category('g');
    expect(g.values).toEqual(['0', '1', '2', '7']);
    expect(g.codes[rows]).toBe(3);
  });
});

describe('readColumns errors', () => {
  it('names the file, data row, line, column and value of a non-numeric cell', async () => {
    const path = writeData(dir, 'bad-score.csv', 'score,note\n0.5,"two\nlines"\n0.7,x\nhigh,y\n');
    const error = await userError(async () =>
      readColumns(await openTable(path), ['score'], ['number'], { input: 'predictions' }),
    );
    expect(error.message).toBe(`column 'score', data row 3 (line 5): expected a finite number, found "high"`);
    expect(error.location).toMatchObject({ file: path, line: 5, field: 'score', input: 'predictions' });
  });

  it('names the input given to openTable', async () => {
    const table = await openTable(writeData(dir, 'bad-x.csv', 'x,y\n1,a\nz,b\n'), { input: 'predictions' });
    const error = await userError(() => readColumns(table, ['x'], ['number']));
    expect(error.location.input).toBe('predictions');
    expect(error.describe()).toContain("input 'predictions'");
  });

  it('fails on an empty numeric cell and on infinities', async () => {
    const empty = writeData(dir, 'empty-score.csv', 'score\n0.5\n\n""\n');
    const error = await userError(async () => readColumns(await openTable(empty), ['score'], ['number']));
    expect(error.message).toContain('data row 2 (line 4): expected a finite number, found an empty cell');
    const inf = writeData(dir, 'inf-score.csv', 'score\ninf\n');
    expect((await userError(async () => readColumns(await openTable(inf), ['score'], ['number']))).message).toContain(
      'found "inf"',
    );
  });

  it('fails on an empty category cell unless nulls are allowed', async () => {
    const path = writeData(dir, 'empty-label.csv', 'label,x\n1,a\n,b\n');
    const error = await userError(async () => readColumns(await openTable(path), ['label'], ['category']));
    expect(error.message).toBe(`column 'label', data row 2 (line 3): expected a value, found an empty cell`);
  });

  it('counts data rows per file of a glob', async () => {
    writeData(dir, 'g-1.csv', 'x\n1\n2\n');
    writeData(dir, 'g-2.csv', 'x\n3\noops\n');
    const error = await userError(async () => readColumns(await openTable(`${dir}/g-*.csv`), ['x'], ['number']));
    expect(error.location.file).toBe(`${dir}/g-2.csv`);
    expect(error.message).toContain('data row 2 (line 3)');
  });

  it('lists the columns that exist when one is missing', async () => {
    const path = writeData(dir, 'cols.csv', 'a,b\n1,2\n');
    const error = await userError(async () => readColumns(await openTable(path), ['a', 'score'], ['number', 'number']));
    expect(error.message).toContain("no column 'score' in the data; the columns are: a, b");
  });
});
