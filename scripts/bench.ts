// npm run bench [name ...]: runs each benchmark in scripts/bench/ (our action against the tool a user would
// use instead, in turn on the same input) and prints their ratios. Needs /usr/bin/python3 with pandas,
// scikit-learn and SciPy (Debian's python3-pandas, python3-sklearn, python3-scipy) and GNU time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, 'bench');
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter(
    (f) =>
      f.endsWith('.ts') &&
      !f.startsWith('_') &&
      existsSync(join(import.meta.dirname, '..', 'actions', f.replace(/\.ts$/, ''))),
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
let failed = 0;
for (const f of benches) {
  console.log(`\n=== ${f.replace(/\.ts$/, '')} ===`);
  const r = spawnSync(process.execPath, [join(dir, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
