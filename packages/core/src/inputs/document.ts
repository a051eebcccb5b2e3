import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { UserError } from '../errors.ts';

/** A YAML/JSON document a user wrote, with the means to point at the line of any field. */
export interface ParsedDocument {
  data: unknown;
  /** The file it came from, when it was not inline. */
  file?: string;
  /** The action input it came from. */
  input?: string;
  /** 1-based line of the value at `path` (keys and indices), when known. */
  lineOf(path: readonly (string | number)[]): number | undefined;
  /** A UserError pointing at `path` inside this document. */
  error(message: string, path?: readonly (string | number)[]): UserError;
}

/** Parses YAML (JSON is YAML) keeping positions; a syntax error names the line. */
export function parseDocumentText(text: string, where: { input?: string; file?: string }): ParsedDocument {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  const location = (line?: number, field?: string) => ({
    ...(where.input ? { input: where.input } : {}),
    ...(where.file ? { file: where.file } : {}),
    ...(line ? { line } : {}),
    ...(field ? { field } : {}),
  });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    throw new UserError(`invalid YAML/JSON: ${first.message.split('\n')[0]}`, location(line));
  }
  const lineOf = (path: readonly (string | number)[]): number | undefined => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    for (const key of path) {
      keyNode = undefined;
      if (isMap(node)) {
        // Point at the key, not its value: a block mapping's value starts on the line after its key.
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
        keyNode = pair?.key;
        node = pair?.value;
      } else if (isSeq(node) && typeof key === 'number') node = node.get(key, true);
      else return undefined;
    }
    const range = ((keyNode ?? node) as Node | undefined)?.range;
    return range ? counter.linePos(range[0]).line : undefined;
  };
  return {
    data: doc.toJS({ maxAliasCount: 100 }),
    ...(where.file ? { file: where.file } : {}),
    ...(where.input ? { input: where.input } : {}),
    lineOf,
    error: (message, path = []) =>
      new UserError(message, location(lineOf(path), path.length ? path.join('.') : undefined)),
  };
}
