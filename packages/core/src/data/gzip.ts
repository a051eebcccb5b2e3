/**
 * Gzip and read failures of data files: a name ending in `.gz` is gunzipped with node:zlib as it streams, and an
 * fs or zlib failure becomes a UserError that says what is wrong with the file.
 */
import { createReadStream } from 'node:fs';
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
