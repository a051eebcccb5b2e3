// Bundles every action with @vercel/ncc into dist/<name>/index.js (licenses beside it), the files users run.
// Usage: node scripts/build.ts [action ...]   (default: every actions/*/ with an action.yml)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(import.meta.dirname, '..');
const all = readdirSync(join(root, 'actions')).filter((a) => existsSync(join(root, 'actions', a, 'action.yml')));
const wanted = process.argv.slice(2);
const actions = wanted.length ? wanted : all;

// A bundle of an action that no longer exists would be stale: remove it.
if (!wanted.length && existsSync(join(root, 'dist'))) {
  for (const d of readdirSync(join(root, 'dist')))
    if (!all.includes(d)) rmSync(join(root, 'dist', d), { recursive: true, force: true });
}

function build(action: string): Promise<string> {
  // Built beside dist/<action> and renamed into place, so tests running meanwhile never find it missing.
  const final = join(root, 'dist', action);
  const out = join(root, 'dist', `.${action}.building-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  const ncc = fileURLToPath(import.meta.resolve('@vercel/ncc/dist/ncc/cli.js'));
  const args = [
    ncc,
    'build',
    join('actions', action, 'src', 'index.ts'),
    '-o',
    out,
    '--license',
    'licenses.txt',
    '--transpile-only',
    '--no-source-map-register',
    '--quiet',
  ];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d));
    child.stderr.on('data', (d: Buffer) => (log += d));
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`ncc failed for ${action}:\n${log}`));
      rmSync(final, { recursive: true, force: true });
      renameSync(out, final);
      done(action);
    });
  });
}

// Two at a time: the machines (and GitHub's runners) have two cores.
const queue = [...actions];
const started = Date.now();
await Promise.all(
  [0, 1].map(async () => {
    for (let a = queue.shift(); a; a = queue.shift()) {
      const t = Date.now();
      await build(a);
      console.log(`built dist/${a}/index.js in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  }),
);
console.log(`${actions.length} bundle(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
