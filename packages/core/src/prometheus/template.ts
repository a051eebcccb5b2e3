/** Fills the placeholders of a check's PromQL: `{{track}}`, `{{name}}`, `{{namespace}}` (spaces allowed inside). */
export interface QueryVariables {
  track: 'canary' | 'green' | 'stable';
  name: string;
  namespace: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The placeholders a query uses that are not one of track, name, namespace. */
export function unknownPlaceholders(query: string): string[] {
  return [...query.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((p) => !['track', 'name', 'namespace'].includes(p));
}

/** Replaces every placeholder with its value; values are label values, so `"` and `\` are escaped as PromQL strings need. */
export function renderQuery(query: string, variables: QueryVariables): string {
  return query.replace(PLACEHOLDER, (whole, key: string) => {
    const value = (variables as unknown as Record<string, string>)[key];
    return value === undefined ? whole : value.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
  });
}
