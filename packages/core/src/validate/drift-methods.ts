/**
 * The `drift-methods` input: per-column overrides of Evidently's default test, as YAML/JSON:
 * `{ monthly_spend: psi, plan: { method: chi2, threshold: 0.01 } }`.
 */
import { z } from 'zod';
import type { ParsedDocument } from '../inputs/document.ts';
import { documentError } from '../contracts/zod-errors.ts';
import { DRIFT_METHODS } from '../drift/methods.ts';
import type { DriftOptions } from '../drift/column-drift.ts';
import { inputError } from '../errors.ts';

const methodList = DRIFT_METHODS.join(', ');
const Method = z.enum(DRIFT_METHODS, {
  error: (issue) => `unknown drift method ${JSON.stringify(issue.input)}: expected one of ${methodList}`,
});
const LongForm = z.strictObject({ method: Method.optional(), threshold: z.number().positive().optional() });
// Each entry is checked on its own (not as a zod union) so an unknown method is named with the valid ones, instead
// of zod's "invalid input" for the union as a whole.
const DriftMethods = z.record(z.string(), z.unknown());

/** Parses `drift-methods` into per-column options. */
export function parseDriftMethods(doc: ParsedDocument): Record<string, DriftOptions> {
  const parsed = DriftMethods.safeParse(doc.data ?? {});
  if (!parsed.success) {
    throw doc.error(`expected a map of column: method (or column: { method, threshold }), e.g. { monthly_spend: psi }`);
  }
  const out: Record<string, DriftOptions> = {};
  for (const [column, entry] of Object.entries(parsed.data)) {
    if (typeof entry === 'string' || typeof entry !== 'object' || entry === null) {
      const m = Method.safeParse(entry);
      if (!m.success) throw doc.error(`${m.error.issues[0]!.message} (in drift-methods)`, [column]);
      out[column] = { method: m.data };
      continue;
    }
    const long = LongForm.safeParse(entry);
    if (!long.success)
      throw documentError(doc, prefixed(long.error, column), 'drift-methods', (p) =>
        p.length === 1 ? ['method', 'threshold'] : [],
      );
    out[column] = {
      ...(long.data.method ? { method: long.data.method } : {}),
      ...(long.data.threshold !== undefined ? { threshold: long.data.threshold } : {}),
    };
  }
  return out;
}

/** The error of one entry with its paths under the entry's column. */
function prefixed(error: z.ZodError, column: string): z.ZodError {
  return new z.ZodError(error.issues.map((issue) => ({ ...issue, path: [column, ...issue.path] })));
}

/**
 * Refuses a `drift-methods` entry for a column the data does not have (a typo would otherwise leave the column on
 * Evidently's default without a word), naming it, the data file and the columns there are.
 */
export function checkDriftMethodColumns(
  methods: Record<string, DriftOptions>,
  columns: readonly string[],
  data: string,
): void {
  const known = new Set(columns);
  const missing = Object.keys(methods).filter((c) => !known.has(c));
  if (!missing.length) return;
  const names = missing.map((c) => `'${c}'`).join(', ');
  throw inputError(
    'drift-methods',
    `${names} ${missing.length > 1 ? 'are not columns' : 'is not a column'} of ${data}. Its columns: ${columns.join(', ')}.`,
  );
}
