import type { z } from 'zod';
import type { ParsedDocument } from '../inputs/document.ts';
import type { UserError } from '../errors.ts';

/** Problems listed in one error at most; a document with more is usually not the expected kind at all. */
const MAX_LISTED = 10;

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let node = data;
  for (const key of path)
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** One zod issue in words: what is wrong, and for an unknown key which keys are valid there. */
function describeIssue(
  issue: z.core.$ZodIssue,
  data: unknown,
  what: string,
  validKeys: (path: readonly (string | number)[]) => readonly string[],
): { message: string; path: (string | number)[] } {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    const valid = validKeys(path);
    const hint = valid.length ? ` Valid keys here: ${valid.join(', ')}.` : '';
    return {
      message: `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `'${k}'`).join(', ')} in ${what}.${hint}`,
      path: [...path, keys[0]!],
    };
  }
  const key = path.at(-1);
  if (issue.code === 'invalid_type' || issue.code === 'invalid_value') {
    // zod's message for a required key that is absent reads as if a wrong value were there
    const parent = valueAt(data, path.slice(0, -1));
    if (key !== undefined && typeof parent === 'object' && parent !== null && !(String(key) in parent))
      return { message: `missing the required key '${key}' (in ${what})`, path: path.slice(0, -1) };
  }
  // A `{ value, level }` or a plain value: say both forms instead of zod's union noise.
  const union = issue.code === 'invalid_union' && 'errors' in issue;
  const message = union ? `${issue.message}: expected a value or { value: …, level: warn|fail }` : issue.message;
  return { message: `${message} (in ${what})`, path };
}

/**
 * Turns the zod issues on a user's document into one UserError that names every problem (each with its field
 * and line), so two typos are fixed in one round: it points at the first.
 */
export function documentError(
  doc: ParsedDocument,
  error: z.ZodError,
  what: string,
  validKeys: (path: readonly (string | number)[]) => readonly string[] = () => [],
): UserError {
  // Unknown keys first: a typo is the cause, the required key it leaves missing only its effect.
  const issues = [...error.issues]
    .sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'))
    .map((i) => describeIssue(i, doc.data, what, validKeys));
  const [first, ...others] = issues;
  if (!others.length) return doc.error(first!.message, first!.path);
  const where = (p: (string | number)[]) => {
    const line = doc.lineOf(p);
    return [p.length ? `field '${p.join('.')}'` : '', line ? `line ${line}` : ''].filter(Boolean).join(', ');
  };
  const listed = others
    .slice(0, MAX_LISTED - 1)
    .map((i) => `${where(i.path)}: ${i.message.replace(/\.$/, '')}`)
    .join('; ');
  const more = issues.length > MAX_LISTED ? `; and ${issues.length - MAX_LISTED} more` : '';
  return doc.error(`${first!.message} ${issues.length} problems in all; also ${listed}${more}.`, first!.path);
}
