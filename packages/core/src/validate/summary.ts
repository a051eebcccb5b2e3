/**
 * The job summary / PR comment of validate-data: the verdict, failing checks first (counts, examples), a drift
 * table (method, statistic, threshold) and a chart of reference against current distributions per drifted
 * column. Every piece of data (column names, values) goes through the escaping Markdown builder.
 */
import type { CheckResult } from '../contracts/validation-report.ts';
import type { ColumnDrift } from '../drift/column-drift.ts';
import { P_VALUE_METHODS } from '../drift/methods.ts';
import { Markdown, fmt, trusted } from '../report/markdown.ts';
import type { Validation } from './validate-data.ts';
import { type FailOn, counts } from './report.ts';

const MAX_BARS = 20;
const MAX_CHARTS = 10;

const num = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toPrecision(4);
const show = (v: unknown): string => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

function examples(c: CheckResult): string {
  return c.examples
    .map(
      (e) =>
        `row ${e.row}: ${e.value === null ? '(null)' : JSON.stringify(e.value.length > 40 ? `${e.value.slice(0, 40)}…` : e.value)}`,
    )
    .join('; ');
}

function checksTable(md: Markdown, rows: CheckResult[]): void {
  md.table(
    ['Column', 'Check', 'Level', 'Failing rows', 'Expected', 'Observed', 'Examples'],
    rows.map((c) => [
      c.column ?? '(table)',
      c.check,
      c.level,
      c.failing_rows,
      show(c.expected),
      show(c.observed ?? c.message),
      examples(c),
    ]),
    ['left', 'left', 'left', 'right'],
  );
}

function chart(md: Markdown, d: ColumnDrift): void {
  const order = d.bins.labels.map((_, i) => i);
  if (order.length > MAX_BARS && d.method !== 'wasserstein' && d.method !== 'ks')
    order.sort((a, b) => d.bins.reference[b]! - d.bins.reference[a]!);
  const keep = order.slice(0, MAX_BARS);
  if (!keep.length) return;
  md.paragraph(fmt.bold(d.column), trusted(': reference (first bars) against current (second bars), share of rows'));
  md.chart({
    title: `${d.column}: reference vs current`,
    x: { categories: keep.map((i) => d.bins.labels[i]!) },
    y: {
      label: 'share',
      min: 0,
      max: Math.max(...keep.map((i) => Math.max(d.bins.reference[i]!, d.bins.current[i]!)), 0.01),
    },
    series: [
      { kind: 'bar', values: keep.map((i) => d.bins.reference[i]!) },
      { kind: 'bar', values: keep.map((i) => d.bins.current[i]!) },
    ],
  });
}

/** The summary Markdown of one validation. */
export function validationSummary(v: Validation, failOn: FailOn, failOnDrift: boolean): Markdown {
  const md = new Markdown();
  const { report, drift } = v;
  const failing = v.checks.filter((c) => !c.passed);
  const counted = failing.filter((c) => counts(c, failOn === 'never' ? 'error' : failOn));
  md.heading(2, trusted(`validate-data: ${report.passed ? '✅ passed' : '❌ failed'}`));
  const driftedCols = drift?.columns.filter((d) => d.drifted) ?? [];
  md.paragraph(
    trusted(
      `${report.rows.toLocaleString('en-US')} rows · ${v.checks.length} checks, ${counted.length} failing` +
        (failing.length > counted.length ? ` (+${failing.length - counted.length} warnings)` : '') +
        (drift
          ? ` · ${driftedCols.length} of ${drift.columns.length} columns drifted (share ${num(drift.share)})`
          : '') +
        (drift?.drifted
          ? failOnDrift
            ? ' · **dataset drift fails the run**'
            : ' · dataset drift (reported only)'
          : ''),
    ),
  );
  if (failing.length) {
    md.heading(3, 'Failing checks');
    checksTable(
      md,
      [...failing].sort((a, b) =>
        a.level === b.level ? b.failing_rows - a.failing_rows : a.level === 'fail' ? -1 : 1,
      ),
    );
  }
  const passed = v.checks.filter((c) => c.passed);
  if (passed.length) md.details(`${passed.length} passing checks`, (inner) => checksTable(inner, passed));
  if (drift) {
    md.heading(3, 'Drift');
    md.table(
      ['Column', 'Method', 'Statistic', 'p-value', 'Threshold', 'Drifted'],
      drift.columns.map((d) => [
        d.column,
        d.method,
        d.error_bound ? trusted(`${num(d.statistic)} ± ${num(d.error_bound)}`) : num(d.statistic),
        num(d.p_value),
        trusted(
          `${P_VALUE_METHODS.has(d.method) ? 'p' : 'stat'} ${d.method === 'ks' ? '≤' : P_VALUE_METHODS.has(d.method) ? '<' : '≥'} ${num(d.threshold)}`,
        ),
        d.drifted ? trusted('⚠️ yes') : 'no',
      ]),
      ['left', 'left', 'right', 'right', 'left', 'left'],
    );
    for (const d of driftedCols.slice(0, MAX_CHARTS)) chart(md, d);
    if (drift.skipped.length)
      md.details(`${drift.skipped.length} columns not tested for drift`, (inner) =>
        inner.list(drift.skipped.map((s) => fmt.join(fmt.code(s.column), ': ', s.reason))),
      );
  }
  return md;
}
