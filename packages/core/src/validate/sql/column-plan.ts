/**
 * How one column of a SQL table is read as the schema's type, written as SQL expressions: which rows are null (a
 * NULL, or '' in a text column, as an empty CSV cell), which non-null values have the type, the typed value
 * compared with bounds and allowed sets, and the text patterns, lengths and examples see. The rules are the file
 * mode's (validate/cell-types): integer and decimal text by the same grammar, `true`/`false` in any case, ISO dates.
 */
import type { ColumnSchema, ColumnType } from '../../contracts/schema.ts';
import type { Dialect } from '../../sql/dialect.ts';
import type { ColumnKind, SqlColumn } from '../../sql/engine.ts';
import type { Params } from './params.ts';

export interface ColumnPlan {
  name: string;
  sql: SqlColumn;
  schema: ColumnSchema | undefined;
  /** The schema's type, else the one the engine's column type stands for. */
  type: ColumnType;
  /** True for a NULL (or '' in a text column). */
  isNull: string;
  /** True for a non-null value of the type. */
  good: string;
  /** The typed value of a good row: a double for integer and number, text otherwise. */
  value: string;
  /** The value as text (patterns, lengths, examples). */
  text: string;
  /** Whether `value` is a number. */
  numeric: boolean;
}

const INTEGER_TEXT = '^[+-]?[0-9]+$';
const NUMBER_TEXT = '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$';
const DATE_TEXT = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const DATETIME_TEXT =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$';

/** The schema type an engine column stands for when the schema does not name it. */
export function kindType(kind: ColumnKind): ColumnType {
  return kind === 'other' ? 'string' : kind;
}

export function planColumn(sql: SqlColumn, schema: ColumnSchema | undefined, d: Dialect, p: Params): ColumnPlan {
  const col = d.identifier(sql.name);
  const kind = sql.kind;
  const type = schema?.type ?? kindType(kind);
  const textual = kind === 'string' || kind === 'other';
  const isNull = textual ? `(${col} IS NULL OR ${d.toText(col)} = '')` : `(${col} IS NULL)`;
  const text = textual ? d.toText(col) : d.toText(col);
  const matches = (pattern: string) => d.regexContains(d.toText(col), p.add(pattern));
  let ok: string;
  let value: string;
  let numeric = false;
  switch (type) {
    case 'integer':
      numeric = true;
      ok =
        kind === 'integer'
          ? 'TRUE'
          : kind === 'number'
            ? `(${d.isFinite(d.toDouble(col))} AND ${d.toDouble(col)} = floor(${d.toDouble(col)}))`
            : textual
              ? matches(INTEGER_TEXT)
              : 'FALSE';
      value = d.toDouble(textual ? `CASE WHEN ${ok} THEN ${col} END` : col);
      break;
    case 'number':
      numeric = true;
      ok =
        kind === 'integer'
          ? 'TRUE'
          : kind === 'number'
            ? d.isFinite(d.toDouble(col))
            : textual
              ? matches(NUMBER_TEXT)
              : 'FALSE';
      value = d.toDouble(textual ? `CASE WHEN ${ok} THEN ${col} END` : col);
      break;
    case 'boolean':
      ok = kind === 'boolean' ? 'TRUE' : textual ? `lower(${d.toText(col)}) IN ('true', 'false')` : 'FALSE';
      value = `lower(${d.toText(col)})`;
      break;
    case 'date':
      ok = kind === 'date' ? 'TRUE' : textual ? matches(DATE_TEXT) : 'FALSE';
      value = d.toText(col);
      break;
    case 'datetime':
      ok = kind === 'datetime' ? 'TRUE' : textual ? matches(DATETIME_TEXT) : 'FALSE';
      value = d.toText(col);
      break;
    default:
      ok = 'TRUE';
      value = text;
  }
  return { name: sql.name, sql, schema, type, isNull, good: `(NOT ${isNull} AND ${ok})`, value, text, numeric };
}
