import { z } from 'zod';
import type { ParsedDocument } from '../inputs/document.ts';
import { compilePattern, PatternSyntaxError } from './pattern.ts';
import { documentError } from './zod-errors.ts';

/** Column types of the data schema (docs/formats.md). */
export const COLUMN_TYPES = ['integer', 'number', 'string', 'boolean', 'date', 'datetime'] as const;
export const ColumnType = z.enum(COLUMN_TYPES, { message: `type must be one of ${COLUMN_TYPES.join(', ')}` });
export type ColumnType = z.infer<typeof ColumnType>;

/** What a failed check does: fail the run, or only warn. */
export const Level = z.enum(['fail', 'warn'], { message: "level must be 'fail' or 'warn'" });
export type Level = z.infer<typeof Level>;

/** A check written as a plain value or as `{ value, level }`; normalised to the latter. */
function leveled<T extends z.ZodType>(value: T) {
  return z
    .union([value, z.strictObject({ value, level: Level.default('fail') })])
    .transform((v) =>
      typeof v === 'object' && v !== null && !Array.isArray(v) && 'value' in v
        ? (v as { value: z.infer<T>; level: Level })
        : { value: v as z.infer<T>, level: 'fail' as Level },
    );
}

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const NumberOrDate = z.union([z.number().refine(Number.isFinite, 'expected a finite number'), z.string()]);
const Count = z.number().int().nonnegative();

/** The keys a column may have (docs/formats.md). */
export const COLUMN_KEYS = [
  'type',
  'nullable',
  'max-null-fraction',
  'unique',
  'min',
  'max',
  'allowed',
  'pattern',
  'min-length',
  'max-length',
] as const;

/** One column's checks. */
export const ColumnSchema = z.strictObject({
  type: ColumnType,
  nullable: leveled(z.boolean()).optional(),
  'max-null-fraction': leveled(z.number().min(0).max(1)).optional(),
  unique: leveled(z.boolean()).optional(),
  min: leveled(NumberOrDate).optional(),
  max: leveled(NumberOrDate).optional(),
  allowed: leveled(z.array(Scalar).min(1)).optional(),
  pattern: leveled(z.string()).optional(),
  'min-length': leveled(Count).optional(),
  'max-length': leveled(Count).optional(),
});
export type ColumnSchema = z.infer<typeof ColumnSchema>;

/** The data schema of validate-data. */
export const DataSchema = z.strictObject({
  columns: z.record(z.string(), ColumnSchema),
  rows: z.strictObject({ min: Count.optional(), max: Count.optional() }).optional(),
});

/** The keys valid at a place in the schema, for "unknown key" errors. */
function schemaKeys(path: readonly (string | number)[]): readonly string[] {
  if (path.length === 0) return ['columns', 'rows'];
  if (path[0] === 'rows') return ['min', 'max'];
  if (path.length === 2) return COLUMN_KEYS;
  return ['value', 'level'];
}
export type DataSchema = z.infer<typeof DataSchema>;

/** Parses a schema document (inline or file) with errors that name the column, the key and the line. */
export function parseDataSchema(doc: ParsedDocument): DataSchema {
  const parsed = DataSchema.safeParse(doc.data);
  if (!parsed.success) throw documentError(doc, parsed.error, 'the data schema', schemaKeys);
  for (const [name, column] of Object.entries(parsed.data.columns)) {
    if (column.pattern) {
      try {
        compilePattern(column.pattern.value);
      } catch (error) {
        if (!(error instanceof PatternSyntaxError)) throw error;
        throw doc.error(`pattern does not compile: ${error.message}.`, ['columns', name, 'pattern']);
      }
    }
  }
  return parsed.data;
}
