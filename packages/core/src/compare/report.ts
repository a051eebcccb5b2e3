import { fmt, Markdown, type Inline } from '../report/markdown.ts';
import {
  changeArrow,
  directionText,
  formatChange,
  formatPercent,
  formatValue,
  STATUS_ORDER,
  statusText,
} from './format.ts';
import {
  fairnessSection,
  footer,
  sliceSection,
  trendSection,
  type ReportFooter,
  type TrendPoint,
} from './report-sections.ts';
import type { Comparison, MetricComparison } from './types.ts';

/** What the compare-to-baseline report is made from. */
export interface CompareReport {
  title: string;
  comparison: Comparison;
  /** Where the baseline came from, for the verdict when there is none. */
  baselineSource: string;
  failOnRegression: boolean;
  /** Earlier runs of the default branch, oldest first, for the trend. */
  history: TrendPoint[];
  /** Metrics charted in the trend (those the thresholds name, else the first few). */
  keyMetrics: string[];
  footer: ReportFooter;
}

function verdict(r: CompareReport): Inline[] {
  const c = r.comparison;
  const failedMetrics = [...new Set(c.regressions.map((x) => x.metric))];
  const count = (s: string) => c.metrics.filter((m) => m.status === s).length;
  if (!c.passed) {
    const head = r.failOnRegression ? '❌ ' : '⚠️ ';
    const rules = `${c.regressions.length} rule${c.regressions.length === 1 ? '' : 's'} failed`;
    const tail = r.failOnRegression ? '' : ' (fail-on-regression is off, so the check passes)';
    return [
      head,
      fmt.bold(rules),
      ` on ${failedMetrics.length} metric${failedMetrics.length === 1 ? '' : 's'}: `,
      failedMetrics.join(', '),
      tail,
      '.',
    ];
  }
  if (!c.hasBaseline) {
    return [
      '✅ ',
      fmt.bold('No baseline yet'),
      ` (${r.baselineSource}): only the absolute bounds (min/max) were checked, and all hold.`,
    ];
  }
  const parts = [
    `${count('improved')} improved`,
    `${count('worse')} worse within the rules`,
    `${count('unchanged')} unchanged`,
  ];
  if (count('noise')) parts.push(`${count('noise')} within noise`);
  if (count('new')) parts.push(`${count('new')} new`);
  return ['✅ ', fmt.bold('No regressions'), ` against the baseline: ${parts.join(', ')}.`];
}

function row(m: MetricComparison): Inline[] {
  const rules = m.checks.map((c) => c.rule).filter((r) => r !== 'present' && r !== 'finite');
  return [
    fmt.bold(m.metric),
    formatValue(m.baseline),
    formatValue(m.current),
    `${changeArrow(m.direction, m.change)} ${formatChange(m.change)}`.trim(),
    formatPercent(m.changePct),
    [directionText(m), ...rules].join('; '),
    statusText(m),
  ];
}

const HEADERS = ['Metric', 'Baseline', 'Current', 'Change', 'Change %', 'Rule', 'Status'];
const ALIGN = ['left', 'right', 'right', 'right', 'right', 'left', 'left'] as const;

/** The compare-to-baseline report: verdict, the metric table (unchanged ones folded), slices, fairness, trend, footer. */
export function buildCompareReport(r: CompareReport): Markdown {
  const md = new Markdown();
  md.heading(2, r.title);
  md.paragraph(...verdict(r));
  const reasons = r.comparison.metrics.flatMap((m) =>
    m.checks.filter((c) => !c.passed).map((c) => fmt.join(fmt.code(m.metric), `: ${c.reason ?? c.rule} (${c.rule})`)),
  );
  if (reasons.length) md.list(reasons);

  const order = (m: MetricComparison) => STATUS_ORDER.indexOf(m.status);
  const sorted = [...r.comparison.metrics].sort((a, b) => order(a) - order(b));
  const changed = sorted.filter((m) => m.status !== 'unchanged');
  const unchanged = sorted.filter((m) => m.status === 'unchanged');
  if (changed.length) md.table(HEADERS, changed.map(row), [...ALIGN]);
  if (unchanged.length) {
    md.details(`${unchanged.length} unchanged metric${unchanged.length === 1 ? '' : 's'}`, (inner) =>
      inner.table(HEADERS, unchanged.map(row), [...ALIGN]),
    );
  }
  sliceSection(md, r.comparison.slices);
  fairnessSection(md, r.comparison.fairness);
  trendSection(md, r.history, r.comparison, r.keyMetrics);
  footer(md, r.footer);
  return md;
}
