/**
 * The job summary / PR comment of validate-data: the verdict, failing checks first (counts, examples), a drift
 * table (method, statistic, threshold) and a chart of reference against current distributions per drifted
 * column. Every piece of data (column names, values) goes through the escaping Markdown builder.
 */
import type { CheckResult } from '../contracts/validation-report.ts';
import type { ColumnDrift } from '../drift/column-drift.ts';
import { P_VALUE_METHODS } from '../drift/methods.ts';
import { Markdown, fmt, trusted, type Inline } from '../report/markdown.ts';
import type { Validation } from './validate-data.ts';
import { type FailOn, failedChecks } from './validation-report.ts';
import { thousands } from '../log.ts';

const MAX_BARS = 20;
const MAX_CHARTS = 10;
/** Columns without drift shown unfolded when none drifted; more are folded. */
const MAX_OPEN_HELD = 10;

const num = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
const value = (v: unknown): Inline =>
  v === undefined || v === null
    ? '—'
    : typeof v === 'number'
      ? num(v)
      : fmt.code(typeof v === 'string' ? v : JSON.stringify(v));
const MAX_ALLOWED_SHOWN = 8;
/** A p-value: below 0.0001 it only matters that it is tiny (`< 0.0001`, not `1.749e-25`). */
const pValue = (v: number | null): string => (v !== null && v < 1e-4 ? '< 0.0001' : num(v));

/** What a check expects, in words a reader scans: `≤ 0.17` for a maximum, the regex as copyable code. */
function expected(c: CheckResult): Inline {
  const e = c.expected;
  switch (c.check) {
    case 'min':
    case 'min-length':
      return fmt.join('≥ ', value(e));
    case 'max':
    case 'max-length':
    case 'max-null-fraction':
      return fmt.join('≤ ', value(e));
    case 'type':
      return String(e);
    case 'nullable':
      return 'no nulls';
    case 'unique':
      return 'unique values';
    case 'present':
      return e === false ? 'not in the data' : 'in the data';
    case 'allowed': {
      const list = Array.isArray(e) ? e : [];
      const shown = list.slice(0, MAX_ALLOWED_SHOWN).map((v) => value(v));
      const more = list.length > MAX_ALLOWED_SHOWN ? [`, … (${list.length} values)`] : [];
      return fmt.join('one of ', ...shown.flatMap((v, i) => (i ? [', ', v] : [v])), ...more);
    }
    case 'rows': {
      const r = (e ?? {}) as { min?: number; max?: number };
      return [r.min !== undefined ? `≥ ${r.min}` : '', r.max !== undefined ? `≤ ${r.max}` : '']
        .filter(Boolean)
        .join(', ');
    }
    default:
      return value(e);
  }
}

function observed(c: CheckResult): Inline {
  if (c.check === 'nullable') return `${num(c.observed as number)} null${c.observed === 1 ? '' : 's'}`;
  if (c.check === 'present') return c.message ?? '';
  if (c.observed === undefined) return c.message ?? (c.passed ? '—' : '');
  return typeof c.observed === 'string' && c.check === 'type' ? c.observed : value(c.observed);
}

function examples(c: CheckResult): Inline {
  const parts = c.examples.map((e) =>
    fmt.join(
      e.row !== undefined ? `row ${e.row}` : '',
      e.key
        ? `${e.row !== undefined ? ' ' : ''}${Object.entries(e.key)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(', ')}`
        : '',
      e.row !== undefined || e.key ? ': ' : '',
      e.value === null ? '(null)' : fmt.code(e.value.length > 40 ? `${e.value.slice(0, 40)}…` : e.value),
    ),
  );
  return fmt.join(...parts.flatMap((p, i) => (i ? ['; ', p] : [p])));
}

/** Failing checks: the level says whether each fails the run or only warns. */
function failingTable(md: Markdown, rows: CheckResult[]): void {
  md.table(
    ['Column', 'Check', 'Level', 'Failing rows', 'Expected', 'Observed', 'Examples'],
    rows.map((c) => [c.column ?? '(table)', c.check, c.level, c.failing_rows, expected(c), observed(c), examples(c)]),
    ['left', 'left', 'left', 'right'],
  );
}

/** Passing checks: no level, counts or examples, which say nothing on a row that passed. */
function passingTable(md: Markdown, rows: CheckResult[]): void {
  md.table(
    ['Column', 'Check', 'Expected', 'Observed'],
    rows.map((c) => [c.column ?? '(table)', c.check, expected(c), observed(c)]),
  );
}

