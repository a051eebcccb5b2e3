/**
 * SHA-256 of the predictions for evaluate-model's `source.sha256`, taken beside the read rather than after it.
 *
 * On Linux and macOS an `openssl dgst -sha256` process (on every GitHub-hosted runner of both) hashes the file on
 * the other core while this process parses it: the hash had been 10-15% of the main thread's time on the bench's
 * exports (154 ms of a 314 MB file). It costs ~6 MB and one more read from the page cache, and its CPU time still
 * counts in the step's. OpenSSL's SHA-256 runs at the speed of Node's own (the same library, with the CPU's SHA
 * instructions); coreutils' sha256sum took 3x the CPU and, on two cores, slowed the parse it ran beside.
 * Elsewhere the readers hash the file as they read it (data/byte-chunks), and a digest is kept only when one reader
 * went from the first byte to the end. When neither gives a digest (a glob of files, a gzipped file read in
 * process, a read stopped early, openssl missing or failing), the caller hashes the file itself (evaluate/document).
 * The file's name is an argument after `--`, never shell text.
 */
import { spawn } from 'node:child_process';
import { createHash, type Hash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

const wanted = new Set<string>();
const digests = new Map<string, string>();
const hashing = new Map<string, Promise<string | undefined>>();

const BESIDE = process.platform === 'linux' || process.platform === 'darwin';

/**
 * Asks for the digest of `path`: an openssl process started now (`beside`, by default on Linux and macOS, for a
 * file that exists), or the readers' hash as they read it.
 */
export function hashWhileReading(path: string, beside = BESIDE): void {
  const full = resolve(path);
  const child = beside && statSync(full, { throwIfNoEntry: false })?.isFile() ? opensslDigest(full) : undefined;
  if (child) hashing.set(full, child);
  else wanted.add(full);
}

/** The digest printed by `openssl dgst -sha256 -r -- path`, or undefined when it could not be had (never rejects). */
function opensslDigest(path: string): Promise<string | undefined> | undefined {
  let child;
  try {
    child = spawn('openssl', ['dgst', '-sha256', '-r', '--', path], { stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
  // a step that ends early (an error, a failed gate) does not wait for it
  const stop = () => child.kill();
  process.once('exit', stop);
  let out = '';
  child.stdout.setEncoding('latin1');
  child.stdout.on('data', (d: string) => (out += d));
  return new Promise((done) => {
    child.on('error', () => done(undefined));
    child.on('close', (code) => {
      process.removeListener('exit', stop);
      // a name with a backslash or a line break is printed escaped, after a leading backslash
      const digest = /^\\?([0-9a-f]{64}) /.exec(out)?.[1];
      done(code === 0 ? digest : undefined);
    });
  });
}

/** A fresh hash for a reader about to read `path` from its start, when its digest is to be taken in the read. */
export function hashFor(path: string): Hash | undefined {
  return wanted.has(resolve(path)) ? createHash('sha256') : undefined;
}

/** Keeps the digest of a file a reader read whole. */
export function keepDigest(path: string, hash: Hash): void {
  digests.set(resolve(path), hash.digest('hex'));
}

/** The digest of `path` from openssl or from a whole read, if there was one. */
export async function digestRead(path: string): Promise<string | undefined> {
  const full = resolve(path);
  return (await hashing.get(full)) ?? digests.get(full);
}
