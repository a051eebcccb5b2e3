// Every declared dependency earns its place: something imports it, or a script runs its command.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/workflows.ts';

interface Manifest {
  name: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  bin?: string | Record<string, string>;
}
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** Source files under `dirs` (TypeScript and JavaScript), skipping installed and built code. */
function sources(dirs: string[]): string[] {
  const out: string[] = [];
  for (const dir of dirs.filter((d) => existsSync(d))) {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      const path = join(entry.parentPath, entry.name);
      if (entry.isFile() && /\.(ts|js|mjs|cjs)$/.test(entry.name) && !/\/(node_modules|dist)\//.test(path))
        out.push(path);
    }
  }
  return out;
}

/** The package names a file uses: static and dynamic imports, re-exports, require and resolve calls, node_modules paths. */
function importedPackages(text: string): Set<string> {
  const names = new Set<string>();
  const specifier = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*|\.resolve\s*\(\s*)['"]([^'"]+)['"]/g;
  for (const [, spec] of text.matchAll(specifier)) {
    if (!spec || spec.startsWith('.') || spec.startsWith('node:') || spec.startsWith('/')) continue;
    const parts = spec.split('/');
    names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
  }
  // A file read from the package's folder by path: join(ROOT, 'node_modules', 'mermaid', 'dist', ...).
  for (const [, first, second] of text.matchAll(
    /['"]node_modules['"]\s*,\s*['"]([^'"]+)['"](?:\s*,\s*['"]([^'"]+)['"])?/g,
  )) {
    if (first) names.add(first.startsWith('@') && second ? `${first}/${second}` : first);
  }
  // A plugin a tool loads by name from its configuration (Stryker's `plugins: ['@stryker-mutator/vitest-runner']`).
  for (const [, list] of text.matchAll(/\bplugins\s*:\s*\[([^\]]*)\]/g)) {
    for (const [, name] of list!.matchAll(/['"]([^'"]+)['"]/g)) if (name) names.add(name);
  }
  return names;
}

/** The commands a dependency installs (node_modules/.bin), which package.json scripts may run. */
function commandsOf(name: string): string[] {
  const dir = join(ROOT, 'node_modules', name);
  const { bin } = existsSync(join(dir, 'package.json')) ? manifest(dir) : {};
  if (!bin) return [];
  return typeof bin === 'string' ? [name.split('/').pop()!] : Object.keys(bin);
}

/** The declared dependencies nothing uses: not imported by `files`, no command of theirs in the scripts. */
function unused(declared: string[], files: string[], scripts: string[]): string[] {
  const imported = new Set(files.flatMap((f) => [...importedPackages(readFileSync(f, 'utf8'))]));
  const ran = (name: string) =>
    commandsOf(name).some((c) => scripts.some((s) => new RegExp(`(^|[\\s;&|(])${c}(\\s|$)`).test(s)));
  return declared.filter((d) => !imported.has(d) && !ran(d));
}

// Used without an import or a command: named here with the reason, so the list stays short and deliberate.
const USED_OTHERWISE: Record<string, string> = {
  '@types/node': "TypeScript's types for Node (tsconfig.json compilerOptions.types).",
  '@types/pg': "TypeScript's types for pg (which ships none), read when packages/core imports pg.",
};

describe('declared dependencies', () => {
  it('finds static, dynamic and resolved imports by package name', () => {
    const names = importedPackages(
      "import a from 'zod';\nexport { b } from '@actions/core/lib/x';\nconst c = await import('@kubernetes/client-node');\nimport.meta.resolve('@vercel/ncc/dist/ncc/cli.js');\njoin(root, 'node_modules', 'mermaid', 'dist');\ncreateRequire(u).resolve('@octokit/openapi/x.json');\nimport './local.ts';\nimport 'node:fs';",
    );
    expect([...names].sort()).toEqual([
      '@actions/core',
      '@kubernetes/client-node',
      '@octokit/openapi',
      '@vercel/ncc',
      'mermaid',
      'zod',
    ]);
  });

  it('reports a dependency that nothing imports (udsv, dropped from core)', () => {
    const core = sources([join(ROOT, 'packages', 'core', 'src')]);
    expect(unused(['udsv', 'zod'], core, [])).toEqual(['udsv']);
  });

  for (const dir of readdirSync(join(ROOT, 'packages')).map((p) => join(ROOT, 'packages', p))) {
    const m = manifest(dir);
    it(`${m.name}: every dependency is imported by its src/`, () => {
      const declared = Object.keys(m.dependencies ?? {});
      expect(
        unused(declared, sources([join(dir, 'src')]), []),
        `unused in ${relative(ROOT, dir)}/package.json`,
      ).toEqual([]);
    });
  }

  it('the root: every devDependency is imported by tests, scripts or a config, or its command is run', () => {
    const m = manifest(ROOT);
    const declared = Object.keys({ ...m.dependencies, ...m.devDependencies }).filter((d) => !(d in USED_OTHERWISE));
    const configs = readdirSync(ROOT)
      .filter((f) => /\.(ts|js|mjs)$/.test(f))
      .map((f) => join(ROOT, f));
    const files = [...sources(['tests', 'scripts', 'actions'].map((d) => join(ROOT, d))), ...configs];
    expect(unused(declared, files, Object.values(m.scripts ?? {})), 'unused in package.json').toEqual([]);
  });
});
