// The rendering tests need Chromium and cmark-gfm (Debian's `chromium` and `cmark-gfm`; .ci/run installs them).
// Under CI=true they always run (and fail without them); elsewhere a missing one skips them, loudly.
import { chromiumAvailable, CHROMIUM } from '../../scripts/render/browser.ts';
import { cmarkGfmAvailable, CMARK_GFM } from '../../scripts/render/gfm.ts';

export function renderingTestsEnabled(suite: string): boolean {
  const missing = [chromiumAvailable() ? '' : CHROMIUM, cmarkGfmAvailable() ? '' : CMARK_GFM].filter(Boolean);
  if (missing.length === 0 || process.env.CI) return true;
  const line = '!'.repeat(100);
  console.warn(
    `\n${line}\n!!! SKIPPING ${suite}: ${missing.join(' and ')} missing, and CI is not set.\n` +
      `!!! apt-get install chromium cmark-gfm (as .ci/run does); under CI=true these tests run and fail without them.\n${line}\n`,
  );
  return false;
}
