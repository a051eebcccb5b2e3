/**
 * Expands a data path that may be a glob (`*`, `**`, `?`, `{a,b}`, `[abc]`) into the files it matches, relative to
 * the working directory, in sorted order so a run reads its files in the same order on every runner.
 */
import { glob, stat } from 'node:fs/promises';
import { UserError } from '../errors.ts';

/** True when `pattern` uses glob syntax rather than naming one file. */
export function isGlob(pattern: string): boolean {
  return /[*?{[]/.test(pattern);
}

/** The files `pathOrGlob` names: the path itself when it is not a glob, else every matching file, sorted. */
export async function expandPath(pathOrGlob: string, input?: string): Promise<string[]> {
  if (pathOrGlob.trim() === '')
    throw new UserError('the data path is empty: expected a file path or a glob', { input });
  // A file whose name merely contains glob characters (`run[1].csv`) is read as named.
  if (isGlob(pathOrGlob) && (await stat(pathOrGlob).catch(() => undefined))?.isFile()) return [pathOrGlob];
  if (!isGlob(pathOrGlob)) {
    const info = await stat(pathOrGlob).catch(() => undefined);
    if (!info)
      throw new UserError(`file not found: '${pathOrGlob}' (relative to ${process.cwd()})`, {
        input,
        file: pathOrGlob,
      });
    if (info.isDirectory()) {
      throw new UserError(`'${pathOrGlob}' is a directory: name a file, or a glob such as '${pathOrGlob}/*.csv'`, {
        input,
        file: pathOrGlob,
      });
    }
    return [pathOrGlob];
  }
  const files: string[] = [];
  // Node's fs.glob (Node 22+) follows minimatch syntax and answers relative to the working directory when the
  // pattern is relative; directories are left out because only files hold rows.
  for await (const match of glob(pathOrGlob)) {
    const info = await stat(match).catch(() => undefined);
    if (info?.isFile()) files.push(match);
  }
  if (files.length === 0) {
    throw new UserError(`no file matches the glob '${pathOrGlob}' (relative to ${process.cwd()})`, { input });
  }
  // Code-unit order, not locale order: the same on every runner and the order `ls` gives in the C locale.
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
