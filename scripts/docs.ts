// Regenerates the inputs/outputs tables of every action README from its action.yml.
// Usage: npm run docs   (a test fails when a README and its action.yml drift apart)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReadme, INPUTS_START, INPUTS_END, OUTPUTS_START, OUTPUTS_END } from './docs/action-docs.ts';

const root = join(import.meta.dirname, '..');
for (const action of readdirSync(join(root, 'actions'))) {
  const readmePath = join(root, 'actions', action, 'README.md');
  if (!existsSync(join(root, 'actions', action, 'action.yml')) || !existsSync(readmePath)) continue;
  const next = renderReadme(root, action, readFileSync(readmePath, 'utf8'));
  if (next === undefined) {
    console.error(`${readmePath}: add the markers ${INPUTS_START}${INPUTS_END} and ${OUTPUTS_START}${OUTPUTS_END}`);
    process.exitCode = 1;
    continue;
  }
  writeFileSync(readmePath, next);
  console.log(`updated ${readmePath}`);
}
