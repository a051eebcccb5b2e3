import { fmt, trusted, type Inline, type Markdown } from '../report/markdown.ts';
import { arrowedChange, formatValue, STATUS_ORDER } from './format.ts';
import { formatP, isSignificant, testName, type PairedTest } from './paired.ts';
import type { MetricComparison } from './types.ts';

/** Three significant digits and a minus sign, as the Difference column's changes have. */
const signed = (v: number) => formatValue(Number(v.toPrecision(3))).replace(/^-/, '−');

// numbers only (no data): trusted, so the brackets are not escaped
const interval = (t: PairedTest): Inline =>
  t.low === undefined || t.high === undefined
    ? trusted('no interval')
    : trusted(`[${signed(t.low)}, ${signed(t.high)}]` + (t.level === 0.95 ? '' : ` at ${formatValue(t.level * 100)}%`));

/** `DeLong (Z = 2.1)`: the test, with its statistic when it has one. */
function testCell(t: PairedTest): string {
  // Stryker disable next-line ConditionalExpression: Number.isFinite(undefined) is false anyway; the check narrows the type
  const z = t.statistic !== undefined && Number.isFinite(t.statistic) ? ` (Z\u00a0=\u00a0${signed(t.statistic)})` : '';
  return `${testName(t.test)}${z}`;
}

/** `0.003 < 0.05` or `0.21 ≥ 0.05`: the p-value beside the significance it is held to. */
function pValueCell(t: PairedTest, significance: number): Inline {
  const sign = isSignificant(t, significance) ? '<' : '≥';
  const text = `${formatP(t.p_value, significance)}\u00a0${sign}\u00a0${significance}`;
  return isSignificant(t, significance) ? fmt.bold(text) : text;
}

/**
 * Both models on the same rows: per metric the difference (current − baseline), its interval, the test and its
 * p-value against `significance`. This is what a "within noise" of the metric table rests on.
 */
export function pairedSection(
  md: Markdown,
  metrics: MetricComparison[],
  significance: number,
  rows: number | undefined,
): void {
  const order = (m: MetricComparison) => STATUS_ORDER.indexOf(m.status);
  const tested = metrics.filter((m): m is MetricComparison & { paired: PairedTest } => m.paired !== undefined);
  if (!tested.length) return;
  const sorted = [...tested].sort((a, b) => order(a) - order(b));
  const level = sorted.every((m) => m.paired.level === 0.95) ? '95% interval' : 'Interval';
  md.heading(3, `Paired tests: both models on the same ${rows === undefined ? '' : `${rows} `}rows`);
  md.table(
    ['Metric', 'Difference', level, 'Test', 'p-value'],
    sorted.map((m) => [
      fmt.bold(fmt.breakable(m.metric)),
      arrowedChange(m.direction, m.paired.difference),
      interval(m.paired),
      testCell(m.paired),
      pValueCell(m.paired, significance),
    ]),
    ['left', 'right', 'right', 'left', 'right'],
  );
  md.paragraph(
    trusted(
      `<sub>Difference: current − baseline on the same rows. McNemar: accuracy, on the rows one model gets right ` +
        `and the other wrong; DeLong: ROC AUC of correlated curves; paired bootstrap: the same resampled rows for ` +
        `both models. A difference is significant when p is below ${significance} (significance).</sub>`,
    ),
  );
}
