// scripts/build.ts moves what only @actions/http-client needs (it and undici, ~1 MB) from each bundle's index.js to
// dist/_shared/http-<sha256>.cjs, required at the first use of one of its modules. Here: every bundle's split is
// whole (no moved module left in index.js, each one in the shared file), the bundles that move the same modules
// share one file and no unused one is left, an action that talks to no server never loads it, and one that does
// (the sticky-comment and issue tests, through the GitHub stand-in) loads it there. And
// deploy-canary's Kubernetes client (19 MB, a chunk of its own) is loaded only by a run that talks to a cluster.
// Every script in dist/ is Latin-1 (scripts/build.ts latin1Only).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionCommand } from '../../../scripts/bench/_action.ts';

const ROOT = join(import.meta.dirname, '../../..');
const actions = readdirSync(join(ROOT, 'dist')).filter((d) => existsSync(join(ROOT, 'dist', d, 'index.js')));
/** The file of moved modules an index.js requires (relative to its folder), and the ids it lists. */
function loaderOf(index: string): { file: string; ids: string[] } | undefined {
  const listed = /for \(const id of (\[[^\]]*\])\) Object\.defineProperty\(__webpack_modules__/.exec(index);
  const file =
    /__WEBPACK_EXTERNAL_createRequire\(import\.meta\.url\)\("(\.\.\/_shared\/http-[0-9a-f]{16}\.cjs)"\)/.exec(index);
  return listed && file ? { file: file[1]!, ids: JSON.parse(listed[1]!) as string[] } : undefined;
}

/**
 * Runs an action's bundle as the runner does, with a probe file loaded first (`--require` for a .cjs, `--import`
 * for an .mjs) written into a fresh directory from `probe(dir)`; returns the run and that directory.
 */
function runWithProbe(action: string, inputs: (dir: string) => Record<string, string>, probe: (dir: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), 'deferred-'));
  const file = join(dir, probe(dir).startsWith('import') ? 'probe.mjs' : 'probe.cjs');
  writeFileSync(file, probe(dir));
  const cmd = actionCommand(action, inputs(dir), { dir });
  const flag = file.endsWith('.mjs') ? '--import' : '--require';
  const run = spawnSync(cmd.argv[0]!, cmd.argv.slice(1), {
    env: { ...process.env, ...cmd.env, NODE_OPTIONS: `${flag} ${file}` },
    cwd: dir,
    encoding: 'utf8',
  });
  return { run, dir };
}

describe('modules only @actions/http-client needs, in dist/_shared', () => {
  it.each(actions)('%s: index.js lists them and holds none of them; the shared file holds each one', (action) => {
    const index = readFileSync(join(ROOT, 'dist', action, 'index.js'), 'utf8');
    const loader = loaderOf(index);
    expect(loader, 'the loader of the moved modules').toBeDefined();
    const { file, ids } = loader!;
    expect(ids.length).toBeGreaterThan(50);
    for (const id of ids) expect(index.includes(`\n/***/ ${id}:\n`), `module ${id} still in index.js`).toBe(false);
    const path = join(ROOT, 'dist', action, file);
    const deferred = createRequire(import.meta.url)(path) as Record<string, unknown>;
    expect(Object.keys(deferred).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(typeof deferred[id], id).toBe('function');
    expect(readFileSync(path, 'utf8')).toContain('class HttpClient');
    expect(index.length).toBeLessThan(2_000_000);
  });

  it('is one file for the bundles that move the same modules, and no file in dist/_shared is unused', () => {
    const files = actions.map((a) => loaderOf(readFileSync(join(ROOT, 'dist', a, 'index.js'), 'utf8'))!.file);
    expect(new Set(files).size).toBe(1);
    expect(readdirSync(join(ROOT, 'dist', '_shared')).map((f) => `../_shared/${f}`)).toEqual([files[0]]);
  });

  it('an action that talks to no server runs without loading the shared file', () => {
    const { run: r, dir } = runWithProbe(
      'evaluate-model',
      (dir) => ({
        predictions: join(ROOT, 'examples/churn/predictions/candidate.csv'),
        'score-column': 'score',
        output: join(dir, 'metrics.json'),
      }),
      (dir) =>
        `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'loaded.json'))}, JSON.stringify(Object.keys(require.cache))));`,
    );
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(existsSync(join(dir, 'metrics.json'))).toBe(true);
    const loaded = JSON.parse(readFileSync(join(dir, 'loaded.json'), 'utf8')) as string[];
    expect(loaded.some((f) => f.endsWith('probe.cjs'))).toBe(true);
    expect(loaded.filter((f) => f.includes('/_shared/'))).toEqual([]);
  });

  it("deploy-canary's dry run never loads the Kubernetes client's chunk", () => {
    const dist = join(ROOT, 'dist', 'deploy-canary');
    const chunk = readdirSync(dist).find(
      (f) => f.endsWith('.js') && readFileSync(join(dist, f), 'utf8').includes('class KubeConfig'),
    );
    expect(chunk, 'the chunk holding @kubernetes/client-node').toBeDefined();
    expect(chunk).not.toBe('index.js');
    const { run: r, dir } = runWithProbe(
      'deploy-canary',
      () => ({
        image: 'registry.local/churn:2.0',
        name: 'churn',
        kubeconfig: '/nonexistent/kubeconfig',
        'dry-run': 'true',
      }),
      (dir) =>
        `import { registerHooks } from 'node:module';\nimport { appendFileSync } from 'node:fs';\nregisterHooks({ resolve(specifier, context, next) { appendFileSync(${JSON.stringify(join(dir, 'resolved.txt'))}, specifier + '\\n'); return next(specifier, context); } });\n`,
    );
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Dry run:');
    const resolved = readFileSync(join(dir, 'resolved.txt'), 'utf8').split('\n');
    expect(resolved.some((s) => s.endsWith('index.js'))).toBe(true);
    expect(resolved.filter((s) => s.endsWith(chunk!))).toEqual([]);
  });
});

describe('bundle text', () => {
  it('is Latin-1 in every script of dist/, so V8 holds each source one byte a character', () => {
    const scripts = readdirSync(join(ROOT, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      /\.(c|m)?js$/.test(f),
    );
    expect(scripts.length).toBeGreaterThan(actions.length);
    const twoByte = scripts.filter((f) => /[\u0100-\uffff]/.test(readFileSync(join(ROOT, 'dist', f), 'utf8')));
    expect(twoByte).toEqual([]);
  });
});
