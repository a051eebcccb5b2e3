import { z } from 'zod';
import { COLUMN_KEYS } from './schema.ts';

/** The schema keys a check can test (docs/formats.md), plus `present` and the table's `rows`. */
export const CHECKS = [...COLUMN_KEYS, 'present', 'rows'] as const;
export const DRIFT_METHODS = ['ks', 'chi2', 'z', 'psi', 'wasserstein', 'jensen_shannon'] as const;

const Json = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.unknown()),
  z.record(z.string(), z.unknown()),
]);

export const CheckResult = z.object({
  column: z.string().nullable(),
  check: z.enum(CHECKS),
  passed: z.boolean(),
  level: z.enum(['fail', 'warn']),
  failing_rows: z.number().int().nonnegative(),
  expected: Json.optional(),
  observed: Json.optional(),
  // `row` is the 1-based data row in file mode (a SQL table has no row order: no `row` there); `key` holds the
  // `key-columns` values of the row when that input is set
  examples: z
    .array(
      z.object({
        row: z.number().int().positive().optional(),
        key: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
        value: z.string().nullable(),
      }),
    )
    .max(5),
  message: z.string().optional(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const DriftResult = z.object({
  column: z.string(),
  method: z.enum(DRIFT_METHODS),
  statistic: z.number(),
  p_value: z.number().nullable(),
  threshold: z.number(),
  drifted: z.boolean(),
});
export type DriftResult = z.infer<typeof DriftResult>;

/** The validation report of docs/formats.md, written by validate-data. */
export const ValidationReport = z
  .object({
    passed: z.boolean(),
    rows: z.number().int().nonnegative(),
    checks: z.array(CheckResult),
    drift: z.array(DriftResult),
    skipped: z.array(z.object({ column: z.string(), reason: z.string() })).optional(),
  })
  .loose();
export type ValidationReport = z.infer<typeof ValidationReport>;
