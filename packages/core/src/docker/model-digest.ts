import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/**
 * The model's fingerprint for the `org.modelgate.model.sha256` label. A file: the sha256 of its bytes
 * (what `sha256sum model.bin` prints). A directory: the sha256 of the `sha256sum`-style listing
 * `<hex>  <relative/path>\n` of its files sorted by path, so the same tree gives the same value
 * on every OS (paths use `/`).
 */
export async function modelSha256(path: string): Promise<string> {
  if (!(await stat(path)).isDirectory()) return fileSha256(path);
  const files = (await listFiles(path)).map((f) => ({ abs: f, rel: relative(path, f).split(sep).join('/') }));
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const listing = createHash('sha256');
  for (const file of files) listing.update(`${await fileSha256(file.abs)}  ${file.rel}\n`);
  return listing.digest('hex');
}

/** The model's size in bytes (the `model-size` output): the file, or every file under the directory. */
export async function modelBytes(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const file of await listFiles(path)) total += (await stat(file)).size;
  return total;
}
