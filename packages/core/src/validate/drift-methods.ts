/**
 * The `drift-methods` input: per-column overrides of Evidently's default test, as YAML/JSON:
 * `{ monthly_spend: psi, plan: { method: chi2, threshold: 0.01 } }`.
 */
import { z } from 'zod';
import type { ParsedDocument } from '../inputs/document.ts';
import { documentError } from '../contracts/zod-errors.ts';
import { DRIFT_METHODS } from '../drift/methods.ts';
import type { DriftOptions } from '../drift/column-drift.ts';

const Method = z.enum(DRIFT_METHODS, { message: `method must be one of ${DRIFT_METHODS.join(', ')}` });
const Entry = z.union([
  Method,
  z.strictObject({ method: Method.optional(), threshold: z.number().positive().optional() }),
]);
const DriftMethods = z.record(z.string(), Entry);

/** Parses `drift-methods` into per-column options. */
export function parseDriftMethods(doc: ParsedDocument): Record<string, DriftOptions> {
  const parsed = DriftMethods.safeParse(doc.data ?? {});
  if (!parsed.success)
    throw documentError(doc, parsed.error, 'drift-methods', (p) => (p.length === 1 ? ['method', 'threshold'] : []));
  const out: Record<string, DriftOptions> = {};
  for (const [column, entry] of Object.entries(parsed.data)) {
    out[column] =
      typeof entry === 'string'
        ? { method: entry }
        : {
            ...(entry.method ? { method: entry.method } : {}),
            ...(entry.threshold !== undefined ? { threshold: entry.threshold } : {}),
          };
  }
  return out;
}
