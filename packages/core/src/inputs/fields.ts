import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { inputError } from '../errors.ts';
import { checkOutputPath } from '../fs/output-path.ts';
import { parseDocumentText, type ParsedDocument } from './document.ts';
import { looksLikeKubeconfigContent } from './kubeconfig-text.ts';
import { headerSecrets, kubeconfigSecrets, urlPasswordSecrets, wholeValue } from './secrets.ts';

/** One action input: how its raw `INPUT_*` string becomes a typed value. */
export interface Field<T> {
  readonly kind: string;
  readonly required: boolean;
  parse(raw: string | undefined, name: string): T;
  /** The credentials in the raw value, masked by readInputs before any input is parsed. */
  secrets?(raw: string): string[];
}

/** A required field that can be made optional (empty string or unset gives `undefined`). */
export interface RequiredField<T> extends Field<T> {
  optional(): Field<T | undefined>;
}

function make<T>(kind: string, parseValue: (raw: string, name: string) => T): RequiredField<T> {
  const build = <R extends boolean>(required: R): Field<R extends true ? T : T | undefined> => ({
    kind,
    required,
    parse(raw, name) {
      const text = (raw ?? '').trim();
      if (text === '') {
        if (required) throw inputError(name, `is required (${kind}) but was empty.`);
        return undefined as R extends true ? T : T | undefined;
      }
      return parseValue(text, name);
    },
  });
  return { ...build(true), optional: () => build(false) } as RequiredField<T>;
}

/** A field whose raw value carries credentials: `secrets` finds them (lexically) for masking before parsing. */
function withSecrets<T>(f: RequiredField<T>, secrets: (raw: string) => string[]): RequiredField<T> {
  return { ...f, secrets, optional: () => ({ ...f.optional(), secrets }) };
}

