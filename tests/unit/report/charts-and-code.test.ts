import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { contrastRatio, GITHUB_BACKGROUNDS, SERIES_COLORS } from '@modelgate/core/report/colors';
import { codeSpan, fmt, Markdown } from '@modelgate/core/report/markdown';
import { mermaidXY } from '@modelgate/core/report/mermaid';
import { displayPath } from '@modelgate/core/report/paths';
import { formatEdge } from '@modelgate/core/drift/column-drift';

/** GitHub's own Markdown parser (Debian's cmark-gfm), with the table extension. */
function githubHtml(markdown: string): string {
  return execFileSync('cmark-gfm', ['-e', 'table', '-e', 'autolink', '-e', 'strikethrough'], {
    input: markdown,
    encoding: 'utf8',
  });
}

describe('chart colours', () => {
  it("gives the model's series a contrast of at least 3:1 on GitHub's light and dark backgrounds", () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    for (const background of Object.values(GITHUB_BACKGROUNDS)) {
      expect(contrastRatio(SERIES_COLORS.model, background)).toBeGreaterThanOrEqual(3);
      // the reference and guide lines stay visible on both too
      expect(contrastRatio(SERIES_COLORS.reference, background)).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(SERIES_COLORS.guide, background)).toBeGreaterThanOrEqual(3);
    }
  });

  it('sets the palette with an init directive, in series order, the model first', () => {
    const text = mermaidXY({
      title: 'ROC',
      x: { categories: ['0', '1'] },
      series: [
        { kind: 'line', values: [0, 1] },
        { kind: 'line', values: [0, 1], role: 'guide' },
      ],
    });
    const lines = text.split('\n');
    expect(lines[1]).toBe(
      `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${SERIES_COLORS.model}, ${SERIES_COLORS.guide}"}}}}%%`,
    );
    expect(lines[2]).toBe('xychart-beta');
  });

  it('labels bin edges without exponent notation', () => {
    expect(formatEdge(1060.5)).toBe('1060');
    expect(formatEdge(143.5)).toBe('144');
    expect(formatEdge(0.0012345)).toBe('0.00123');
    expect(formatEdge(2500)).toBe('2500');
    expect(formatEdge(-12345.6)).toBe('-12300');
  });
});

describe('code spans', () => {
  it('keep a regex copyable: no zero-width spaces, no backslashes added, inside and outside tables', () => {
    const regex = '^#[0-9]+@(a|b)\\d*`x`$';
    const md = new Markdown()
      .paragraph('pattern ', fmt.code(regex))
      .table(['check', 'expected'], [['pattern', fmt.code(regex)]]);
    const html = githubHtml(md.toString());
    const shown = [...html.matchAll(/<code>(.*?)<\/code>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(shown).toEqual([regex, regex]);
    expect(md.toString()).not.toContain('&#8203;');
  });

  it('stay inert: no HTML, no mention, no link', () => {
    const html = githubHtml(`${codeSpan('<img src=x> @acme/everyone https://e.com #12').trusted}\n`);
    expect(html).toBe('<p><code>&lt;img src=x&gt; @acme/everyone https://e.com #12</code></p>\n');
  });
});

describe('paths in reports', () => {
  it('are relative to the workspace when inside it', () => {
    expect(displayPath('/home/runner/work/r/r/metrics/base.json', '/home/runner/work/r/r')).toBe('metrics/base.json');
    expect(displayPath('metrics/base.json', '/w')).toBe('metrics/base.json');
    expect(displayPath('/tmp/other.json', '/home/runner/work/r/r')).toBe('/tmp/other.json');
  });
});
