/**
 * Finding the credentials in an input before anything parses it (issue #10): a parser's error can quote the
 * text it failed on, so the values are masked first (`core.setSecret`, the runner's `::add-mask::`), found by a
 * lexical scan that cannot fail on malformed text.
 */
import { setSecret } from '../log.ts';

/** Masks each value, and each line of a multi-line value (the runner masks line by line). */
export function maskSecrets(values: Iterable<string>): void {
  for (const value of values) {
    const whole = value.trim();
    if (!whole) continue;
    setSecret(whole);
    if (/[\r\n]/.test(whole))
      for (const line of whole.split(/\r?\n|\r/)) if (line.trim().length >= 4) setSecret(line.trim());
  }
}

/** A token or a password input: the whole value. */
export function wholeValue(raw: string): string[] {
  return [raw];
}

/** Keys of a kubeconfig whose values are credentials (users[].user, auth-provider config). */
const KUBECONFIG_SECRET_KEYS = [
  'token',
  'password',
  'client-key-data',
  'id-token',
  'refresh-token',
  'access-token',
  'client-secret',
  'secret',
];
const KUBECONFIG_SECRET = new RegExp(
  `(?:^|[\\s{,"'])(?:${KUBECONFIG_SECRET_KEYS.join('|')})["']?[ \\t]*:[ \\t]*("(?:[^"\\\\\\n]|\\\\.)*"|'[^'\\n]*'|[^\\s,}\\]#]+)`,
  'gm',
);

/** The credential values in kubeconfig text (YAML or JSON, well-formed or not): tokens, passwords, keys. */
export function kubeconfigSecrets(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(KUBECONFIG_SECRET)) {
    const value = m[1]!;
    const unquoted = /^["'].*["']$/s.test(value) ? value.slice(1, -1) : value;
    if (unquoted) found.push(unquoted);
    if (unquoted !== value) found.push(value);
  }
  return found;
}

/** The values of `Name: value` header lines (and a bearer credential alone); a line without a colon entirely. */
export function headerSecrets(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split(/\r?\n|\r/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const colon = trimmed.indexOf(':');
    const value = colon >= 0 ? trimmed.slice(colon + 1).trim() : trimmed;
    if (!value) continue;
    found.push(value);
    // `Bearer <token>`: the credential alone, should it be printed without its scheme.
    const credential = /^\S+\s+(\S+)$/.exec(value)?.[1];
    if (credential) found.push(credential);
  }
  return found;
}

/** The password of a connection URL (`scheme://user:password@host/...`), as written and percent-decoded. */
export function urlPasswordSecrets(url: string): string[] {
  // Lexical, not `new URL()`: the password must be masked even when the rest of the URL does not parse.
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#@:]*:([^/?#]*)@/.exec(url.trim());
  const password = m?.[1];
  if (!password) return [];
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // a malformed escape: the text as written is what could be printed
  }
  return decoded === password ? [password] : [password, decoded];
}

/** Masks a connection URL's password before the URL is parsed or printed. */
export function maskUrlPassword(url: string): void {
  maskSecrets(urlPasswordSecrets(url));
}
