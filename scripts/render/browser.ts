// Renders reports as GitHub shows them, in headless Chromium: the Markdown through cmark-gfm, every ```mermaid
// block through the `mermaid` package, and measures what a reviewer would see.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ALLOWED_ELEMENTS, attributeAllowed, hrefAllowed } from './allowlist.ts';
import { gfmToHtml } from './gfm.ts';
import { renderInPage, type RenderedReport } from './in-page.ts';

export type { RenderedChart, RenderedReport, RenderedSeries, RenderedTable } from './in-page.ts';
import { COMMENT_WIDTH, reportPage } from './page.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MERMAID = join(import.meta.dirname, '..', '..', 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** The elements and attributes of the parsed report that GitHub's sanitiser would remove. */
async function strippedHtml(page: Page): Promise<string[]> {
  const found = await page.evaluate(() =>
    [...document.getElementById('report')!.querySelectorAll('*')].map((e) => ({
      tag: e.tagName.toLowerCase(),
      attributes: [...e.attributes].map((a) => [a.name, a.value] as [string, string]),
    })),
  );
  const out: string[] = [];
  for (const { tag, attributes } of found) {
    if (!ALLOWED_ELEMENTS.has(tag)) out.push(`<${tag}>`);
    for (const [name, value] of attributes) {
      if (!attributeAllowed(tag, name)) out.push(`<${tag} ${name}>`);
      else if (tag === 'a' && name === 'href' && !hrefAllowed(value)) out.push(`<a href="${value.slice(0, 40)}">`);
    }
  }
  return out;
}

export interface Renderer {
  render(markdown: string): Promise<RenderedReport>;
  /** A PNG of the report as GitHub shows it (light theme, <details> as the report sets them). */
  screenshot(markdown: string, title: string, path: string): Promise<void>;
  close(): Promise<void>;
}

export async function openRenderer(): Promise<Renderer> {
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const context = await browser.newContext({
    viewport: { width: COMMENT_WIDTH + 34, height: 900 },
    deviceScaleFactor: 1,
  });
  // One page holds Mermaid (3 MB of script, parsed once); each report replaces the comment's body.
  const page = await context.newPage();
  await page.setContent(reportPage('', ''));
  await page.addScriptTag({ path: MERMAID });
  async function load(markdown: string, title: string): Promise<RenderedReport> {
    await page.evaluate(
      ([html, header]) => {
        document.getElementById('report')!.innerHTML = html;
        document.querySelector('.frame-header')!.innerHTML = header;
      },
      [gfmToHtml(markdown), title] as const,
    );
    const stripped = await strippedHtml(page);
    const measured = await page.evaluate(renderInPage);
    return { stripped, ...measured };
  }
  return {
    render: (markdown) => load(markdown, 'report'),
    async screenshot(markdown, title, path) {
      await load(markdown, title);
      await page.locator('.frame').screenshot({ path });
    },
    close: () => browser.close(),
  };
}
