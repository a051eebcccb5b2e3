// The rendering checks on reports made for the purpose: they pass a chart, table and HTML a reviewer can read and
// catch the faults the report tests look for (so a green report test means the reports are right, not the checks blind).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRenderer, type Renderer } from '../../scripts/render/browser.ts';
import { contrastRatio } from '../../scripts/render/contrast.ts';
import { renderingTestsEnabled } from '../helpers/rendering-gate.ts';

const enabled = renderingTestsEnabled('the rendering checks');
let renderer: Renderer;
beforeAll(async () => {
  if (enabled) renderer = await openRenderer();
}, 120_000);
afterAll(async () => {
  await renderer?.close();
});

const chart = (init: string, series: string[]) =>
  [
    '```mermaid',
    init,
    'xychart-beta',
    '  title "t"',
    '  x-axis ["a", "b", "c"]',
    '  y-axis 0 --> 10',
    ...series,
    '```',
  ].join('\n');
const palette = (colours: string) => `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${colours}"}}}}%%`;

describe.runIf(enabled)('rendering checks', () => {
  it('reads the colours the init directive sets from the SVG, and sees a bar and a line series both on top', async () => {
    const r = await renderer.render(chart(palette('#0969da, #bc4c00'), ['  bar [2, 5, 3]', '  line [1, 4, 8]']));
    expect(r.charts[0]!.error).toBeUndefined();
    expect(r.charts[0]!.series.map((s) => [s.kind, s.colour])).toEqual([
      ['bar', 'rgb(9, 105, 218)'],
      ['line', 'rgb(188, 76, 0)'],
    ]);
    for (const s of r.charts[0]!.series) expect(s.visible / s.sampled).toBeGreaterThan(0.5);
    expect(contrastRatio('rgb(9, 105, 218)', '#ffffff')).toBeGreaterThan(3);
    expect(contrastRatio('rgb(9, 105, 218)', '#0d1117')).toBeGreaterThan(3);
  });

  it('finds a bar series hidden behind a taller one, and a Mermaid syntax error', async () => {
    const hidden = await renderer.render(chart('', ['  bar [1, 2, 3]', '  bar [5, 6, 7]']));
    const [back, front] = hidden.charts[0]!.series;
    expect(back!.visible / back!.sampled).toBeLessThan(0.25);
    expect(front!.visible).toBe(front!.sampled);
    const broken = await renderer.render('```mermaid\nxychart-beta\n  bogus [\n```');
    expect(broken.charts[0]!.error).toMatch(/Parse error/);
  });

  it('names HTML GitHub strips, and measures tables against the comment width', async () => {
    const wide = `| ${Array.from({ length: 30 }, (_, i) => `column_${i}`).join(' | ')} |\n|${' --- |'.repeat(30)}\n| ${Array(30).fill('0.123456').join(' | ')} |`;
    const r = await renderer.render(
      `<span style="color:red">x</span> <details><summary>more</summary>\n\n${wide}\n\n</details>\n\n${wide}\n\n<a href="javascript:alert(1)">y</a>`,
    );
    expect(r.stripped).toEqual(['<span style>', '<a href="javascript:alert(1)">']);
    expect(r.tables.map((t) => [t.inDetails, t.width > t.shown])).toEqual([
      [true, true],
      [false, true],
    ]);
  });
});
