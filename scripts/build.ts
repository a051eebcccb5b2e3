// Bundles every action with @vercel/ncc into dist/<name>/index.js (licenses beside it), the files users run.
// Usage: node scripts/build.ts [action ...]   (default: every actions/*/ with an action.yml)
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(import.meta.dirname, '..');
const SHARED_NATIVE = '_duckdb';
const all = readdirSync(join(root, 'actions')).filter((a) => existsSync(join(root, 'actions', a, 'action.yml')));
const wanted = process.argv.slice(2);
const actions = wanted.length ? wanted : all;

// A bundle of an action that no longer exists would be stale: remove it.
if (!wanted.length && existsSync(join(root, 'dist'))) {
  for (const d of readdirSync(join(root, 'dist')))
    if (!all.includes(d) && d !== SHARED_NATIVE) rmSync(join(root, 'dist', d), { recursive: true, force: true });
}

// DuckDB's native library (libduckdb.so, 70 MB, and the duckdb.node binding, which finds it through its RUNPATH
// $ORIGIN) is emitted by ncc into every bundle that can open a duckdb: connection. One copy is kept in
// dist/_duckdb/ and the bundles load it from there, so the repository a `uses:` step downloads carries it once.
function shareNative(out: string): void {
  if (!existsSync(join(out, 'duckdb.node'))) return;
  const shared = join(root, 'dist', SHARED_NATIVE);
  mkdirSync(shared, { recursive: true });
  for (const f of ['duckdb.node', 'libduckdb.so']) {
    const from = join(out, f);
    const to = join(shared, f);
    if (!existsSync(from)) throw new Error(`ncc emitted duckdb.node without ${f} in ${out}`);
    if (!existsSync(to) || !readFileSync(to).equals(readFileSync(from))) copyFileSync(from, to);
    rmSync(from);
  }
  const from = '.ab + "duckdb.node"';
  let patched = 0;
  for (const chunk of readdirSync(out).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(join(out, chunk), 'utf8');
    if (!text.includes(from)) continue;
    writeFileSync(join(out, chunk), text.replaceAll(from, `.ab + "../${SHARED_NATIVE}/duckdb.node"`));
    patched++;
  }
  if (patched === 0)
    throw new Error(`no bundle chunk in ${out} loads duckdb.node: update shareNative in scripts/build.ts`);
}

// @actions/core imports @actions/http-client (and with it undici, http2, https, tls: ~40 ms and ~7 MB at every
// start) only for getIDToken's OIDC client, which no action calls; webpack keeps the import for its side effects
// because the package does not declare it has none. The require is deferred to the first use of the module's
// exports (an Octokit, which requires it itself, loads it then).
const HTTP_CLIENT_IMPORT =
  /(\/\/ EXTERNAL MODULE: \.\/node_modules\/@actions\/http-client\/lib\/index\.js[^\n]*\n)var (\w+) = __nccwpck_require__\((\d+)\);/g;

function deferHttpClient(out: string): void {
  const index = join(out, 'index.js');
  const text = readFileSync(index, 'utf8');
  if (!text.includes('@actions/core/lib/oidc-utils.js')) return;
  let deferred = 0;
  const lazy = text.replace(HTTP_CLIENT_IMPORT, (_, comment: string, name: string, id: string) => {
    deferred++;
    return `${comment}var ${name} = new Proxy({}, { get: (_, key) => __nccwpck_require__(${id})[key] }); // deferred by scripts/build.ts`;
  });
  if (deferred !== 1)
    throw new Error(
      `found ${deferred} eager imports of @actions/http-client in ${index}: update deferHttpClient in scripts/build.ts`,
    );
  writeFileSync(index, lazy);
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
      shareNative(out);
      deferHttpClient(out);
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
