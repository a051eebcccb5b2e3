import { describe, expect, it } from 'vitest';
import { escapeInline } from '@modelgate/core/report/escape';
import { fmt, Markdown, trusted } from '@modelgate/core/report/markdown';
import { truncateReport } from '@modelgate/core/report/truncate';

describe('Markdown escaping', () => {
  it('renders an HTML column name inert', () => {
    const out = escapeInline('<img src=x onerror=alert(1)>');
    expect(out).not.toMatch(/<img/);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('breaks @mentions and #references so nobody is notified', () => {
    const out = escapeInline('@acme/everyone see #12');
    expect(out).not.toMatch(/@acme/);
    expect(out).not.toMatch(/#12/);
    expect(out).toContain('@&#8203;acme/everyone');
  });

  it('escapes table pipes, emphasis, links, math and newlines', () => {
    expect(escapeInline('a|b')).toBe('a\\|b');
    expect(escapeInline('*x* _y_ [l](http://e) $x$')).toBe('\\*x\\* \\_y\\_ \\[l\\](http:&#8203;//e) \\$x\\$');
    expect(escapeInline('two\nlines')).toBe('two lines');
  });

  it('escapes every string given to the builder but not trusted text', () => {
    const md = new Markdown()
      .heading(2, 'Drift in <b>')
      .table(['column', 'verdict'], [['@org/team', fmt.bold('ok')]])
      .paragraph(trusted('**bold**'), ' and ', '**not bold**');
    const text = md.toString();
    expect(text).toContain('## Drift in &lt;b&gt;');
    expect(text).toContain('| @&#8203;org/team | **ok** |');
    expect(text).toContain('**bold** and \\*\\*not bold\\*\\*');
  });

  it('keeps data from breaking out of a Mermaid chart', () => {
    const text = new Markdown()
      .chart({ title: 'x"]\n```\n<script>', x: { categories: ['a"b'] }, series: [{ kind: 'bar', values: [1, NaN] }] })
      .toString();
    expect(text.match(/```/g)).toHaveLength(2);
    expect(text).not.toContain('<script>');
    expect(text).toContain('bar [1, 0]');
  });
});

describe('truncateReport', () => {
  it('cuts a 70,000-character report at a row boundary and says where the rest is', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [`metric_${i}`, 'x'.repeat(20)]);
    const md = new Markdown().heading(2, 'Report').table(['metric', 'value'], rows).paragraph('footer');
    expect(md.toString().length).toBeGreaterThan(70_000);
    const { text, truncated } = truncateReport(md.blocks, 65_536, 'The full report is in the job summary.');
    expect(truncated).toBe(true);
    expect(text.length).toBeLessThanOrEqual(65_536);
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('The full report is in the job summary.');
    const lastRow = lines.filter((l) => l.startsWith('| metric\\_')).at(-1)!;
    expect(lastRow).toMatch(/^\| metric\\_\d+ \| x{20} \|$/);
  });

  it('closes a collapsed section it cuts inside', () => {
    const md = new Markdown().details('All metrics', (d) =>
      d.table(
        ['m'],
        Array.from({ length: 5000 }, (_, i) => [`m${i}`]),
      ),
    );
    const { text } = truncateReport(md.blocks, 10_000, 'cut');
    expect(text).toContain('</details>');
    expect(text.indexOf('</details>')).toBeLessThan(text.indexOf('cut'));
  });

  it('leaves a report that fits unchanged', () => {
    const md = new Markdown().paragraph('short');
    expect(truncateReport(md.blocks, 65_536, 'cut')).toEqual({ text: 'short\n', truncated: false });
  });
});

describe('fmt.breakable', () => {
  it('lets a long metric name wrap after its separators, still escaped', () => {
    const name = 'feature_importance_of_customer_table_column.number-1/with_a_long_suffix';
    expect(fmt.breakable(name).trusted).toBe(
      'feature\\_<wbr>importance\\_<wbr>of\\_<wbr>customer\\_<wbr>table\\_<wbr>column.<wbr>number-<wbr>1/<wbr>with\\_<wbr>a\\_<wbr>long\\_<wbr>suffix',
    );
  });
  it('leaves a short name exactly as inline text renders it', () => {
    expect(fmt.breakable('balanced_accuracy').trusted).toBe('balanced\\_accuracy');
  });
  it('never lets HTML in a long name through', () => {
    expect(fmt.breakable('<img src=x onerror=alert(1)>_and_a_much_longer_tail_here').trusted).not.toContain('<img');
  });
});
