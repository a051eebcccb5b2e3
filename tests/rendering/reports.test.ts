// Every report the demo and this run's integration tests produced, rendered as GitHub shows it: cmark-gfm (GitHub's
// Markdown parser) for the Markdown and the `mermaid` package in headless Chromium for the charts.
// Runs after the other tests (vitest.config.ts: a later group), so their reports are all collected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRenderer, type RenderedReport, type Renderer } from '../../scripts/render/browser.ts';
import { contrastRatio, GITHUB_DARK_BACKGROUND, GITHUB_LIGHT_BACKGROUND } from '../../scripts/render/contrast.ts';
import { collectedReports, demoReports, type Report } from '../../scripts/render/demo-reports.ts';
import { COMMENT_WIDTH } from '../../scripts/render/page.ts';
import { renderingTestsEnabled } from '../helpers/rendering-gate.ts';

const enabled = renderingTestsEnabled('the rendering tests of the reports');
let renderer: Renderer | undefined;
const rendered: Array<{ report: Report; result: RenderedReport; where: string }> = [];

beforeAll(async () => {
  if (!enabled) return;
  const demo = demoReports();
  const collected = process.env.MODELGATE_REPORTS_DIR ? collectedReports(process.env.MODELGATE_REPORTS_DIR) : [];
  console.log(
    `rendering ${demo.length} reports of the demo and ${collected.length} the integration tests of this run produced` +
      (collected.length ? '' : ' (none: run the whole suite to include them)'),
  );
  renderer = await openRenderer();
  for (const [where, reports] of [
    ['demo', demo],
    ['integration tests', collected],
  ] as const)
    for (const report of reports) rendered.push({ report, where, result: await renderer.render(report.markdown) });
}, 600_000);
afterAll(async () => {
  await renderer?.close();
});

const name = (r: { report: Report; where: string }) => `${r.where}: ${r.report.file}`;

/** The values of each series in a chart's Mermaid source (`line [...]`, `bar [...]`), in order. */
function seriesValues(source: string): number[][] {
  return [...source.matchAll(/^\s*(?:line|bar)\s*\[([^\]]*)\]/gm)].map((m) => m[1]!.split(',').map(Number));
}

/**
 * Which series are the model's: all of them, except, in a chart of several series, reference lines (values in
 * arithmetic progression: a diagonal or a constant), which may be drawn quieter.
 */
function modelSeries(source: string): number[] {
  const values = seriesValues(source);
  if (values.length < 2) return values.map((_, i) => i);
  const isReference = (v: number[], i: number) => {
    if (!/^\s*line/m.test(source.split('\n').filter((l) => /^\s*(line|bar)\s*\[/.test(l))[i] ?? '')) return false;
    const step = v[1]! - v[0]!;
    return (
      v.length >= 2 && v.every((x, k) => k === 0 || Math.abs(x - v[k - 1]! - step) <= 1e-6 * Math.max(1, Math.abs(x)))
    );
  };
  const model = values.map((v, i) => (isReference(v, i) ? -1 : i)).filter((i) => i >= 0);
  return model.length ? model : [0];
}

describe.runIf(enabled)('reports as reviewers see them on GitHub', () => {
  it('renders the demo reports (job summaries and PR comments of every step)', () => {
    const demo = rendered.filter((r) => r.where === 'demo').map((r) => `${r.report.action} ${r.report.kind}`);
    for (const expected of [
      'validate-data comment',
      'evaluate-model summary',
      'compare-to-baseline comment',
      'deploy-canary summary',
    ])
      expect(demo).toContain(expected);
  });

  it('every Mermaid block renders', () => {
    const broken = rendered.flatMap((r) =>
      r.result.charts.filter((c) => c.error).map((c) => `${name(r)}: ${c.error}\n${c.source}`),
    );
    expect(broken).toEqual([]);
    expect(rendered.some((r) => r.result.charts.length > 0)).toBe(true);
  });

  it("the model's series has contrast of at least 3:1 on white and on GitHub's dark background", () => {
    const faint: string[] = [];
    for (const r of rendered)
      for (const chart of r.result.charts.filter((c) => !c.error))
        for (const i of modelSeries(chart.source)) {
          const colour = chart.series[i]?.colour ?? 'none';
          const light = contrastRatio(colour, GITHUB_LIGHT_BACKGROUND);
          const dark = contrastRatio(colour, GITHUB_DARK_BACKGROUND);
          if (!(light >= 3 && dark >= 3))
            faint.push(
              `${name(r)}: series ${i + 1} ${colour}: ${light.toFixed(2)}:1 on white, ${dark.toFixed(2)}:1 on ${GITHUB_DARK_BACKGROUND}`,
            );
        }
    expect(faint).toEqual([]);
  });

  it('both series of a two-series chart are visible (neither hides the other) and tell apart by colour', () => {
    const hidden: string[] = [];
    for (const r of rendered)
      for (const chart of r.result.charts.filter((c) => !c.error && c.series.length >= 2)) {
        for (const [i, s] of chart.series.entries())
          // Visible: at least a quarter of its sampled points are on top of everything else.
          if (s.sampled === 0 || s.visible / s.sampled < 0.25)
            hidden.push(
              `${name(r)}: series ${i + 1} (${s.kind}, ${s.colour}) is on top at ${s.visible} of ${s.sampled} points`,
            );
        const colours = new Set(chart.series.map((s) => s.colour));
        if (colours.size < chart.series.length)
          hidden.push(`${name(r)}: two series share a colour (${[...colours].join(', ')})`);
      }
    expect(hidden).toEqual([]);
  });

  it('uses no raw HTML that GitHub would strip', () => {
    const stripped = rendered
      .filter((r) => r.result.stripped.length)
      .map((r) => `${name(r)}: ${[...new Set(r.result.stripped)].join(' ')}`);
    expect(stripped).toEqual([]);
  });

  it(`fits its tables in GitHub's ~${COMMENT_WIDTH} px comment column, or folds them in <details>`, () => {
    const wide = rendered.flatMap((r) =>
      r.result.tables
        .filter((t) => t.width > t.shown + 1 && !t.inDetails)
        .map((t) => `${name(r)}: ${t.width} px wide (${t.shown} px shown): ${t.header}`),
    );
    expect(wide).toEqual([]);
  });
});
