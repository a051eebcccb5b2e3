/**
 * SHA-256 of a file taken while a reader reads it whole (data/byte-chunks), so evaluate-model's `source.sha256`
 * costs no second read of the predictions: reading 314 MB again from the page cache was ~50 ms of the bench. Only
 * files asked for are hashed (validate-data's reads pay nothing), and a digest is kept only when one reader went
 * from the first byte to the end; anything else (a glob of files, a gzipped file, a read stopped early) leaves the
 * caller to hash the file itself.
 */
import { createHash, type Hash } from 'node:crypto';
import { resolve } from 'node:path';

const wanted = new Set<string>();
const digests = new Map<string, string>();

/** Asks the readers of `path` to hash it as they read it. */
export function hashWhileReading(path: string): void {
  wanted.add(resolve(path));
}

/** A fresh hash for a reader about to read `path` from its start, when its digest was asked for. */
export function hashFor(path: string): Hash | undefined {
  return wanted.has(resolve(path)) ? createHash('sha256') : undefined;
}

/** Keeps the digest of a file a reader read whole. */
export function keepDigest(path: string, hash: Hash): void {
  digests.set(resolve(path), hash.digest('hex'));
}

/** The digest of `path` taken during a whole read, if there was one. */
export function digestRead(path: string): string | undefined {
  return digests.get(resolve(path));
}
