// The predictions' SHA-256 taken while they are read (data/file-digests through data/byte-chunks): the same digest
// as hashing the file's bytes, kept only for a file read whole, and only for the files asked for.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readColumns } from '@modelgate/core/data/columns';
import { digestRead, hashWhileReading } from '@modelgate/core/data/file-digests';
import { openTable, tableParts } from '@modelgate/core/data/open';
import { sha256Of } from '@modelgate/core/evaluate/document';
import { tempDir, writeData } from './helpers.ts';

const dir = tempDir();
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A CSV larger than one read (1 MiB) with a byte-order mark, so the digest spans chunks and the skipped BOM. */
function bigCsv(name: string): string {
  const rows = Array.from({ length: 120_000 }, (_, i) => `${i},${(i % 97) / 97},${i % 2}`);
  return writeData(dir, name, `\uFEFFid,score,label\n${rows.join('\n')}\n`);
}

describe('SHA-256 of the predictions taken during the read', () => {
  it('equals the digest of the file bytes when the file was read whole, and sha256Of returns it', async () => {
    const path = bigCsv('whole.csv');
    hashWhileReading(path);
    const columns = await readColumns(await openTable(path), ['score', 'label'], ['number', 'category']);
    expect(columns.rows).toBe(120_000);
    expect(digestRead(path)).toBe(sha256(path));
    expect(await sha256Of([path])).toBe(sha256(path));
  });

  it('keeps nothing for a read stopped early or a file not asked for; sha256Of then hashes the file itself', async () => {
    const early = bigCsv('early.csv');
    hashWhileReading(early);
    const opened = tableParts(await openTable(early))!;
    const batches = opened.parts[0]!.batches([0], 1000);
    await batches.next();
    await batches.return(undefined);
    expect(digestRead(early)).toBeUndefined();
    expect(await sha256Of([early])).toBe(sha256(early));

    const other = bigCsv('other.csv');
    await readColumns(await openTable(other), ['score'], ['number']);
    expect(digestRead(other)).toBeUndefined();
    expect(await sha256Of([other])).toBe(sha256(other));
  });

  it('hashes a gzipped file as stored (its compressed bytes), not as read', async () => {
    const path = writeData(dir, 'packed.csv.gz', 'id,score\n1,0.5\n2,0.25\n');
    hashWhileReading(path);
    await readColumns(await openTable(path), ['score'], ['number']);
    expect(digestRead(path)).toBeUndefined();
    expect(await sha256Of([path])).toBe(sha256(path));
  });
});
