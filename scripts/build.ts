// Bundles every action with @vercel/ncc into dist/<name>/index.js (licenses beside it), the files users run.
// Usage: node scripts/build.ts [action ...]   (default: every actions/*/ with an action.yml)
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
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
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(import.meta.dirname, '..');
const SHARED_NATIVE = '_duckdb';
/** Files several bundles load, kept once (named by their content): the deferred modules of moveDeferredModules. */
const SHARED_JS = '_shared';
const all = readdirSync(join(root, 'actions')).filter((a) => existsSync(join(root, 'actions', a, 'action.yml')));
const wanted = process.argv.slice(2);
const actions = wanted.length ? wanted : all;

// A bundle of an action that no longer exists would be stale: remove it.
if (!wanted.length && existsSync(join(root, 'dist'))) {
  for (const d of readdirSync(join(root, 'dist')))
    if (!all.includes(d) && d !== SHARED_NATIVE && d !== SHARED_JS)
      rmSync(join(root, 'dist', d), { recursive: true, force: true });
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

// What only the deferred @actions/http-client needs (it and undici, ~1 MB of the ~2.3 MB index.js) is moved to
// dist/_shared/http-<sha256>.cjs, and index.js requires that file at the first use of one of its modules. V8 parses
// every function of a script before it runs it, lazily compiled or not: the bytes alone were ~15 ms and ~4 MB of
// every start. Modules that other code in index.js reaches stay, and so do externals (they use import.meta). The
// file is named by its content, so the bundles that move the same modules (today all five) share one copy, as
// they share DuckDB's library; removeUnusedShared deletes the copies no bundle names any more.
const MODULES_START = '/******/ var __webpack_modules__ = ({\n';
const MODULES_END = '\n/******/ });\n';

function moveDeferredModules(out: string): void {
  const index = join(out, 'index.js');
  const text = readFileSync(index, 'utf8');
  const proxy =
    /new Proxy\(\{\}, \{ get: \(_, key\) => __nccwpck_require__\((\d+)\)\[key\] \}\); \/\/ deferred by scripts\/build\.ts/.exec(
      text,
    );
  if (!proxy) return;
  const start = text.indexOf(MODULES_START);
  const end = text.indexOf(MODULES_END, start);
  if (start < 0 || end < 0 || !text.startsWith('import { createRequire as __WEBPACK_EXTERNAL_createRequire }'))
    throw new Error(`unexpected layout of ${index}: update moveDeferredModules in scripts/build.ts`);
  const body = text.slice(start + MODULES_START.length, end);
  // entries: "/***/ 12345:\n/***/ ((module, ...) => { ... })" separated by ",\n\n"
  const heads = [...body.matchAll(/^\/\*\*\*\/ (\d+):\n/gm)];
  const modules = new Map<string, string>();
  heads.forEach((h, i) => {
    const from = h.index + h[0].length;
    const to = i + 1 < heads.length ? heads[i + 1]!.index : body.length;
    modules.set(h[1]!, body.slice(from, to).replace(/,\s*$/, '').trimEnd());
  });
  // the deferred require itself (inside @actions/core's module) is no eager use
  const refs = (code: string) =>
    [...code.replace(proxy[0], '').matchAll(/__nccwpck_require__\((\d+)\)/g)].map((m) => m[1]!);
  const closure = (roots: string[]): Set<string> => {
    const seen = new Set<string>();
    for (const stack = [...roots]; stack.length;) {
      const id = stack.pop()!;
      if (seen.has(id) || !modules.has(id)) continue;
      seen.add(id);
      stack.push(...refs(modules.get(id)!));
    }
    return seen;
  };
  const rest = text.slice(0, start) + text.slice(end);
  const eager = closure(refs(rest));
  const moved = [...closure([proxy[1]!])].filter(
    (id) => !eager.has(id) && !/import\.meta|__WEBPACK_EXTERNAL_createRequire/.test(modules.get(id)!),
  );
  if (!moved.includes(proxy[1]!))
    throw new Error(
      `@actions/http-client is loaded eagerly in ${index}: update moveDeferredModules in scripts/build.ts`,
    );
  const stay = [...modules.keys()].filter((id) => !moved.includes(id));
  const entries = (ids: string[]) => ids.map((id) => `/***/ ${id}:\n${modules.get(id)!}`).join(',\n\n');
  const deferred = `'use strict';\n// Modules of the bundles' index.js that only @actions/http-client needs, moved here by scripts/build.ts and\n// required at their first use.\nmodule.exports = {\n${entries(moved)}\n};\n`;
  const file = `${SHARED_JS}/http-${createHash('sha256').update(deferred).digest('hex').slice(0, 16)}.cjs`;
  const shared = join(root, 'dist', file);
  if (!existsSync(shared)) {
    // written aside and renamed: the other bundle built meanwhile may be writing the same file
    mkdirSync(dirname(shared), { recursive: true });
    writeFileSync(`${shared}.${process.pid}.${basename(out)}`, deferred);
    renameSync(`${shared}.${process.pid}.${basename(out)}`, shared);
  }
  const loader =
    `\n/******/ // ${moved.length} modules only @actions/http-client needs are in ../${file}, required at the first use of one (scripts/build.ts)\n` +
    `/******/ for (const id of ${JSON.stringify(moved)}) Object.defineProperty(__webpack_modules__, id, { configurable: true, enumerable: true, get() {\n` +
    `/******/ \tconst deferred = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("../${file}");\n` +
    `/******/ \tfor (const [key, factory] of Object.entries(deferred)) Object.defineProperty(__webpack_modules__, key, { value: factory, writable: true, configurable: true, enumerable: true });\n` +
    `/******/ \treturn deferred[id];\n/******/ } });\n`;
  writeFileSync(
    index,
    text.slice(0, start) + MODULES_START + entries(stay) + MODULES_END + loader + text.slice(end + MODULES_END.length),
  );
}

// V8 keeps a script's source as it reads it: one byte a character when every character is Latin-1, two otherwise.
// The bundles' few characters past Latin-1 (arrows, ≤, ✅ in messages, an HTML entity table in a dependency) made
// each index.js a two-byte string (2.6 MB in memory for 1.3 MB of text, the whole run). They are written as \u
// escapes instead, which mean the same in string, template and regular-expression literals, identifiers and
// comments. Latin-1 characters stay: a no-break space may be whitespace between tokens, where an escape is a syntax
// error; a Unicode space past Latin-1 in that place would be too, so every rewritten file is checked by node --check.
// String.raw, or a backslash before such a character, would change meaning: a bundle with either fails the build.
const PAST_LATIN1 = /[\u0100-\uffff]/g;
const UNESCAPABLE = /String\.raw`[^`]*[\u0100-\uffff]|\\[\u0100-\uffff]/;

