/**
 * `baseline: paired`: the baseline model's metrics and the paired tests that evaluate-model wrote into the
 * current metrics document's `comparison` block (docs/formats.md, "Paired comparison"), and the significance
 * verdict those tests give a worsening under `require-significance`.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { MetricsSnapshot } from '../contracts/metrics-file.ts';
import { documentError } from '../contracts/zod-errors.ts';
import { inputError } from '../errors.ts';
import { parseDocumentText } from '../inputs/document.ts';
import { formatAgainst, formatValue } from './format.ts';

// Stryker disable next-line StringLiteral: unreachable message: zod 4's z.number() already refuses ±Infinity
const Finite = z.number().refine(Number.isFinite, 'expected a finite number');

/** One metric's paired test: current minus baseline on the same rows, its interval and p-value. */
export const PairedTest = z
  .object({
    baseline: Finite,
    current: Finite,
    difference: Finite,
    /** Absent in SQL mode's accuracy (McNemar's p-value without the paired bootstrap's interval). */
    low: z.number().optional(),
    high: z.number().optional(),
    level: z.number().gt(0).lt(1),
    p_value: z.number().min(0).max(1),
    /** `mcnemar`, `delong` or `paired-bootstrap` (another name is shown as written). */
    test: z.string().min(1),
    /** DeLong's Z. */
    statistic: z.number().optional(),
  })
  .loose();
export type PairedTest = z.infer<typeof PairedTest>;

/** The `comparison` block of a metrics document. */
export const ComparisonBlock = z
  .object({
    baseline: z
      .object({ predictions: z.string(), sha256: z.string().optional(), metrics: z.record(z.string(), Finite) })
      .loose(),
    paired: z.record(z.string(), PairedTest).default({}),
  })
  .loose();
export type ComparisonBlock = z.infer<typeof ComparisonBlock>;
/** The block at its place in the document, so a problem's field reads `comparison.paired.…`. */
const WithComparison = z.object({ comparison: ComparisonBlock });

/** The baseline of `baseline: paired`: the other model on the same rows, with a paired test per metric. */
export interface PairedBaseline {
  snapshot: MetricsSnapshot;
  paired: Record<string, PairedTest>;
  /** Where it came from, for the report's footer. */
  source: string;
}

/**
 * Reads the `comparison` block of the current metrics document (`file` as the user named it, `path` to read it
 * again for the line of a bad field). A document without one is an error: the gate would otherwise compare
 * against nothing and pass on min/max alone.
 */
export async function pairedBaseline(current: MetricsSnapshot, path: string, file: string): Promise<PairedBaseline> {
  const block = (current.document as { comparison?: unknown } | undefined)?.comparison;
  if (block === undefined) {
    const what = current.document ? 'has no comparison block' : 'is not a modelgate metrics document';
    throw inputError(
      'baseline',
      `paired takes the baseline model's metrics from the 'comparison' block of the current metrics document, ` +
        `but ${file} ${what}. Run evaluate-model with baseline-predictions (the baseline model's predictions on ` +
        `the same rows) to write one, or use baseline: auto, git:<ref>, artifact:<name> or a path.`,
      { file },
    );
  }
  const parsed = WithComparison.safeParse({ comparison: block });
  if (!parsed.success) {
    // Read again only to point at the line: the document parsed once already.
    const doc = parseDocumentText(await readFile(path, 'utf8'), { input: 'metrics', file });
    throw documentError(doc, parsed.error, 'the comparison block');
  }
  const { baseline, paired } = parsed.data.comparison;
  return {
    snapshot: { file: `${file} (comparison.baseline)`, metrics: baseline.metrics },
    paired,
    source: `paired: ${baseline.predictions} on the same rows`,
  };
}

const TEST_NAMES = new Map([
  ['mcnemar', 'McNemar'],
  ['delong', 'DeLong'],
  ['paired-bootstrap', 'paired bootstrap'],
]);

/** A test's name in the report: `McNemar`, `DeLong`, `paired bootstrap`, or another as written. */
export function testName(test: string): string {
  return TEST_NAMES.get(test) ?? test;
}

/** True when the paired test says the difference is real: its p-value is below `significance`. */
export function isSignificant(test: PairedTest, significance: number): boolean {
  return test.p_value < significance;
}

/**
 * A p-value to three significant digits, with more when three would read as the significance it is held to
 * (0.04996 against 0.05 is `0.04996`, never `0.05 < 0.05`).
 */
export function formatP(p: number, significance: number): string {
  const short = formatValue(Number(p.toPrecision(3)));
  // Stryker disable next-line ConditionalExpression: with p === significance formatAgainst gives formatValue(p), = short
  return short === formatValue(significance) && p !== significance ? formatAgainst(p, significance) : short;
}

/** `McNemar p = 0.21, not below 0.05` / `DeLong p = 0.003 < 0.05`: why a worsening is noise or not. */
export function significanceText(test: PairedTest, significance: number): string {
  const p = `${testName(test.test)} p = ${formatP(test.p_value, significance)}`;
  return isSignificant(test, significance) ? `${p} < ${significance}` : `${p}, not below ${significance}`;
}
