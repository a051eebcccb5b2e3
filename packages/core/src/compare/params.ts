/**
 * Parameters files (DVC's params.yaml, or JSON/TOML): parsed, flattened to `train.lr` keys as `dvc params diff`
 * does, and diffed into the keys that changed, were added or were removed.
 */
import { extname } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { UserError } from '../errors.ts';
import { parseDocumentText } from '../inputs/document.ts';

/** A parameter's value: a leaf of the file (a number, string, boolean, date, null, or a list kept whole). */
export type ParamValue = unknown;

/** Where a params file's text came from, for errors: the file as the user named it (or `<sha>:<path>`). */
export interface ParamsSource {
  file: string;
  input?: string;
}

/** One key that differs between the baseline's params and the current ones. */
export interface ParamChange {
  /** The params file, as the user named it. */
  file: string;
  /** The flattened key, e.g. `train.lr`. */
  key: string;
  kind: 'changed' | 'added' | 'removed';
  /** Absent for an added key. */
  baseline?: ParamValue;
  /** Absent for a removed key. */
  current?: ParamValue;
}

/**
 * Parses a params file by its extension (`.toml` with smol-toml, anything else as YAML, of which JSON is a part)
 * and flattens it. An empty file has no parameters; a top level that is not a mapping is an error naming the file.
 */
export function parseParamsText(text: string, where: ParamsSource): Map<string, ParamValue> {
  const location = { file: where.file, ...(where.input ? { input: where.input } : {}) };
  if (text.trim() === '') return new Map();
  let data: unknown;
  if (extname(where.file).toLowerCase() === '.toml') {
    try {
      data = parseToml(text);
    } catch (error) {
      const e = error as { line?: number; column?: number; message: string };
      throw new UserError(`invalid TOML: ${e.message.split('\n')[0]}`, {
        ...location,
        ...(e.line ? { line: e.line } : {}),
        ...(e.column ? { col: e.column } : {}),
      });
    }
  } else {
    data = parseDocumentText(text, where).data;
  }
  if (!isMapping(data))
    throw new UserError(
      `the top level is ${Array.isArray(data) ? 'a list' : `a ${data === null ? 'null' : typeof data}`}; ` +
        'expected a mapping of parameter names to values (e.g. train: { lr: 0.01 }).',
      location,
    );
  return flattenParams(data);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Flattens nested mappings to `a.b` keys as DVC does (flatten_dict with the dot reducer): lists are values, not
 * flattened by index, and an empty mapping has no keys at all.
 */
export function flattenParams(
  value: Record<string, unknown>,
  prefix = '',
  out = new Map<string, ParamValue>(),
): Map<string, ParamValue> {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isMapping(v)) flattenParams(v, key, out);
    else out.set(key, v);
  }
  return out;
}

/**
 * A value as text, the same on both sides exactly when the values are equal: numbers by value (`1e-3` and
 * `0.001` are one value), strings as written, dates as ISO 8601, lists as `[64, 32]` (strings in them quoted).
 */
export function paramText(value: ParamValue): string {
  return typeof value === 'string' ? value : innerText(value);
}

function innerText(value: ParamValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(innerText).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${innerText(v)}`).join(', ')}}`;
}

/** Equality of two leaves: same kind and same text (the string "1" is not the number 1). */
function sameValue(a: ParamValue, b: ParamValue): boolean {
  const kind = (v: ParamValue) => (v instanceof Date ? 'date' : Array.isArray(v) ? 'list' : typeof v);
  return kind(a) === kind(b) && paramText(a) === paramText(b);
}

/**
 * The keys of one params file that differ: changed, then added, then removed, each in the file's order.
 * `baseline` undefined (the file did not exist there) makes every key added.
 */
export function diffParams(
  file: string,
  baseline: Map<string, ParamValue> | undefined,
  current: Map<string, ParamValue>,
): ParamChange[] {
  const before = baseline ?? new Map<string, ParamValue>();
  const changed: ParamChange[] = [];
  const added: ParamChange[] = [];
  for (const [key, value] of current) {
    if (!before.has(key)) added.push({ file, key, kind: 'added', current: value });
    else if (!sameValue(before.get(key), value))
      changed.push({ file, key, kind: 'changed', baseline: before.get(key), current: value });
  }
  const removed: ParamChange[] = [...before]
    .filter(([key]) => !current.has(key))
    .map(([key, value]) => ({ file, key, kind: 'removed', baseline: value }));
  return [...changed, ...added, ...removed];
}
