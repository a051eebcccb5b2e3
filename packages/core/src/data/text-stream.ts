/**
 * A data file as a stream of decoded text chunks: read with fs streams, gunzipped with node:zlib when the name ends
 * in `.gz`, UTF-8 decoded across chunk boundaries, byte-order mark removed. Memory stays at one chunk.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { fileError, type UserError } from '../errors.ts';

/** Bytes read per chunk: large enough that per-chunk work is noise, small enough to keep memory flat. */
export const CHUNK_BYTES = 1024 * 1024;

/** True when the file name says gzip. */
export function isGzip(file: string): boolean {
  return /\.gz$/i.test(file);
}

/** Opens `path` (gunzipping `.gz`) as a byte stream; read errors become UserErrors naming `display`. */
export function openBytes(path: string, display: string): Readable {
  const source = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  if (!isGzip(path)) return source;
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  source.on('error', (e) => gunzip.destroy(e));
  return source.pipe(gunzip);
}

/** Yields the decoded text of a file chunk by chunk. */
export async function* readText(path: string, display: string): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let first = true;
  try {
    for await (const bytes of openBytes(path, display)) {
      let text = decoder.write(bytes as Buffer);
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (text.length > 0) yield text;
    }
  } catch (e) {
    throw readError(e, display);
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
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
