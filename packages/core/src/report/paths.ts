import { isAbsolute, relative, sep } from 'node:path';

/**
 * A file path as a report shows it: relative to the workspace when inside it, so a reader sees
 * `metrics/baseline.json`, never the runner's `/home/runner/work/repo/repo/metrics/baseline.json`.
 */
export function displayPath(path: string, workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()): string {
  if (!isAbsolute(path)) return path;
  const inside = relative(workspace, path);
  if (inside === '') return '.';
  if (inside.startsWith('..') || isAbsolute(inside)) return path;
  return inside.split(sep).join('/');
}
