/**
 * A schema `pattern`, run on RE2 (re2js, a pure-JavaScript port of Google's RE2) rather than V8's backtracking
 * engine: matching time is linear in the value whatever the pattern, so a pattern such as `^(a+)+$` cannot hang a
 * run on a 40-character value (issue #10). The price is RE2's syntax: no backreferences and no lookaround, which
 * are exactly the features that need backtracking. JavaScript's `\uXXXX` and `\u{X…}` escapes are accepted and
 * rewritten to RE2's `\x{X…}`, so the common patterns written for JavaScript keep working.
 */
import { RE2JS, RE2JSException } from 're2js';

/** A compiled pattern: true when the value contains a match (as `RegExp.test`; anchor with `^…$`). */
export interface ValuePattern {
  test(value: string): boolean;
}

/** Why a pattern cannot be compiled; the message says what to change. */
export class PatternSyntaxError extends Error {}

/** Rewrites JavaScript's `\uXXXX` / `\u{X…}` escapes to RE2's `\x{X…}`, leaving every other escape as it is. */
function rewriteUnicodeEscapes(source: string): string {
  return source.replace(/\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|[\s\S])/g, (whole, braced, four) =>
    braced || four ? `\\x{${(braced ?? four) as string}}` : whole,
  );
}

/** What to tell the user about an RE2 syntax error: the unsupported features by name, else RE2's own reason. */
function explain(source: string, error: RE2JSException): string {
  if (/\(\?<?[=!]/.test(source))
    return 'lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported; patterns run on RE2, which matches in linear time';
  if (/\\[1-9]|\\k</.test(source))
    return 'backreferences (\\1, \\k<name>) are not supported; patterns run on RE2, which matches in linear time';
  return `${error.message.replace(/^error parsing regexp: /, '')} (patterns use RE2 syntax)`;
}

/** Compiles a schema pattern; throws a PatternSyntaxError that says what is wrong or unsupported. */
export function compilePattern(source: string): ValuePattern {
  let re: RE2JS;
  try {
    re = RE2JS.compile(rewriteUnicodeEscapes(source));
  } catch (error) {
    if (error instanceof RE2JSException) throw new PatternSyntaxError(explain(source, error));
    throw error;
  }
  return { test: (value) => re.test(value) };
}