/** Integer categories in their order (0, 1, 2, 3), not the order they were first met. */
function inOrder(labels: string[], keep: number[]): number[] {
  const numbers = keep.map((i) => Number(labels[i]));
  if (!numbers.every((n, j) => labels[keep[j]!]!.trim() !== '' && Number.isFinite(n))) return keep;
  return [...keep].sort((a, b) => Number(labels[a]) - Number(labels[b]));
}

function chart(md: Markdown, d: ColumnDrift): void {
  const order = d.bins.labels.map((_, i) => i);
  const binned = d.method === 'wasserstein' || d.method === 'ks';
  if (order.length > MAX_BARS && !binned) order.sort((a, b) => d.bins.reference[b]! - d.bins.reference[a]!);
  const keep = binned ? order.slice(0, MAX_BARS) : inOrder(d.bins.labels, order.slice(0, MAX_BARS));
  if (!keep.length) return;
  // Current data as bars, the reference as a line drawn over them: overlapping bars would hide the reference.
  md.paragraph(
    fmt.bold(d.column),
    trusted(
      `: share of rows per ${binned ? 'bin (lower edge shown)' : 'value'}. Blue bars: current data. Orange line: reference.`,
    ),
  );
  md.chart({
    title: `${d.column}: current vs reference`,
    x: { categories: keep.map((i) => d.bins.labels[i]!) },
    y: {
      label: 'share of rows',
      min: 0,
      max: Math.max(...keep.map((i) => Math.max(d.bins.reference[i]!, d.bins.current[i]!)), 0.01),
    },
    series: [
      { kind: 'bar', values: keep.map((i) => d.bins.current[i]!) },
      { kind: 'line', values: keep.map((i) => d.bins.reference[i]!), role: 'reference' },
    ],
  });
}

/** What the validate-data summary is made from: the validation and the verdict's settings. */
export interface ValidationSummaryInput {
  validation: Validation;
  failOn: FailOn;
  failOnDrift: boolean;
}

/** The summary Markdown of one validation. */
export function validationSummary({ validation: v, failOn, failOnDrift }: ValidationSummaryInput): Markdown {
  const md = new Markdown();
  const { report, drift } = v;
  const failing = v.checks.filter((c) => !c.passed);
  const counted = failedChecks(failing, failOn);
  md.heading(2, trusted(`validate-data: ${report.passed ? '✅ passed' : '❌ failed'}`));
  const driftedCols = drift?.columns.filter((d) => d.drifted) ?? [];
  md.paragraph(
    trusted(
      `${thousands(report.rows)} rows · ${v.checks.length} checks, ${counted.length} failing` +
        (failing.length > counted.length
          ? ` (+${failing.length - counted.length} warning${failing.length - counted.length === 1 ? '' : 's'})`
          : '') +
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
    failingTable(
      md,
      [...failing].sort((a, b) =>
        a.level === b.level ? b.failing_rows - a.failing_rows : a.level === 'fail' ? -1 : 1,
      ),
    );
  }
  const passed = v.checks.filter((c) => c.passed);
  if (passed.length) md.details(`${passed.length} passing checks`, (inner) => passingTable(inner, passed));
  if (drift) {
    md.heading(3, 'Drift');
    const row = (d: ColumnDrift): Inline[] => [
      d.column,
      d.method,
      d.error_bound ? trusted(`${num(d.statistic)} ± ${num(d.error_bound)}`) : num(d.statistic),
      pValue(d.p_value),
      trusted(
        `${P_VALUE_METHODS.has(d.method) ? 'p' : 'stat'} ${d.method === 'ks' ? '≤' : P_VALUE_METHODS.has(d.method) ? '<' : '≥'} ${num(d.threshold)}`,
      ),
      d.drifted ? trusted('⚠️ yes') : 'no',
    ];
    const table = (m: Markdown, list: ColumnDrift[]) =>
      m.table(['Column', 'Method', 'Statistic', 'p-value', 'Threshold', 'Drifted'], list.map(row), [
        'left',
        'left',
        'right',
        'right',
        'left',
        'left',
      ]);
    // The drifted columns are what a reader looks for: shown; the ones that held folded once there are many.
    const held = drift.columns.filter((d) => !d.drifted);
    if (driftedCols.length) table(md, driftedCols);
    if (held.length && !driftedCols.length && held.length <= MAX_OPEN_HELD) table(md, held);
    else if (held.length)
      md.details(`${held.length} column${held.length === 1 ? '' : 's'} without drift`, (inner) => table(inner, held));
    for (const d of driftedCols.slice(0, MAX_CHARTS)) chart(md, d);
    if (drift.skipped.length)
      md.details(`${drift.skipped.length} columns not tested for drift`, (inner) =>
        inner.list(drift.skipped.map((s) => fmt.join(fmt.code(s.column), ': ', s.reason))),
      );
  }
  return md;
}
