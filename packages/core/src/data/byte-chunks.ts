/**
 * Reads a data file (gunzipped when named `.gz`) in chunks into buffers used in turn, so a pass over a file of
 * any size allocates nothing per chunk and memory stays flat. Each chunk starts with the caller's carry: the
 * incomplete last row of the previous chunk.
 *
 * A plain file is read ahead: the read of the next chunk is under way (in libuv's thread pool) while the caller
 * parses this one, into a third buffer with room before the bytes for the carry, which is only known once the
 * chunk before is parsed. Waiting for each read in turn left the main thread idle for ~15% of the wall time of a
 * 112 MB file.
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
/** Room before each read-ahead chunk for the carry; a longer carry (a row of more than 64 KiB) is copied. */
const ROOM = 64 * 1024;

export class ChunkReader {
  readonly #path: string;
  readonly #display: string;
  #handle: FileHandle | undefined;
  #gunzip: AsyncIterator<Buffer> | undefined;
  /** Leftover of a decompressed chunk that did not fit. */
  #pending: Buffer | undefined;
  /** Gzipped files: two buffers in turn, allocated at the first chunk. */
  #buffers: Buffer[] = [];
  #turn = 0;
  #first = true;
  #ended = false;
  /** The file's SHA-256 as it is read, when asked for (data/file-digests); plain files only. */
  #hash: Hash | undefined;
  /** Plain files: three buffers of ROOM + CHUNK bytes, the chunk n in ahead[n % 3]. */
  #ahead: Buffer[] | undefined;
  #aheadTurn = 0;
  /** The read under way into ahead[#aheadTurn]: its byte count. */
  #inFlight: Promise<number> | undefined;

  constructor(path: string, display: string) {
    this.#path = path;
    this.#display = display;
    this.#hash = isGzip(path) ? undefined : hashFor(path);
  }

  /**
   * The next chunk: a copy of `carry` followed by new bytes, or undefined at the end of the file. The chunk stays
   * valid until the call after next (the buffers are used in turn), so `carry` may point into the previous chunk.
   */
  async next(carry: Uint8Array): Promise<Buffer | undefined> {
    if (this.#ended) return undefined;
    if (!isGzip(this.#path)) return this.#nextAhead(carry);
    this.#turn ^= 1;
    if (!this.#buffers.length) this.#buffers = [Buffer.allocUnsafe(CHUNK * 2), Buffer.allocUnsafe(CHUNK * 2)];
    let buffer = this.#buffers[this.#turn]!;
    if (buffer.length < carry.length + CHUNK) {
      buffer = Buffer.allocUnsafe(2 * (carry.length + CHUNK));
      this.#buffers[this.#turn] = buffer;
    }
    buffer.set(carry, 0);
    const read = await this.#read(buffer, carry.length);
    if (read === 0) return this.#end();
    return this.#withoutBom(buffer.subarray(0, carry.length + read));
  }

  /** The end of the file: the digest of a whole read is kept, the file closed. */
  async #end(): Promise<undefined> {
    this.#ended = true;
    if (this.#hash) keepDigest(this.#path, this.#hash);
    await this.close();
    return undefined;
  }

  /** The chunk, without a UTF-8 byte order mark when it is the file's first. */
  #withoutBom(chunk: Buffer): Buffer {
    if (!this.#first) return chunk;
    this.#first = false;
    return chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
  }

  /** A plain file's next chunk: the read started by the call before, then the next read started. */
  async #nextAhead(carry: Uint8Array): Promise<Buffer | undefined> {
    this.#ahead ??= [0, 1, 2].map(() => Buffer.allocUnsafe(ROOM + CHUNK));
    const buffer = this.#ahead[this.#aheadTurn]!;
    const read = await (this.#inFlight ?? this.#readAhead(buffer));
    this.#inFlight = undefined;
    if (read === 0) return this.#end();
    // the next read goes into the buffer of two chunks ago: the previous one (where `carry` may point) stays valid
    this.#aheadTurn = (this.#aheadTurn + 1) % 3;
    const ahead = this.#readAhead(this.#ahead[this.#aheadTurn]!);
    ahead.catch(() => {}); // a failure is thrown by the next call (or ignored by close)
    this.#inFlight = ahead;
    let chunk: Buffer;
    if (carry.length <= ROOM) {
      buffer.set(carry, ROOM - carry.length);
      chunk = buffer.subarray(ROOM - carry.length, ROOM + read);
    } else {
      chunk = Buffer.allocUnsafe(carry.length + read);
      chunk.set(carry, 0);
      buffer.copy(chunk, carry.length, ROOM, ROOM + read);
    }
    return this.#withoutBom(chunk);
  }

  /** Reads the file's next bytes into buffer[ROOM, ROOM + CHUNK) (hashing them when asked); 0 at the end. */
  async #readAhead(buffer: Buffer): Promise<number> {
    try {
      this.#handle ??= await open(this.#path, 'r');
      const { bytesRead } = await this.#handle.read(buffer, ROOM, CHUNK, null);
      this.#hash?.update(buffer.subarray(ROOM, ROOM + bytesRead));
      return bytesRead;
    } catch (e) {
      throw readError(e, this.#display);
    }
  }

  /** Closes the file (also when a pass stops early). */
  async close(): Promise<void> {
    // a read stopped early hashed only part of the file
    this.#hash = undefined;
    const inFlight = this.#inFlight;
    this.#inFlight = undefined;
    await inFlight?.catch(() => 0);
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close();
    const gunzip = this.#gunzip;
    this.#gunzip = undefined;
    await gunzip?.return?.();
  }

  async #read(buffer: Buffer, at: number): Promise<number> {
    try {
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