/** Turns a zod failure on an input into a message that names the input and shows what was given. */
function check<T>(schema: z.ZodType<T>, value: unknown, name: string, raw: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const reason = result.error.issues.map((i) => i.message).join('; ');
  throw inputError(name, `got ${JSON.stringify(raw)}: ${reason}.`);
}

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/** Builders for every kind of input the actions read. */
export const field = {
  /** A file the action writes: resolved as `path`, and refused at once when it cannot be written there. */
  outputPath: () =>
    make('a file path to write', (raw, name) => {
      const path = resolve(raw);
      checkOutputPath(name, path);
      return path;
    }),

  /** Any non-empty text. */
  string: () => make('text', (raw) => raw),

  /** A token or a password: masked in the log before anything reads it. */
  secret: () =>
    withSecrets(
      make('a secret', (raw) => raw),
      wholeValue,
    ),

  /** A kubeconfig path or content: the credentials in inline content are masked before it is parsed. */
  kubeconfig: () =>
    withSecrets(
      make('a kubeconfig path or content', (raw) => raw),
      (raw) => (looksLikeKubeconfigContent(raw) ? kubeconfigSecrets(raw) : []),
    ),

  /** `Name: value` HTTP header lines: every value is masked before the lines are parsed. */
  headers: () =>
    withSecrets(
      make('Name: value lines', (raw) => raw),
      headerSecrets,
    ),

  /** A connection URL: its password is masked before the URL is parsed. */
  connectionUrl: () =>
    withSecrets(
      make('a connection URL', (raw) => raw),
      urlPasswordSecrets,
    ),

  /** A path, resolved against the working directory (as the runner's relative paths are). */
  path: () => make('a path', (raw) => resolve(raw)),

  /** YAML 1.2 core booleans only, as @actions/core's getBooleanInput: true|True|TRUE|false|False|FALSE. */
  boolean: () =>
    make('true or false', (raw, name) => {
      if (TRUE.includes(raw)) return true;
      if (FALSE.includes(raw)) return false;
      throw inputError(name, `got ${JSON.stringify(raw)}: expected true or false.`);
    }),

  /** A whole number within a range. */
  integer: (range: { min?: number; max?: number } = {}) =>
    make('a whole number', (raw, name) => {
      let schema = z.number({ message: 'expected a whole number' }).int('expected a whole number');
      if (range.min !== undefined) schema = schema.min(range.min, `expected at least ${range.min}`);
      if (range.max !== undefined) schema = schema.max(range.max, `expected at most ${range.max}`);
      return check(schema, /^[+-]?\d+$/.test(raw) ? Number(raw) : NaN, name, raw);
    }),

  /** A finite number within a range. */
  number: (range: { min?: number; max?: number } = {}) =>
    make('a number', (raw, name) => {
      let schema = z.number({ message: 'expected a number' }).refine(Number.isFinite, 'expected a finite number');
      if (range.min !== undefined) schema = schema.refine((v) => v >= range.min!, `expected at least ${range.min}`);
      if (range.max !== undefined) schema = schema.refine((v) => v <= range.max!, `expected at most ${range.max}`);
      return check(schema, raw.trim() === '' ? NaN : Number(raw), name, raw);
    }),

  /** A list written one item per line or separated by commas; blanks are dropped. */
  list: () => make('a list', (raw) => splitList(raw)),

  /** One of a fixed set of words. */
  choice: <const C extends readonly [string, ...string[]]>(choices: C) =>
    make(`one of ${choices.join(', ')}`, (raw, name) => {
      if ((choices as readonly string[]).includes(raw)) return raw as C[number];
      throw inputError(name, `got ${JSON.stringify(raw)}: expected one of ${choices.join(', ')}.`);
    }),

  /** A duration such as `90s`, `5m`, `1h`, `500ms` (a bare number is seconds); the value is milliseconds. */
  duration: () =>
    make('a duration', (raw, name) => {
      const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(raw);
      if (!m) throw inputError(name, `got ${JSON.stringify(raw)}: expected a duration such as 30s, 5m or 1h.`);
      const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
      return Number(m[1]) * unit;
    }),

  /** A size in bytes: a bare number of bytes, or with a unit (kB, MB, GB: 1000-based as `docker images`; KiB, MiB, GiB). */
  bytes: () =>
    make('a size', (raw, name) => {
      const m = /^(\d+(?:\.\d+)?)\s*(B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$/.exec(raw);
      if (!m) throw inputError(name, `got ${JSON.stringify(raw)}: expected a size such as 500MB, 1.5GB or 800MiB.`);
      const units: Record<string, number> = {
        B: 1,
        kB: 1e3,
        KB: 1e3,
        MB: 1e6,
        GB: 1e9,
        TB: 1e12,
        KiB: 2 ** 10,
        MiB: 2 ** 20,
        GiB: 2 ** 30,
        TiB: 2 ** 40,
      };
      return Math.round(Number(m[1]) * units[m[2] ?? 'B']!);
    }),

  /** YAML or JSON written inline in the input, or the path of a file holding it. */
  document: () => make('YAML/JSON inline or a file path', (raw, name) => readDocumentInput(raw, name)),
};

/** Splits a newline-or-comma list, trimming items and dropping empty ones. */
export function splitList(raw: string): string[] {
  return raw
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Inline text has a newline, a `key: value` pair or JSON braces; anything else is taken as a path. */
function looksInline(raw: string): boolean {
  return raw.includes('\n') || /^[{[]/.test(raw) || /:\s/.test(raw);
}

function readDocumentInput(raw: string, name: string): ParsedDocument {
  if (looksInline(raw)) return parseDocumentText(raw, { input: name });
  const path = resolve(raw);
  if (!existsSync(path)) {
    throw inputError(
      name,
      `the file ${raw} does not exist (resolved to ${path}); give a path to a YAML/JSON file or the YAML inline.`,
    );
  }
  return parseDocumentText(readFileSync(path, 'utf8'), { input: name, file: raw });
}
