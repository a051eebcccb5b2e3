import { copyFile, link, mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { UserError } from '../errors.ts';
import type { ContextPath } from './dockerfile.ts';

/** A path the generated Dockerfile copies, as the user gave it and resolved. */
export interface ContextEntry {
  /** The action input it came from (for error messages). */
  input: string;
  /** Absolute path. */
  path: string;
}

/** The entry's path relative to the context, POSIX style; an error when it is outside the context. */
export async function toContextPath(context: string, entry: ContextEntry): Promise<ContextPath> {
  const rel = relative(context, entry.path);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new UserError(
      `${entry.path} is outside the build context ${context}; Docker can only copy files inside the context.`,
      {
        input: entry.input,
      },
    );
  }
  let info;
  try {
    info = await stat(entry.path);
  } catch {
    throw new UserError(`${entry.path} does not exist; expected a file or directory to copy into the image.`, {
      input: entry.input,
    });
  }
  return { path: rel === '' ? '.' : rel.split(sep).join('/'), directory: info.isDirectory() };
}

/** Hard-links a file (instant, no copy of large weights), copying when links cannot cross devices. */
async function place(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

async function placeTree(from: string, to: string): Promise<void> {
  if (!(await stat(from)).isDirectory()) return place(from, to);
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from)) await placeTree(join(from, entry), join(to, entry));
}

/**
 * Builds a minimal build context holding only the paths the generated Dockerfile copies, at the
 * same relative paths. The classic builder sends the whole context to the daemon on every build:
 * with the default context `.` that would be the entire checkout (node_modules, .git, data).
 */
export async function stageContext(context: string, paths: ContextPath[], target: string): Promise<void> {
  await mkdir(target, { recursive: true });
  for (const p of paths) {
    if (p.path === '.')
      throw new UserError('the whole context cannot be copied as one of the files; list the serving files instead.', {
        input: 'files',
      });
    await placeTree(join(context, p.path), join(target, p.path));
  }
}
