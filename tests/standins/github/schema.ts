/** A JSON value of an OpenAPI or JSON Schema document. */
export type SchemaNode = { [key: string]: unknown };

// OpenAPI 3.0 schemas are almost JSON Schema draft 4/7. Two differences matter to a validator:
// - `nullable: true` (3.0 only) means "or null"; JSON Schema spells it `type: [t, "null"]`.
// - `$ref` points into the description's `components`; the stand-in inlines them so each operation's schema
//   compiles on its own and only the operations a test actually hits are compiled.

const ANNOTATIONS = new Set(['example', 'examples', 'discriminator', 'xml', 'externalDocs', 'deprecated', 'nullable']);

function resolvePointer(root: SchemaNode, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = (node as SchemaNode | undefined)?.[key];
  }
  if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  return node;
}

/** Follows a `$ref` (if any) to the object it names. */
export function deref<T>(root: SchemaNode, node: T | { $ref: string }): T {
  let current: unknown = node;
  for (let hops = 0; hops < 20 && current && typeof current === 'object' && '$ref' in current; hops++) {
    current = resolvePointer(root, String((current as { $ref: string }).$ref));
  }
  return current as T;
}

function convertNode(node: unknown, root: SchemaNode, inProgress: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((item) => convertNode(item, root, inProgress));
  if (!node || typeof node !== 'object') return node;
  const source = node as SchemaNode;
  if (typeof source.$ref === 'string') {
    const ref = source.$ref;
    // A recursive schema (rare in request bodies) is cut at the second visit and accepts anything there.
    if (inProgress.has(ref)) return {};
    inProgress.add(ref);
    const converted = convertNode(resolvePointer(root, ref), root, inProgress);
    inProgress.delete(ref);
    return converted;
  }
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(source)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      const props: SchemaNode = {};
      for (const [name, child] of Object.entries(value as SchemaNode))
        props[name] = convertNode(child, root, inProgress);
      out[key] = props;
    } else if (key === 'enum' || key === 'required' || key === 'default') {
      out[key] = value;
    } else {
      out[key] = convertNode(value, root, inProgress);
    }
  }
  if (source.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

/** Turns an OpenAPI 3.0 schema (with $refs into `root`) into a self-contained JSON Schema. */
export function toJsonSchema(schema: unknown, root: SchemaNode): SchemaNode {
  return convertNode(schema, root, new Set()) as SchemaNode;
}
