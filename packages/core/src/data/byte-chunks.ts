/**
 * Reads a data file (gunzipped when named `.gz`) in chunks into two buffers used in turn, so a pass over a file of
 * any size allocates nothing per chunk and memory stays flat. Each chunk starts with the caller's carry: the
 * incomplete last row of the previous chunk.
 *
 * Measured on the 33 MB bench file: a FileHandle reading into reused buffers takes 5-10 ms; fs.createReadStream
 * 25-80 ms and fresh 1 MB buffers per chunk 10-35 ms (page faults), both then needing Buffer.concat for the carry.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { Hash } from 'node:crypto';
import { hashFor, keepDigest } from './file-digests.ts';
import { gunzipStream, isGzip, readError } from './gzip.ts';

/** Bytes read per chunk. */
export const CHUNK = 1024 * 1024;

export class ChunkReader {
  readonly #path: string;
  readonly #display: string;
  #handle: FileHandle | undefined;
  #gunzip: AsyncIterator<Buffer> | undefined;
  /** Leftover of a decompressed chunk that did not fit. */
  #pending: Buffer | undefined;
  #buffers: [Buffer, Buffer] = [Buffer.allocUnsafe(CHUNK * 2), Buffer.allocUnsafe(CHUNK * 2)];
  #turn = 0;
  #first = true;
  #ended = false;
  /** The file's SHA-256 as it is read, when asked for (data/file-digests); plain files only. */
  #hash: Hash | undefined;

  constructor(path: string, display: string) {
    this.#path = path;
    this.#display = display;
    this.#hash = isGzip(path) ? undefined : hashFor(path);
  }

  /**
   * The next chunk: a copy of `carry` followed by new bytes, or undefined at the end of the file. The chunk stays
   * valid until the call after next (the two buffers alternate), so `carry` may point into the previous chunk.
   */
  async next(carry: Uint8Array): Promise<Buffer | undefined> {
    if (this.#ended) return undefined;
    this.#turn ^= 1;
    let buffer = this.#buffers[this.#turn]!;
    if (buffer.length < carry.length + CHUNK) {
      buffer = Buffer.allocUnsafe(2 * (carry.length + CHUNK));
      this.#buffers[this.#turn] = buffer;
    }
    buffer.set(carry, 0);
    const read = await this.#read(buffer, carry.length);
    if (read === 0) {
      this.#ended = true;
      if (this.#hash) keepDigest(this.#path, this.#hash);
      await this.close();
      return undefined;
    }
    let start = 0;
    if (this.#first) {
      this.#first = false;
      const b = buffer;
      if (read >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) start = 3;
    }
    return buffer.subarray(start, carry.length + read);
  }

  /** Closes the file (also when a pass stops early). */
  async close(): Promise<void> {
    // a read stopped early hashed only part of the file
    this.#hash = undefined;
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close();
    const gunzip = this.#gunzip;
    this.#gunzip = undefined;
    await gunzip?.return?.();
  }

  async #read(buffer: Buffer, at: number): Promise<number> {
    try {
      if (!isGzip(this.#path)) {
        this.#handle ??= await open(this.#path, 'r');
        const { bytesRead } = await this.#handle.read(buffer, at, CHUNK, null);
        this.#hash?.update(buffer.subarray(at, at + bytesRead));
        return bytesRead;
      }
      this.#gunzip ??= gunzipStream(this.#path, CHUNK)[Symbol.asyncIterator]();
      let chunk = this.#pending;
      this.#pending = undefined;
      if (!chunk) {
        const next = await this.#gunzip.next();
        if (next.done) return 0;
        chunk = next.value;
      }
      const fits = Math.min(chunk.length, CHUNK);
      buffer.set(chunk.subarray(0, fits), at);
      if (fits < chunk.length) this.#pending = chunk.subarray(fits);
      return fits;
    } catch (e) {
      throw readError(e, this.#display);
    }
  }
}
