import { load as loadYamlFast } from 'js-yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { UserError } from '../errors.ts';
import { parseJsonWithoutDuplicateKeys } from './json-document.ts';

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

interface Where {
  input?: string;
  file?: string;
}

/**
 * Parses YAML (JSON is YAML) keeping positions; a syntax error or a repeated key names the line.
 *
 * Linear in the document (issue #10: 100,000 thresholds took 444 s, 80% of it in the yaml library's pairwise
 * `uniqueKeys` check, and the rest of that library costs about 50 µs a line). Valid documents take a fast path:
 * JSON through `JSON.parse` with a linear duplicate-key count, YAML through js-yaml (YAML 1.2 core schema, as
 * the yaml library's default; it refuses repeated keys itself, and aliases here, whose expansion the yaml
 * library bounds). Positions are only computed, by the yaml library, when an error needs a line. Anything the
 * fast path refuses takes the yaml library's path, which names the line of the problem (repeated keys found
 * with one Set per mapping) or reads what js-yaml would not (aliases, within `maxAliasCount`).
 */
export function parseDocumentText(text: string, where: Where): ParsedDocument {
  const fast = parseJsonWithoutDuplicateKeys(text) ?? parseYamlFast(text);
  if (fast) {
    let positions: Positions | undefined;
    return documentOf(fast.data, where, (path) => (positions ??= parsePositions(text, where)).lineOf(path));
  }
  const positions = parsePositions(text, where);
  let data: unknown;
  try {
    data = positions.doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // The yaml library's guard against alias bombs ("billion laughs") throws a plain ReferenceError.
    if (!/alias/i.test((error as Error).message)) throw error;
    throw new UserError(
      'invalid YAML/JSON: aliases expand to too many values (at most 100 per alias).',
      location(where),
    );
  }
  return documentOf(data, where, positions.lineOf);
}

/** js-yaml's reading of a valid single document without aliases, or undefined for anything else. */
function parseYamlFast(text: string): { data: unknown } | undefined {
  if (text.trim() === '') return undefined;
  try {
    return { data: loadYamlFast(text, { maxAliases: 0 }) };
  } catch {
    return undefined;
  }
}

interface Positions {
  doc: Document.Parsed;
  lineOf(path: readonly (string | number)[]): number | undefined;
}

function location(where: Where, line?: number, field?: string) {
  return {
    ...(where.input ? { input: where.input } : {}),
    ...(where.file ? { file: where.file } : {}),
    ...(line ? { line } : {}),
    ...(field ? { field } : {}),
  };
}

function documentOf(data: unknown, where: Where, lineOf: ParsedDocument['lineOf']): ParsedDocument {
  return {
    data,
    ...(where.file ? { file: where.file } : {}),
    ...(where.input ? { input: where.input } : {}),
    lineOf,
    error: (message, path = []) =>
      new UserError(message, location(where, lineOf(path), path.length ? path.join('.') : undefined)),
  };
}

/** Parses with the yaml library, throwing the first syntax error or repeated key with its line. */
function parsePositions(text: string, where: Where): Positions {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: false });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    throw new UserError(`invalid YAML/JSON: ${first.message.split('\n')[0]}`, location(where, line));
  }
  const repeated = firstRepeatedKey(doc);
  if (repeated) {
    const line = repeated.range ? counter.linePos(repeated.range[0]).line : undefined;
    throw new UserError(`invalid YAML/JSON: Map keys must be unique; this key is repeated.`, location(where, line));
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
  return { doc, lineOf };
}

/** The second occurrence of a key in any mapping (compared as the yaml library does: scalar values), if any. */
function firstRepeatedKey(doc: Document.Parsed): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) {
          found = pair.key as Node;
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}
