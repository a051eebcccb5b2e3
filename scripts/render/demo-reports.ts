// The reports the demo produces (job summaries and PR comments), collected by running `npm run demo` with
// MODELGATE_REPORTS_DIR pointing at a fresh folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Report {
  /** The file it was collected as, e.g. `compare-to-baseline-…-comment.md`. */
  file: string;
  action: string;
  kind: 'summary' | 'comment';
  markdown: string;
}

/** The reports in a folder the local runner collected into (MODELGATE_REPORTS_DIR). */
export function collectedReports(dir: string): Report[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort();
  } catch {
    return [];
  }
  return files.map((file) => {
    const m = /^([a-z-]+?)-\d+-\d+-\d+-(summary|comment)\.md$/.exec(file);
    return {
      file,
      action: m?.[1] ?? file,
      kind: (m?.[2] as 'summary' | 'comment' | undefined) ?? 'summary',
      markdown: readFileSync(join(dir, file), 'utf8'),
    };
  });
}

/** Runs the demo and returns its reports. */
export function demoReports(): Report[] {
  const root = join(import.meta.dirname, '..', '..');
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-demo-reports-'));
  execFileSync(process.execPath, [join(root, 'scripts', 'demo.ts')], {
    cwd: root,
    env: { ...process.env, MODELGATE_REPORTS_DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
  });
  return collectedReports(dir);
}
