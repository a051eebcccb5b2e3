// GitHub-flavoured Markdown to HTML with cmark-gfm, the C library GitHub's own renderer is built on (Debian's
// `cmark-gfm`). Raw HTML is kept (`--unsafe`) so the check against GitHub's allowlist sees what a report sends;
// `tagfilter` is the extension GitHub applies on top.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CMARK_GFM = process.env.CMARK_GFM ?? '/usr/bin/cmark-gfm';

export function cmarkGfmAvailable(): boolean {
  return existsSync(CMARK_GFM);
}

/** The HTML GitHub's parser makes of a Markdown text (before GitHub's sanitiser, which `allowlist.ts` mirrors). */
export function gfmToHtml(markdown: string): string {
  return execFileSync(
    CMARK_GFM,
    [
      '--unsafe',
      '--github-pre-lang',
      '--extension',
      'table',
      '--extension',
      'strikethrough',
      '--extension',
      'autolink',
      '--extension',
      'tagfilter',
      '--extension',
      'tasklist',
    ],
    { input: markdown, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
}
