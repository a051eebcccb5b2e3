/**
 * The `analysis` input: a YAML list of checks, each a PromQL query and the rules its value must meet. Validated
 * with zod; an error points at the check and field (and the line, for YAML).
 */
import { z } from 'zod';
import type { ParsedDocument } from '../inputs/document.ts';
import { unknownPlaceholders } from '../prometheus/template.ts';
import { directionOf } from '../contracts/thresholds.ts';

export const checkSchema = z
  .object({
    name: z.string().min(1),
    query: z.string().min(1),
    min: z.number().optional(),
    max: z.number().optional(),
    'max-regression-pct': z.number().min(0).optional(),
    direction: z.enum(['higher', 'lower']).optional(),
    'on-no-data': z.enum(['fail', 'pass']).default('fail'),
    'failure-limit': z.number().int().min(0).default(0),
  })
  .strict()
  .refine((c) => c.min !== undefined || c.max !== undefined || c['max-regression-pct'] !== undefined, {
    message: 'a check needs at least one rule: min, max or max-regression-pct',
  })
  .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, { message: 'min is greater than max' });

export type CheckInput = z.infer<typeof checkSchema>;

/** A check ready to run: its rules plus the direction its regression is measured in. */
export interface Check extends CheckInput {
  direction: 'higher' | 'lower';
}

/**
 * Which way is better, when the check does not say: inferred from the name exactly as docs/formats.md's thresholds
 * infer it (e.g. `error-rate`, `p99_latency` are lower-is-better), so a check and a threshold never disagree.
 */
export function inferDirection(name: string): 'higher' | 'lower' {
  return directionOf(name);
}

/** Validates the analysis document: a list of checks with unique names; an empty input means no checks. */
export function parseAnalysis(doc: ParsedDocument | undefined): Check[] {
  if (!doc || doc.data === null || doc.data === undefined) return [];
  const data = doc.data;
  if (!Array.isArray(data)) throw doc.error('expected a YAML list of checks (- name: …, query: …, max: …).');
  const seen = new Set<string>();
  return data.map((item, i) => {
    const result = checkSchema.safeParse(item);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const path = [i, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
      const label =
        typeof (item as { name?: unknown })?.name === 'string'
          ? `check '${(item as { name: string }).name}'`
          : `check ${i + 1}`;
      throw doc.error(`${label}: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}.`, path);
    }
    const check = result.data;
    if (seen.has(check.name))
      throw doc.error(`check name '${check.name}' is used twice; names must be unique.`, [i, 'name']);
    seen.add(check.name);
    const unknown = unknownPlaceholders(check.query);
    if (unknown.length)
      throw doc.error(
        `check '${check.name}': unknown placeholder {{${unknown[0]}}}; the query may use {{track}}, {{name}} and {{namespace}}.`,
        [i, 'query'],
      );
    return { ...check, direction: check.direction ?? inferDirection(check.name) };
  });
}
