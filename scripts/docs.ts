// npm run docs: regenerates the inputs/outputs tables of every action README from its action.yml (a test fails
// when a README and its action.yml drift apart), then the screenshots of the demo's reports in docs/images/.
// `npm run docs -- --tables` does only the tables (no browser needed).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReadme, INPUTS_START, INPUTS_END, OUTPUTS_START, OUTPUTS_END } from './docs/action-docs.ts';
import { writeScreenshots } from './docs/screenshots.ts';

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
if (!process.argv.includes('--tables')) {
  for (const image of await writeScreenshots(root)) console.log(`wrote ${image}`);
}
