/**
 * Output paths the user chose (`report`, `output`, `profile`, `infer-schema`): checked when the inputs are read,
 * before any work, so a path that cannot be written is a named input error and not a half-done run; and a write
 * that still fails (a race, a full disk) is reported against the same input, never as a bug (issue #10).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { inputError } from '../errors.ts';
import { writeFileAtomic } from './atomic.ts';

/** Why nothing can be written at `path` (absolute), or undefined when it looks writable. */
export function outputPathProblem(path: string): string | undefined {
  const target = statOrUndefined(path);
  if (target?.isDirectory()) return `${path} is a directory; give a file path.`;
  if (target && !writable(path)) return `${path} exists and is not writable.`;
  // The nearest ancestor that exists must be a directory we may create entries in.
  let dir = dirname(path);
  for (;;) {
    const found = statOrUndefined(dir);
    if (found) {
      if (!found.isDirectory()) return `${dir} is a file, so nothing can be written under it.`;
      if (!writable(dir)) return `the directory ${dir} is not writable.`;
      return undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Throws the input error for an output path that cannot be written. */
export function checkOutputPath(input: string, path: string): void {
  const problem = outputPathProblem(path);
  if (problem) throw inputError(input, `cannot write ${path}: ${problem}`);
}

/** Writes an output file atomically; a failure names the input and the reason (e.g. ENOSPC: no space left). */
export async function writeOutputFile(input: string, path: string, content: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(path, content);
  } catch (error) {
    throw writeError(input, path, error);
  }
}

function writeError(input: string, path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code) return error;
  const why = outputPathProblem(path) ?? `${WHY[code] ?? 'the write failed'} (${code}).`;
  return inputError(input, `cannot write ${path}: ${why}`);
}

const WHY: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'the path is a directory',
  ENAMETOOLONG: 'the path is too long',
};

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
