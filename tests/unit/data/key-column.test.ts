// Key columns (evaluate-model's key-column) are read as text bytes, not strings: each key must still be its text as
// written, as a category cell is (quotes removed, "" read as ", UTF-8 as is, 7 and 07 different), and an empty cell
// is an error naming its row.
import { describe, expect, it } from 'vitest';
import { readColumns, readKeyColumn } from '@modelgate/core/data/columns';
import { KeyColumn, KeyIndex } from '@modelgate/core/data/key-column';
import { openTable } from '@modelgate/core/data/open';
import { tempDir, userError, writeData } from './helpers.ts';

const dir = tempDir();

const texts = (keys: KeyColumn) => Array.from({ length: keys.length }, (_, r) => keys.text(r));

describe('readKeyColumn', () => {
  it('reads each key as the text a category column reads, CSV and JSON Lines alike', async () => {
    const csv = writeData(
      dir,
      'keys.csv',
      'id,x\n7,1\n07,2\n"a,b",3\n"say ""hi""",4\nnaïve-✓,5\n' + `${'k'.repeat(40)},6\n-1.50,7\n`,
    );
    const keys = await readKeyColumn(await openTable(csv), 'id');
    const category = (await readColumns(await openTable(csv), ['id'], ['category'])).category('id');
    expect(texts(keys)).toEqual(Array.from(category.codes, (c) => category.values[c]!));
    expect(texts(keys)).toEqual(['7', '07', 'a,b', 'say "hi"', 'naïve-✓', 'k'.repeat(40), '-1.50']);

    const jsonl = writeData(dir, 'keys.jsonl', '{"id": 7}\n{"id": "07"}\n{"id": 1.5}\n{"id": true}\n{"id": ""}\n');
    const fromJson = await readKeyColumn(await openTable(jsonl), 'id');
    const jsonCategory = (await readColumns(await openTable(jsonl), ['id'], ['category'])).category('id');
    expect(texts(fromJson)).toEqual(Array.from(jsonCategory.codes, (c) => jsonCategory.values[c]!));
    expect(texts(fromJson)).toEqual(['7', '07', '1.5', 'true', '']);
  });

  it('refuses an empty cell with its row and line, as a category column does', async () => {
    const csv = writeData(dir, 'empty.csv', 'id,x\na,1\n,2\n');
    const e = await userError(async () => readKeyColumn(await openTable(csv), 'id'));
    expect(e.message).toBe("column 'id', data row 2 (line 3): expected a value, found an empty cell");
    const jsonl = writeData(dir, 'null.jsonl', '{"id": "a"}\n{"id": null}\n');
    expect((await userError(async () => readKeyColumn(await openTable(jsonl), 'id'))).message).toContain(
      "column 'id', data row 2",
    );
  });

  it('grows past its first arena and row table (70,000 keys of 30 bytes)', async () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => `key-${String(i).padStart(26, '0')}`);
    const csv = writeData(dir, 'many.csv', `id\n${rows.join('\n')}\n`);
    const keys = await readKeyColumn(await openTable(csv), 'id');
    expect(keys.length).toBe(70_000);
    expect(keys.text(0)).toBe(rows[0]);
    expect(keys.text(69_999)).toBe(rows[69_999]);
    const index = new KeyIndex(keys, 5);
    expect(index.repeated).toBe(0);
    for (const r of [0, 1, 40_000, 69_999]) expect(index.rowOf(keys, r)).toBe(r);
  });
});

describe('KeyIndex', () => {
  const column = (...keys: string[]) => {
    const c = new KeyColumn();
    for (const k of keys) c.pushText(k);
    return c;
  };

  it('finds a row by its key in another column, by bytes: 7 is not 07, and a missing key is -1', () => {
    const theirs = new KeyIndex(column('07', 'b', 'é', '7', ''), 5);
    const ours = column('7', '', 'é', 'x', '07');
    expect([0, 1, 2, 3, 4].map((r) => theirs.rowOf(ours, r))).toEqual([3, 4, 2, -1, 0]);
  });

  it('counts every repeated key and keeps the first few with the row they repeat', () => {
    const index = new KeyIndex(column('a', 'b', 'a', 'c', 'a', 'b', 'd', 'd'), 2);
    expect(index.repeated).toBe(4);
    expect(index.repeats).toEqual([
      [2, 0],
      [4, 0],
    ]);
  });
});
