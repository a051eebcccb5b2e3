// data/byte-chunks reads a plain file ahead into buffers with room for the carry (the row cut by a chunk's end):
// rows longer than that room, a byte-order mark and a file ending without a line break still read exactly.
import { describe, expect, it } from 'vitest';
import { readColumns } from '@modelgate/core/data/columns';
import { openTable } from '@modelgate/core/data/open';
import { tempDir, writeData } from './helpers.ts';

const dir = tempDir();

describe('reading a plain file ahead', () => {
  it('reads every row exactly when rows longer than the carry room (64 KiB) cross chunk ends', async () => {
    const rows: string[] = [];
    const notes: string[] = [];
    // ~3.5 MB: short rows, with a 100 KB and a 300 KB row among them (each cut by some 1 MiB chunk end)
    for (let i = 0; i < 60_000; i++) {
      const note = i % 20_000 === 7_000 ? 'x'.repeat(i === 7_000 ? 100_000 : 300_000) : `n${i % 5}`;
      notes.push(note);
      rows.push(`${i},${(i % 1000) / 1000},${note}`);
    }
    const path = writeData(dir, 'long-rows.csv', `\uFEFFid,score,note\n${rows.join('\n')}`);
    const columns = await readColumns(await openTable(path), ['id', 'score', 'note'], ['number', 'number', 'category']);
    expect(columns.rows).toBe(60_000);
    const id = columns.number('id');
    const score = columns.number('score');
    expect(id.every((v, i) => v === i)).toBe(true);
    expect(score.every((v, i) => v === (i % 1000) / 1000)).toBe(true);
    const note = columns.category('note');
    expect(Array.from(note.codes, (c) => note.values[c]!.length)).toEqual(notes.map((n) => n.length));
  });
});
