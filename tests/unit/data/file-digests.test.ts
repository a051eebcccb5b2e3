// The predictions' SHA-256 taken beside their read (data/file-digests): by an openssl process on the other core
// (Linux, macOS), or by the readers as they read (data/byte-chunks). Either way the digest of the file's bytes; the
// readers' hash is kept only for a file read whole and asked for; whenever neither gives one, sha256Of hashes the
// file itself.
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

describe('SHA-256 of the predictions taken by the readers (in process)', () => {
  it('equals the digest of the file bytes when the file was read whole, and sha256Of returns it', async () => {
    const path = bigCsv('whole.csv');
    hashWhileReading(path, false);
    const columns = await readColumns(await openTable(path), ['score', 'label'], ['number', 'category']);
    expect(columns.rows).toBe(120_000);
    expect(await digestRead(path)).toBe(sha256(path));
    expect(await sha256Of([path])).toBe(sha256(path));
  });

  it('keeps nothing for a read stopped early or a file not asked for; sha256Of then hashes the file itself', async () => {
    const early = bigCsv('early.csv');
    hashWhileReading(early, false);
    const opened = tableParts(await openTable(early))!;
    const batches = opened.parts[0]!.batches([0], 1000);
    await batches.next();
    await batches.return(undefined);
    expect(await digestRead(early)).toBeUndefined();
    expect(await sha256Of([early])).toBe(sha256(early));

    const other = bigCsv('other.csv');
    await readColumns(await openTable(other), ['score'], ['number']);
    expect(await digestRead(other)).toBeUndefined();
    expect(await sha256Of([other])).toBe(sha256(other));
  });

  it('hashes a gzipped file as stored (its compressed bytes), not as read', async () => {
    const path = writeData(dir, 'packed.csv.gz', 'id,score\n1,0.5\n2,0.25\n');
    hashWhileReading(path, false);
    await readColumns(await openTable(path), ['score'], ['number']);
    expect(await digestRead(path)).toBeUndefined();
    expect(await sha256Of([path])).toBe(sha256(path));
  });
});

describe.runIf(process.platform === 'linux')('SHA-256 of the predictions taken by openssl beside the read', () => {
  it('gives the digest of the bytes as stored, whatever the reader does, for a gzipped file too', async () => {
    const path = bigCsv('beside.csv');
    hashWhileReading(path);
    // the read stops early: the other process hashed the whole file anyway
    const batches = tableParts(await openTable(path))!.parts[0]!.batches([0], 1000);
    await batches.next();
    await batches.return(undefined);
    expect(await digestRead(path)).toBe(sha256(path));
    expect(await sha256Of([path])).toBe(sha256(path));

    const packed = writeData(dir, 'beside.csv.gz', 'id,score\n1,0.5\n');
    hashWhileReading(packed);
    expect(await digestRead(packed)).toBe(sha256(packed));
  });

  it('takes any file name as a name: a leading dash, a backslash, a line break, a quote, a dollar sign', async () => {
    for (const name of ['-n.csv', 'back\\slash.csv', 'line\nbreak.csv', "it's $HOME `x`.csv"]) {
      const path = writeData(dir, name, 'id,score\n1,0.5\n');
      hashWhileReading(path);
      expect(await digestRead(path), name).toBe(sha256(path));
    }
  });

  it('falls back to hashing in process when openssl cannot be started or finds no file', async () => {
    const path = bigCsv('no-openssl.csv');
    const saved = process.env.PATH;
    process.env.PATH = dir; // no openssl here
    try {
      hashWhileReading(path);
    } finally {
      process.env.PATH = saved;
    }
    expect(await digestRead(path)).toBeUndefined();
    expect(await sha256Of([path])).toBe(sha256(path));

    // a glob's pattern is no file: nothing is started, and sha256Of hashes the files it matched
    hashWhileReading(`${dir}/*.csv`);
    expect(await digestRead(`${dir}/*.csv`)).toBeUndefined();
  });
});
