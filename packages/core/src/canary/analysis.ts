/**
 * The `analysis` input: a YAML list of checks. A threshold check is a PromQL query and the rules its value must
 * meet; a statistical check (`compare: mann-whitney` or `proportion`) compares the canary's samples with stable's
 * and fails on a significant change for the worse. Validated with zod; an error points at the check and field
 * (and the line, for YAML).
 */
import { z } from 'zod';
import type { ParsedDocument } from '../inputs/document.ts';
import { unknownPlaceholders } from '../prometheus/template.ts';
import { directionOf } from '../contracts/thresholds.ts';

const RULES = ['min', 'max', 'max-regression-pct'] as const;

export const checkSchema = z
  .object({
    name: z.string().min(1),
    /** Absent: an instant query judged by rules. `mann-whitney`: a range of samples per track, a rank test. */
    compare: z.enum(['mann-whitney', 'proportion']).optional(),
    query: z.string().min(1).optional(),
    'success-query': z.string().min(1).optional(),
    'total-query': z.string().min(1).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    'max-regression-pct': z.number().min(0).optional(),
    direction: z.enum(['higher', 'lower']).optional(),
    alpha: z.number().gt(0).lt(1).optional(),
    'min-samples': z.number().int().min(2).optional(),
    resolution: z
      .string()
      .regex(/^\d+(\.\d+)?(ms|s|m|h)$/, 'expected a duration such as 10s, 30s or 1m')
      .optional(),
    'dry-run': z.boolean().optional(),
    'on-no-data': z.enum(['fail', 'pass']).default('fail'),
    'failure-limit': z.number().int().min(0).default(0),
  })
  .strict()
  .superRefine((c, ctx) => {
    const issue = (path: string | undefined, message: string) =>
      ctx.addIssue({ code: 'custom', path: path === undefined ? [] : [path], message });
    const rules = RULES.filter((r) => c[r] !== undefined);
    if (c.compare === undefined) {
      if (c.query === undefined) issue('query', 'is required (the PromQL whose value the rules judge)');
      else if (rules.length === 0) issue(undefined, 'a check needs at least one rule: min, max or max-regression-pct');
      for (const key of ['success-query', 'total-query', 'alpha', 'min-samples', 'resolution'] as const)
        if (c[key] !== undefined) issue(key, 'belongs to a statistical check: add compare: mann-whitney or proportion');
    } else {
      for (const rule of rules)
        issue(rule, `a ${c.compare} check is judged by its p-value against alpha, not by ${rule}`);
      if (c.compare === 'mann-whitney') {
        if (c.query === undefined) issue('query', 'is required (the PromQL read as a range for each track)');
        for (const key of ['success-query', 'total-query'] as const)
          if (c[key] !== undefined) issue(key, 'belongs to compare: proportion; mann-whitney reads query');
      } else {
        if (c.query !== undefined) issue('query', 'compare: proportion reads success-query and total-query instead');
        for (const key of ['success-query', 'total-query'] as const)
          if (c[key] === undefined)
            issue(key, 'is required for compare: proportion (counts per track over the interval)');
        if (c.resolution !== undefined) issue('resolution', 'belongs to compare: mann-whitney');
      }
    }
  })
  .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, { message: 'min is greater than max' });

export type CheckInput = z.infer<typeof checkSchema>;

/** A check ready to run: its rules plus the direction its regression is measured in. */
export interface Check extends CheckInput {
  direction: 'higher' | 'lower';
}

/** The defaults of the statistical checks (docs/formats.md and the action's README say the same). */
export const STATS_DEFAULTS = { alpha: 0.05, minSamples: 10, resolutionSeconds: 10 } as const;

/** The significance level of a statistical check. */
export const alphaOf = (c: Check): number => c.alpha ?? STATS_DEFAULTS.alpha;
/** The fewest samples (mann-whitney) or trials (proportion) per track before a statistical check judges. */
export const minSamplesOf = (c: Check): number => c['min-samples'] ?? STATS_DEFAULTS.minSamples;
/** The step of a mann-whitney check's range query, in seconds. */
export function resolutionSecondsOf(c: Check): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(c.resolution ?? '');
  if (!m) return STATS_DEFAULTS.resolutionSeconds;
  return (Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h']) / 1000;
}

/** The check's queries by field name, for placeholder checks and the preflight. */
export function queriesOf(c: Check): { field: 'query' | 'success-query' | 'total-query'; query: string }[] {
  return (['query', 'success-query', 'total-query'] as const).flatMap((field) =>
    c[field] === undefined ? [] : [{ field, query: c[field] }],
  );
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
    const ready = { ...check, direction: check.direction ?? inferDirection(check.name) };
    for (const { field, query } of queriesOf(ready)) {
      const unknown = unknownPlaceholders(query);
      if (unknown.length)
        throw doc.error(
          `check '${check.name}': unknown placeholder {{${unknown[0]}}}; the ${field} may use {{track}}, {{name}} and {{namespace}}.`,
          [i, field],
        );
    }
    return ready;
  });
}
