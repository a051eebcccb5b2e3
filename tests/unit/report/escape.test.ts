// Escaping, one character at a time: each test names what a character would do if it got through (an entity
// that renders as something else, a backslash that un-escapes a pipe and splits a table cell, a quote that ends a
// Mermaid label, a `--` that ends the sticky comment's marker).
import { describe, expect, it } from 'vitest';
import { escapeCommentText, escapeInline, escapeMermaidLabel } from '@modelgate/core/report/escape';
import { Markdown } from '@modelgate/core/report/markdown';
import { mermaidXY } from '@modelgate/core/report/mermaid';

/** The chart's lines without the colour directive (its own tests are the palette's). */
const chartLines = (text: string) => text.split('\n').filter((l) => !l.startsWith('%%'));

describe('escapeInline', () => {
  it('escapes & so an entity in data shows as written (AT&T, &lt;)', () => {
    expect(escapeInline('AT&T')).toBe('AT&amp;T');
    expect(escapeInline('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
  });

  it('escapes a backslash, so data ending in \\ cannot un-escape the next character', () => {
    expect(escapeInline('C:\\models\\')).toBe('C:\\\\models\\\\');
    // without it, `a\|b` would become `a\\|b`: an escaped backslash, then a bare pipe that splits the cell
    expect(escapeInline('a\\|b')).toBe('a\\\\\\|b');
  });

  it('keeps a cell with \\| and | in one table cell', () => {
    const text = new Markdown().table(['column', 'verdict'], [['a\\|b|c', 'ok']]).toString();
    const row = text.split('\n').find((l) => l.includes('verdict') === false && l.includes('ok'))!;
    // unescaped pipes (not preceded by an odd run of backslashes) are only the 3 cell borders
    expect(row.match(/(?<!\\)(?:\\\\)*\|/g)).toHaveLength(3);
    expect(row).toBe('| a\\\\\\|b\\|c | ok |');
  });

  it('escapes every Markdown control character with a backslash', () => {
    expect(escapeInline('`code` *em* _em_ [x] ~del~ $m$ |')).toBe(
      '\\`code\\` \\*em\\* \\_em\\_ \\[x\\] \\~del\\~ \\$m\\$ \\|',
    );
  });

  it('turns > and < into entities', () => {
    expect(escapeInline('> quote <tag>')).toBe('&gt; quote &lt;tag&gt;');
  });

  it('turns every kind of line break into one space (\\n, \\r, \\r\\n)', () => {
    expect(escapeInline('a\nb\rc\r\nd')).toBe('a b c d');
  });

  it('breaks bare links, mentions and references with a zero-width space', () => {
    expect(escapeInline('https://x.io @me #7')).toBe('https:&#8203;//x.io @&#8203;me #&#8203;7');
  });

  it('leaves plain text alone', () => {
    expect(escapeInline('accuracy 0.91 (n=100), f1-score: ok!')).toBe('accuracy 0.91 (n=100), f1-score: ok!');
  });
});

describe('escapeMermaidLabel', () => {
  it('replaces each character that could end a label or the chart with a space', () => {
    for (const c of ['"', '`', '<', '>', '[', ']', '{', '}', ';', '#', '\n', '\r']) {
      expect(escapeMermaidLabel(`a${c}b`), JSON.stringify(c)).toBe('a b');
    }
  });

  it('collapses runs of spaces and trims the ends', () => {
    expect(escapeMermaidLabel('  a \t\t b  ')).toBe('a b');
    expect(escapeMermaidLabel('"]; x')).toBe('x');
  });

  it('keeps at most 80 characters', () => {
    expect(escapeMermaidLabel('x'.repeat(100))).toBe('x'.repeat(80));
    expect(escapeMermaidLabel('y'.repeat(80))).toBe('y'.repeat(80));
  });

  it('keeps letters, digits and harmless punctuation', () => {
    expect(escapeMermaidLabel('roc_auc (v1.2), p=0.05!')).toBe('roc_auc (v1.2), p=0.05!');
  });
});

describe('mermaidXY', () => {
  it('writes title, labelled category axis, y range and series, every label escaped', () => {
    const text = mermaidXY({
      title: 'AUC "by" run',
      x: { label: 'run{1}', categories: ['a;b', 7, '#'] },
      y: { label: 'auc<1>', min: 0, max: 1 },
      series: [
        { kind: 'line', values: [0.123456789, 1 / 3, Infinity] },
        { kind: 'bar', values: [2, NaN, -1] },
      ],
    });
    expect(chartLines(text)).toEqual([
      '```mermaid',
      'xychart-beta',
      '  title "AUC by run"',
      '  x-axis "run 1" ["a b", "7", " "]',
      '  y-axis "auc 1" 0 --> 1',
      '  line [0.123457, 0.333333, 0]',
      '  bar [2, 0, -1]',
      '```',
    ]);
  });

  it('writes a numeric x range, and a y axis only when it has a label or both bounds', () => {
    const numeric = mermaidXY({ title: 't', x: { min: 0, max: 10 }, y: { min: 0 }, series: [] });
    expect(chartLines(numeric).slice(2, -1)).toEqual(['  title "t"', '  x-axis 0 --> 10']);
    const labelled = mermaidXY({ title: 't', x: { label: 'k', min: 1, max: 2 }, y: { label: 'v' }, series: [] });
    expect(chartLines(labelled).slice(3, -1)).toEqual(['  x-axis "k" 1 --> 2', '  y-axis "v"']);
    const range = mermaidXY({ title: 't', x: { categories: [] }, y: { min: -1, max: 1 }, series: [] });
    expect(chartLines(range).slice(3, -1)).toEqual(['  x-axis []', '  y-axis  -1 --> 1']);
    // a maximum alone is no range (nor is a minimum alone, above)
    const maxOnly = mermaidXY({ title: 't', x: { categories: [] }, y: { max: 5 }, series: [] });
    expect(chartLines(maxOnly).slice(3, -1)).toEqual(['  x-axis []']);
  });
});

describe('escapeCommentText (the sticky marker)', () => {
  it('shortens dash runs, drops < and >, so the text cannot close the HTML comment', () => {
    expect(escapeCommentText('a-->b')).toBe('a-b');
    expect(escapeCommentText('x --- y -- z')).toBe('x - y - z');
    expect(escapeCommentText('<!-- k -->')).toBe('!- k -');
    expect(escapeCommentText('ci/gate-1')).toBe('ci/gate-1');
  });

  it('puts the marker on one line and trims it', () => {
    expect(escapeCommentText(' a\nb\r\nc ')).toBe('a b  c');
  });
});
