import type { z } from 'zod';
import type { ParsedDocument } from '../inputs/document.ts';
import { UserError } from '../errors.ts';

/** Turns the first zod issue on a user's document into a UserError naming the field, its line and what was expected. */
export function documentError(
  doc: ParsedDocument,
  error: z.ZodError,
  what: string,
  validKeys: (path: readonly (string | number)[]) => readonly string[] = () => [],
): UserError {
  const issue = error.issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    const valid = validKeys(path);
    const hint = valid.length ? ` Valid keys here: ${valid.join(', ')}.` : '';
    return doc.error(
      `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `'${k}'`).join(', ')} in ${what}.${hint}`,
      [...path, keys[0]!],
    );
  }
  if (issue.code === 'invalid_union' && 'errors' in issue) {
    // A `{ value, level }` or a plain value: say both forms instead of zod's union noise.
    message = `${message}: expected a value or { value: …, level: warn|fail }`;
  }
  return doc.error(`${message} (in ${what})`, path);
}