function latin1Only(out: string): void {
  for (const file of readdirSync(out).filter((f) => /\.(c|m)?js$/.test(f))) {
    const path = join(out, file);
    const text = readFileSync(path, 'utf8');
    if (text.search(PAST_LATIN1) < 0) continue;
    if (UNESCAPABLE.test(text))
      throw new Error(`${path} has a character latin1Only cannot escape: see scripts/build.ts`);
    writeFileSync(
      path,
      text.replace(PAST_LATIN1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    );
    const check = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8' });
    if (check.status !== 0)
      throw new Error(`${path} does not parse once its characters past Latin-1 are escaped:\n${check.stderr}`);
  }
}

function ncc(entry: string, out: string, extra: string[] = []): Promise<void> {
  const cli = fileURLToPath(import.meta.resolve('@vercel/ncc/dist/ncc/cli.js'));
  const args = [cli, 'build', entry, '-o', out, ...extra, '--transpile-only', '--no-source-map-register', '--quiet'];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d));
    child.stderr.on('data', (d: Buffer) => (log += d));
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`ncc failed for ${entry}:\n${log}`))));
  });
}

async function build(action: string): Promise<string> {
  // Built beside dist/<action> and renamed into place, so tests running meanwhile never find it missing.
  const final = join(root, 'dist', action);
  const out = join(root, 'dist', `.${action}.building-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  await ncc(join('actions', action, 'src', 'index.ts'), out, ['--license', 'licenses.txt']);
  shareNative(out);
  latin1Only(out);
  deferHttpClient(out);
  moveDeferredModules(out);
  rmSync(final, { recursive: true, force: true });
  renameSync(out, final);
  return action;
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
removeUnusedShared();
console.log(`${actions.length} bundle(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

/** Deletes the files of dist/_shared that no bundle's index.js names (left by an earlier build). */
function removeUnusedShared(): void {
  const dir = join(root, 'dist', SHARED_JS);
  if (!existsSync(dir)) return;
  const named = readdirSync(join(root, 'dist'))
    .filter((d) => existsSync(join(root, 'dist', d, 'index.js')))
    .map((d) => readFileSync(join(root, 'dist', d, 'index.js'), 'utf8'))
    .join('\n');
  for (const f of readdirSync(dir))
    if (!named.includes(`"../${SHARED_JS}/${f}"`)) rmSync(join(dir, f), { force: true });
}
