/**
 * The fast path of user documents that are JSON (metrics files, thresholds written as JSON): `JSON.parse`, which
 * is linear and native, plus the one check it lacks. `JSON.parse` keeps the last of repeated keys silently, so
 * the keys are counted twice: in the text (every string followed by `:`) and in the parsed value; when the counts
 * differ a key was repeated and the caller takes the YAML path, which names its line.
 */

/** The parsed JSON, or undefined when the text is not JSON or repeats a key in some object. */
export function parseJsonWithoutDuplicateKeys(text: string): { data: unknown } | undefined {
  const start = text.search(/\S/);
  if (start < 0 || (text[start] !== '{' && text[start] !== '[')) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  return keysInText(text) === keysInValue(data) ? { data } : undefined;
}

/** Object keys written in valid JSON text: strings followed (after whitespace) by a colon. */
function keysInText(text: string): number {
  let keys = 0;
  let at = text.indexOf('"');
  while (at >= 0) {
    // The closing quote is the next one not escaped by an odd run of backslashes.
    let end = text.indexOf('"', at + 1);
    for (;;) {
      let slashes = 0;
      while (text.charCodeAt(end - 1 - slashes) === 92) slashes++;
      if (slashes % 2 === 0) break;
      end = text.indexOf('"', end + 1);
    }
    let next = end + 1;
    while (next < text.length && isJsonSpace(text.charCodeAt(next))) next++;
    if (text.charCodeAt(next) === 58) keys++;
    at = text.indexOf('"', next);
  }
  return keys;
}

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Own keys of every object in a parsed JSON value (iterative: deep documents cannot overflow the stack). */
function keysInValue(value: unknown): number {
  let keys = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else {
      const own = Object.keys(v);
      keys += own.length;
      for (const k of own) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return keys;
}
