// PNG screenshots of the demo's PR comments and job summaries, rendered as GitHub shows them (cmark-gfm, Mermaid,
// GitHub-like styles, light theme), for the READMEs' "What your reviewers see".
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromiumAvailable, CHROMIUM, openRenderer } from '../render/browser.ts';
import { demoReports } from '../render/demo-reports.ts';
import { cmarkGfmAvailable, CMARK_GFM } from '../render/gfm.ts';

/** The report of each action the READMEs show: the PR comment where there is one, else the job summary. */
export const SHOWN: Array<{ action: string; kind: 'comment' | 'summary' }> = [
  { action: 'validate-data', kind: 'comment' },
  { action: 'evaluate-model', kind: 'summary' },
  { action: 'compare-to-baseline', kind: 'comment' },
  { action: 'package-docker', kind: 'summary' },
  { action: 'deploy-canary', kind: 'summary' },
];

export const imagePath = (action: string, kind: string) => join('docs', 'images', `${action}-${kind}.png`);

export async function writeScreenshots(root: string): Promise<string[]> {
  const missing = [chromiumAvailable() ? '' : CHROMIUM, cmarkGfmAvailable() ? '' : CMARK_GFM].filter(Boolean);
  if (missing.length)
    throw new Error(
      `${missing.join(' and ')} missing: install Debian's chromium and cmark-gfm (apt-get install chromium cmark-gfm).`,
    );
  const reports = demoReports();
  const renderer = await openRenderer();
  const written: string[] = [];
  try {
    mkdirSync(join(root, 'docs', 'images'), { recursive: true });
    for (const { action, kind } of SHOWN) {
      const report = reports.find((r) => r.action === action && r.kind === kind);
      if (!report) {
        console.warn(
          `${action}: the demo made no ${kind} (package-docker needs a Docker engine); ${imagePath(action, kind)} left as it is.`,
        );
        continue;
      }
      const title = kind === 'comment' ? '<b>github-actions</b> bot commented' : `<b>${action}</b> · job summary`;
      const path = join(root, imagePath(action, kind));
      // The demo passes absolute paths; the pictures show them relative to the repository, as in a checkout.
      await renderer.screenshot(report.markdown.replaceAll(`${root}/`, ''), title, path);
      written.push(relative(root, path));
    }
  } finally {
    await renderer.close();
  }
  return written;
}
