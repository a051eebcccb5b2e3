import { fmt, type Markdown, type Inline } from '../report/markdown.ts';
import { arrowedChange, formatPercent, formatValue } from './format.ts';
import type { Comparison, FairnessChange, SliceChange } from './types.ts';

/** One earlier run of the default branch in the trend. */
export interface TrendPoint {
  /** The x label, e.g. `run 41` (a run number) or a short SHA. */
  label: string;
  metrics: Record<string, number>;
}

/** The commits and run named under the report. */
export interface ReportFooter {
  baseCommit?: string | undefined;
  baseSource: string;
  headCommit?: string | undefined;
  runUrl?: string | undefined;
}

const MAX_SLICE_ROWS = 50;
const MAX_CHARTS = 3;

/** Slices whose metrics got worse than the metric's rule allows (the others folded). */
export function sliceSection(md: Markdown, slices: SliceChange[]): void {
  if (!slices.length) return;
  const rows = (list: SliceChange[]) =>
    list
      .slice(0, MAX_SLICE_ROWS)
      .map((s): Inline[] => [
        s.slice,
        s.metric,
        formatValue(s.baseline),
        formatValue(s.current),
        arrowedChange(s.direction, s.change),
        formatPercent(s.changePct),
      ]);
  const headers = ['Slice', 'Metric', 'Baseline', 'Current', 'Change', 'Change %'];
  const bad = slices.filter((s) => s.regression);
  const mild = slices.filter((s) => !s.regression);
  // Slices are reported, not gated: folded, so they never push the gated metrics off the first screen.
  md.paragraph(
    fmt.bold('Slices'),
    bad.length
      ? ` (reported, not gated): ${bad.length} slice metric${bad.length === 1 ? '' : 's'} worse than the metric’s rule allows.`
      : ' (reported, not gated): no slice got worse by more than its metric’s rule allows.',
  );
  if (bad.length)
    md.details(`${bad.length} slice regression${bad.length === 1 ? '' : 's'}, worst first`, (i) => {
      i.table(headers, rows(bad), ['left', 'left', 'right', 'right', 'right', 'right']);
      if (bad.length > MAX_SLICE_ROWS) i.paragraph(`… and ${bad.length - MAX_SLICE_ROWS} more.`);
    });
  if (mild.length)
    md.details(`${mild.length} slice metric${mild.length === 1 ? '' : 's'} slightly worse, within the rules`, (i) =>
      i.table(headers, rows(mild), ['left', 'left', 'right', 'right', 'right', 'right']),
    );
}

/** Changes of fairness gaps between groups (lower is better). */
export function fairnessSection(md: Markdown, fairness: FairnessChange[]): void {
  if (!fairness.length) return;
  md.heading(3, 'Fairness gaps');
  md.paragraph('The largest difference of a metric between the groups of an attribute; lower is better.');
  md.table(
    ['Attribute', 'Gap', 'Baseline', 'Current', 'Change'],
    fairness.map((f) => [
      f.attribute,
      f.gap,
      formatValue(f.baseline),
      formatValue(f.current),
      arrowedChange('lower', f.change),
    ]),
  );
}

/** A Mermaid line chart per key metric over the earlier runs of the default branch and this one. */
export function trendSection(md: Markdown, history: TrendPoint[], comparison: Comparison, keyMetrics: string[]): void {
  if (!history.length) return;
  const charts = keyMetrics
    .filter((metric) => history.some((p) => Number.isFinite(p.metrics[metric])))
    .slice(0, MAX_CHARTS);
  if (!charts.length) return;
  md.details(
    `Trend over the last ${history.length} run${history.length === 1 ? '' : 's'} of the default branch`,
    (inner) => {
      for (const metric of charts) {
        const current = comparison.metrics.find((m) => m.metric === metric)?.current;
        const points = [
          ...history.map((p) => ({ label: p.label, value: p.metrics[metric] })),
          { label: 'this', value: current ?? undefined },
        ].filter((p): p is { label: string; value: number } => p.value !== undefined && Number.isFinite(p.value));
        const values = points.map((p) => p.value);
        const [min, max] = [Math.min(...values), Math.max(...values)];
        const pad = (max - min) * 0.1 || Math.abs(max) * 0.01 || 0.01;
        inner.chart({
          title: metric,
          x: { categories: points.map((p) => p.label) },
          y: { label: metric, min: min - pad, max: max + pad },
          series: [{ kind: 'line', values }],
        });
      }
    },
  );
}

/** The footer: baseline and head commits and a link to the run. */
export function footer(md: Markdown, f: ReportFooter): void {
  const parts: Inline[] = ['Baseline: ', f.baseSource];
  if (f.baseCommit) parts.push(' ', fmt.code(f.baseCommit.slice(0, 7)));
  if (f.headCommit) parts.push(' · Head: ', fmt.code(f.headCommit.slice(0, 7)));
  if (f.runUrl) parts.push(' · ', fmt.link('workflow run', f.runUrl));
  parts.push(' · ', fmt.italic('modelgate compare-to-baseline'));
  md.paragraph(fmt.join(...parts));
}
