/**
 * The `prometheus-headers` input: one `Name: value` per line (e.g. `Authorization: Bearer …`). Every value is a
 * secret to the log: the caller masks each before anything else is printed.
 */
import { inputError } from '../errors.ts';

/** Parses `Name: value` lines into a header map; blank lines and `#` comments are skipped. */
export function parseHeaders(raw: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [i, line] of (raw ?? '').split(/\r?\n/).entries()) {
    const text = line.trim();
    if (!text || text.startsWith('#')) continue;
    const colon = text.indexOf(':');
    const name = colon > 0 ? text.slice(0, colon).trim() : '';
    // RFC 9110 field names are tokens.
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      throw inputError(
        'prometheus-headers',
        `line ${i + 1} is not 'Name: value' (a header name, a colon, the value).`,
        { line: i + 1 },
      );
    headers[name] = text.slice(colon + 1).trim();
  }
  return headers;
}
