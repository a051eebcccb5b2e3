import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Integration tests run the committed bundles (what users get). Say so loudly when the source is newer.
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts'))
      t = Math.max(t, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  const source = Math.max(newest(join(root, 'packages', 'core', 'src')), newest(join(root, 'actions')));
  const stale = readdirSync(join(root, 'actions')).filter((a) => {
    const bundle = join(root, 'dist', a, 'index.js');
    return (
      existsSync(join(root, 'actions', a, 'action.yml')) &&
      (!existsSync(bundle) || statSync(bundle).mtimeMs + 2000 < source)
    );
  });
  if (stale.length) {
    console.warn(
      `\n!!! dist/ may be older than the source for: ${stale.join(', ')}. Integration tests run the bundles: run \`npm run build\`.\n`,
    );
  }
}
