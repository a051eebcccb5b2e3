/**
 * Gzip and read failures of data files: a name ending in `.gz` is gunzipped with node:zlib as it streams, and an
 * fs or zlib failure becomes a UserError that says what is wrong with the file.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { fileError, type UserError } from '../errors.ts';

/** True when the file name says gzip. */
export function isGzip(file: string): boolean {
  return /\.gz$/i.test(file);
}

/** The decompressed bytes of a gzip file as a stream (a read error is passed on to the stream's consumer). */
export function gunzipStream(path: string, chunkSize: number): Readable {
  const source = createReadStream(path, { highWaterMark: chunkSize });
  const gunzip = createGunzip({ chunkSize });
  source.on('error', (e) => gunzip.destroy(e));
  return source.pipe(gunzip);
}

/**
 * The uncompressed size a gzip file records in its last 4 bytes (ISIZE, RFC 1952): exact below 4 GiB for a
 * single-member file, only an estimate otherwise. Undefined when the file is too short to hold it.
 */
export async function gzipSize(path: string): Promise<number | undefined> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size < 18) return undefined;
    const tail = Buffer.alloc(4);
    await handle.read(tail, 0, 4, size - 4);
    return tail.readUInt32LE(0);
  } finally {
    await handle.close();
  }
}

/** Turns an fs/zlib failure into a UserError that says what is wrong with the file. */
export function readError(e: unknown, display: string): Error {
  const err = e as NodeJS.ErrnoException;
  const code = err?.code;
  let error: UserError | undefined;
  if (code === 'ENOENT') error = fileError('file not found', display);
  else if (code === 'EISDIR') error = fileError('is a directory, expected a data file', display);
  else if (code === 'EACCES' || code === 'EPERM') error = fileError('permission denied reading the file', display);
  else if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'ERR_ZLIB_INITIALIZATION_FAILED')
    error = fileError(`not a valid gzip file (${err.message}); a name ending in .gz must be gzip-compressed`, display);
  return error ?? (e as Error);
}
