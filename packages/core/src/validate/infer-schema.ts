/**
 * `infer-schema`: a starting schema from the data, for a team to review and commit: each column's type,
 * `nullable: false` when no value was missing, `allowed` for string columns of at most 100 distinct values, and
 * the observed min and max of numeric columns.
 */
import { stringify } from 'yaml';
import type { ColumnType } from '../contracts/schema.ts';
import type { TableScan } from './scan.ts';

const MAX_ALLOWED = 100;

/** The inferred schema as a plain object (CONTRACTS data schema). */
export function inferSchema(scan: TableScan): { columns: Record<string, Record<string, unknown>> } {
  const columns: Record<string, Record<string, unknown>> = {};
  for (const col of scan.columns) {
    const type: ColumnType = col.guess?.type ?? col.schema?.type ?? 'string';
    const s = col.summary;
    const entry: Record<string, unknown> = { type };
    if (s.nulls === 0 && s.count > 0) entry.nullable = false;
    if ((type === 'integer' || type === 'number') && s.count > 0 && s.numeric) {
      entry.min = s.min;
      entry.max = s.max;
    }
    const counts = s.categories.counts;
    if (type === 'string' && counts && counts.size > 0 && counts.size <= MAX_ALLOWED) {
      entry.allowed = [...counts.keys()].sort();
    }
    columns[col.name] = entry;
  }
  return { columns };
}

/** The inferred schema as YAML, with a header saying where it came from. */
export function inferSchemaYaml(scan: TableScan, source: string): string {
  const header = `# Inferred by modelgate validate-data from ${source} (${scan.rows} rows). Review before committing:\n# bounds and allowed values are what this data held, not what is valid.\n`;
  return header + stringify(inferSchema(scan), { lineWidth: 0 });
}
