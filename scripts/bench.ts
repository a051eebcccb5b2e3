// npm run bench [name ...]: runs each benchmark in scripts/bench/ (our action against the tool a user would
// use instead, in turn on the same input), then prints every target's ratio and, per target, the worst file.
// Needs /usr/bin/python3 with pandas, scikit-learn and SciPy (Debian's python3-pandas, python3-sklearn,
// python3-scipy) and GNU time (/usr/bin/time). Run `npm run build` first: the benches run the bundles in dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TargetResult } from './bench/_measure.ts';

const dir = join(import.meta.dirname, 'bench');
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter(
    (f) =>
      f.endsWith('.ts') &&
      !f.startsWith('_') &&
      // <action>.ts, or <action>-sql.ts for the action on a database table
      existsSync(join(import.meta.dirname, '..', 'actions', f.replace(/(-sql)?\.ts$/, ''))),
  )
  .filter((f) => !wanted.length || wanted.includes(f.replace(/\.ts$/, '')));
if (
  !existsSync('/usr/bin/python3') ||
  spawnSync('/usr/bin/python3', ['-c', 'import pandas, sklearn, scipy']).status !== 0
) {
  console.error(
    'The benches compare with pandas, scikit-learn and SciPy: apt-get install python3-pandas python3-sklearn python3-scipy',
  );
  process.exit(1);
}
if (!existsSync('/usr/bin/time')) {
  console.error('The benches measure peak memory with GNU time: apt-get install time');
  process.exit(1);
}

const resultsDir = mkdtempSync(join(tmpdir(), 'bench-results-'));
const resultsFile = join(resultsDir, 'targets.jsonl');
let failed = 0;
try {
  for (const f of benches) {
    console.log(`\n=== ${f.replace(/\.ts$/, '')} ===`);
    const r = spawnSync(process.execPath, [join(dir, f)], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_RESULTS: resultsFile },
    });
    if (r.status !== 0) failed++;
  }
  const results: TargetResult[] = existsSync(resultsFile)
    ? readFileSync(resultsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as TargetResult)
    : [];
  summarise(results);
  if (results.some((r) => !r.ok)) failed++;
} finally {
  rmSync(resultsDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

/** Every ratio, then per (bench, target) the worst file: the figure that counts. */
function summarise(results: TargetResult[]): void {
  if (!results.length) return;
  console.log('\n=== every ratio (ours / theirs) ===');
  for (const r of results)
    console.log(
      r.info
        ? `  INFO ${r.bench}: ${r.label} ${r.value.toFixed(3)} (not a target)${r.file ? ` on ${r.file}` : ''}`
        : `  ${r.ok ? 'PASS' : 'MISS'} ${r.bench}: ${r.label} ${r.value.toFixed(3)} (<= ${r.atMost})${r.file ? ` on ${r.file}` : ''}`,
    );
  console.log('\n=== worst file per target ===');
  const worst = new Map<string, TargetResult>();
  for (const r of results.filter((r) => !r.info)) {
    const key = `${r.bench}\u0000${r.label}`;
    const seen = worst.get(key);
    if (!seen || r.value / r.atMost > seen.value / seen.atMost) worst.set(key, r);
  }
  for (const r of worst.values())
    console.log(
      `  ${r.ok ? 'PASS' : 'MISS'} ${r.bench}: ${r.label} ${r.value.toFixed(3)} (<= ${r.atMost})${r.file ? ` on ${r.file}` : ''}`,
    );
}
