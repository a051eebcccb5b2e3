import { describe, expect, it } from 'vitest';
import { openTable } from '@modelgate/core/data/open';
import { readAll, tempDir, userError, writeData } from './helpers.ts';

const dir = tempDir();

describe('JSONL reader', () => {
  it('keeps scalars, turns nested values into JSON text and missing keys into null, skipping blank lines', async () => {
    const path = writeData(
      dir,
      'rows.jsonl',
      '{"a": 1, "b": "x", "c": true}\n\n   \n{"a": null, "c": {"k": [1, 2]}}\r\n{"b": "z", "a": 2.5, "c": [1]}',
    );
    const table = await openTable(path);
    expect(table.columns).toEqual(['a', 'b', 'c']);
    const lines: number[] = [];
    for await (const batch of table.batches()) lines.push(...batch.lines!);
    expect(lines).toEqual([1, 4, 5]);
    expect((await readAll(table)).rows).toEqual([
      [1, 'x', true],
      [null, null, '{"k":[1,2]}'],
      [2.5, 'z', '[1]'],
    ]);
  });

  it('reads .ndjson and streams in batches', async () => {
    const body = Array.from({ length: 7 }, (_, i) => JSON.stringify({ i })).join('\n');
    const table = await openTable(writeData(dir, 'seven.ndjson', body), { batchSize: 3 });
    const { rows, batchLengths, starts } = await readAll(table);
    expect(rows.map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(batchLengths).toEqual([3, 3, 1]);
    expect(starts).toEqual([0, 3, 6]);
  });

  it('fails on invalid JSON with its line number', async () => {
    const path = writeData(dir, 'invalid.jsonl', '{"a": 1}\n\n{"a": 2,}\n');
    const error = await userError(async () => readAll(await openTable(path)));
    expect(error.location.line).toBe(3);
    expect(error.message).toMatch(/^line 3 is not valid JSON/);
  });

  it('fails on a line that is not an object', async () => {
    const path = writeData(dir, 'array.jsonl', '{"a": 1}\n[1, 2]\n');
    const error = await userError(async () => readAll(await openTable(path)));
    expect(error.message).toBe('line 2 is an array, expected a JSON object like {"label": 1}');
  });

  it('fails on a key the first row does not have', async () => {
    const path = writeData(dir, 'extra.jsonl', '{"a": 1}\n{"a": 2}\n{"a": 3, "b": 4}\n');
    const error = await userError(async () => readAll(await openTable(path)));
    expect(error.location).toMatchObject({ line: 3, field: 'b' });
    expect(error.message).toContain("line 3 has the key 'b', which the first row does not have");
  });

  it('fails on a file without rows', async () => {
    const path = writeData(dir, 'blank.jsonl', '\n\n');
    expect((await userError(() => openTable(path))).message).toContain('no data rows');
  });
});
