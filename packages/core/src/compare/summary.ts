import { fmt, Markdown, trusted, type Inline } from '../report/markdown.ts';
import type { Interval } from '../contracts/metrics.ts';
import { pairedSection } from './paired-summary.ts';
import type { ParamsDiff } from './params-read.ts';
import { paramsSection } from './params-summary.ts';
import { arrowedChange, formatPercent, formatValue, ruleLegend, ruleText, STATUS_ORDER, statusText } from './format.ts';
import {
  fairnessSection,
  footer,
  sliceSection,
  trendSection,
  type ReportFooter,
  type TrendPoint,
} from './summary-sections.ts';
import type { Comparison, MetricComparison } from './types.ts';

/** What the compare-to-baseline summary is made from. */
export interface ComparisonSummaryInput {
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
  /** The parameters diff (`params`), shown above the metrics. */
  params?: ParamsDiff | undefined;
  /** The rows both models were scored on (`baseline: paired`), for the paired tests' heading. */
  pairedRows?: number | undefined;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function verdict(r: ComparisonSummaryInput): Inline[] {
  const c = r.comparison;
  const failedMetrics = [...new Set(c.regressions.map((x) => x.metric))];
  const count = (s: string) => c.metrics.filter((m) => m.status === s).length;
  // Said first when there is none: the regression rules were not applied at all.
  const noBaseline: Inline[] = c.hasBaseline
    ? []
    : [fmt.bold('No baseline yet'), ` (${r.baselineSource}): only the absolute bounds (min/max) were applied. `];
  if (!c.passed) {
    const head = r.failOnRegression ? '❌ ' : '⚠️ ';
    const tail = r.failOnRegression ? '' : ' (fail-on-regression is off, so the check passes)';
    return [
      ...noBaseline,
      head,
      fmt.bold(`${plural(c.regressions.length, 'rule')} failed`),
      ` on ${plural(failedMetrics.length, 'metric')}: `,
      failedMetrics.join(', '),
      tail,
      '.',
    ];
  }
  if (!c.hasBaseline) return ['✅ ', ...noBaseline, 'All hold.'];
  const compared = c.metrics.filter((m) => m.baseline !== null && m.current !== null).length;
  const noise = count('noise');
  const worse = count('worse');
  const rest = [
    worse ? `${worse} worse within the rules` : '',
    `${count('improved')} improved`,
    `${count('unchanged')} unchanged`,
    count('new') ? `${count('new')} new` : '',
  ].filter(Boolean);
  if (noise) {
    // Passing only because of noise is not "no regressions": say how many got worse, and why it passes.
    return [
      '⚠️ ',
      fmt.bold(`Worse on ${noise + worse} of ${plural(compared, 'metric')}`),
      `, but not significantly: ${noise} broke ${noise === 1 ? 'its rule' : 'their rules'} within noise (` +
        `${noiseWhy(c)}, and require-significance is on); ${rest.join(', ')}. ` +
        `The ${c.metrics.some((m) => m.status === 'noise' && !m.paired) ? 'intervals' : 'tests'} are below.`,
    ];
  }
  if (worse)
    return [
      '✅ ',
      fmt.bold('Within the rules'),
      `: worse on ${worse} of ${plural(compared, 'metric')}, none by more than its rule allows; ${rest.slice(1).join(', ')}.`,
    ];
  return ['✅ ', fmt.bold('No regressions'), ` against the baseline: ${rest.join(', ')}.`];
}

/** Why the noisy metrics are noise: their paired tests, the overlap of their intervals, or both. */
function noiseWhy(c: Comparison): string {
  const noisy = c.metrics.filter((m) => m.status === 'noise');
  const paired = noisy.some((m) => m.paired);
  const overlap = noisy.some((m) => !m.paired);
  const test = `the paired test's p-value is not below ${c.significance ?? 0.05}`;
  const intervals = 'the 95% intervals of baseline and current overlap';
  return paired && overlap ? `${test}, or without one ${intervals}` : paired ? test : intervals;
}

function row(m: MetricComparison): Inline[] {
  return [
    fmt.bold(fmt.breakable(m.metric)),
    formatValue(m.baseline),
    formatValue(m.current),
    arrowedChange(m.direction, m.change),
    formatPercent(m.changePct),
    ruleText(m),
    statusText(m),
  ];
}

// numbers only (no data): trusted, so the brackets are not escaped
const interval = (value: number | null, i: Interval | undefined): Inline =>
  trusted(`${formatValue(value)} [${i ? `${formatValue(i.low)}, ${formatValue(i.high)}` : 'no interval'}]`);

/** The intervals behind each "within noise": the reader checks the overlap instead of taking it on trust. */
function noiseSection(md: Markdown, metrics: MetricComparison[]): void {
  // A paired test explains its own noise (pairedSection); only the others rest on intervals.
  const noisy = metrics.filter((m) => m.status === 'noise' && !m.paired);
  if (!noisy.length) return;
  md.heading(3, 'Within noise: the 95% intervals');
  md.table(
    ['Metric', 'Baseline (95% interval)', 'Current (95% interval)', 'Rule broken'],
    noisy.map((m) => [
      fmt.bold(fmt.breakable(m.metric)),
      interval(m.baseline, m.intervals?.baseline),
      interval(m.current, m.intervals?.current),
      m.checks
        .filter((c) => c.noise)
        .map((c) => c.rule)
        .join(', '),
    ]),
    ['left', 'right', 'right', 'left'],
  );
}

const HEADERS = ['Metric', 'Baseline', 'Current', 'Change', 'Change %', 'Rule', 'Status'];
const ALIGN = ['left', 'right', 'right', 'right', 'right', 'left', 'left'] as const;

/** The compare-to-baseline summary: verdict, the metric table (unchanged ones folded), slices, fairness, trend, footer. */
export function comparisonSummary(input: ComparisonSummaryInput): Markdown {
  const md = new Markdown();
  md.heading(2, input.title);
  md.paragraph(...verdict(input));
  const reasons = input.comparison.metrics.flatMap((m) =>
    m.checks.filter((c) => !c.passed).map((c) => fmt.join(fmt.code(m.metric), `: ${c.reason ?? c.rule} (${c.rule})`)),
  );
  if (reasons.length) md.list(reasons);
  if (input.params) paramsSection(md, input.params);

  const order = (m: MetricComparison) => STATUS_ORDER.indexOf(m.status);
  const sorted = [...input.comparison.metrics].sort((a, b) => order(a) - order(b));
  const changed = sorted.filter((m) => m.status !== 'unchanged');
  const unchanged = sorted.filter((m) => m.status === 'unchanged');
  // Under the Parameters table, a heading keeps the two tables apart.
  if (input.params && input.comparison.metrics.length) md.heading(3, 'Metrics');
  if (changed.length) md.table(HEADERS, changed.map(row), [...ALIGN]);
  if (changed.length) md.paragraph(trusted(`<sub>${ruleLegend(changed)}</sub>`));
  if (input.comparison.significance !== undefined)
    pairedSection(md, input.comparison.metrics, input.comparison.significance, input.pairedRows);
  noiseSection(md, input.comparison.metrics);
  if (unchanged.length) {
    md.details(`${unchanged.length} unchanged metric${unchanged.length === 1 ? '' : 's'}`, (inner) =>
      inner.table(HEADERS, unchanged.map(row), [...ALIGN]),
    );
  }
  sliceSection(md, input.comparison.slices);
  fairnessSection(md, input.comparison.fairness);
  trendSection(md, input.history, input.comparison, input.keyMetrics);
  footer(md, input.footer);
  return md;
}
