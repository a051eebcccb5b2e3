/**
 * The schema checks of one column (docs/formats.md: type, nullable, max-null-fraction, unique, min, max, allowed,
 * pattern, min-length, max-length) as aggregates fed cell by cell: counts of failing rows, up to five examples,
 * observed extremes. Everything but `unique` is constant memory; counts and examples of two parts of a table
 * add up, so the same checks can run per partition (or as SQL COUNT/MIN/MAX) and be merged.
 */
import type { ColumnSchema } from '../contracts/schema.ts';
import type { CheckResult } from '../contracts/validation-report.ts';
import type { Cell } from '../data/types.ts';
import { type Typed, boundValue, cellText, codePointLength, readAs } from './cell-types.ts';
import { type ExampleKey, Failures } from './examples.ts';
import { UniqueSet } from './unique-set.ts';
import { compilePattern, type ValuePattern } from '../contracts/pattern.ts';

type Leveled<T> = { value: T; level: 'fail' | 'warn' };

export class ColumnChecks {
  readonly name: string;
  readonly schema: ColumnSchema;
  rows = 0;
  nulls = 0;
  readonly type = new Failures();
  readonly nullable = new Failures();
  readonly nullRows = new Failures();
  readonly unique = new Failures();
  readonly min = new Failures();
  readonly max = new Failures();
  readonly allowed = new Failures();
  readonly pattern = new Failures();
  readonly minLength = new Failures();
  readonly maxLength = new Failures();
  /** Smallest and largest value seen, kept only when the schema sets `min` (resp. `max`). */
  observedMin: Typed | undefined;
  observedMax: Typed | undefined;
  /** The `key-columns` values of a 0-based row of the current batch, when that input is set (scan sets it). */
  key: ((row: number) => ExampleKey) | undefined;
  private readonly uniqueSet: UniqueSet | null;
  private readonly bounds: { min?: Typed; max?: Typed };
  private readonly allowedSet: Set<Typed> | null;
  private readonly regex: ValuePattern | null;
  private readonly notNullable: boolean;
  private readonly hasMin: boolean;
  private readonly hasMax: boolean;
  private readonly minLengthValue: number;
  private readonly maxLengthValue: number;

  constructor(name: string, schema: ColumnSchema) {
    this.name = name;
    this.schema = schema;
    this.uniqueSet = schema.unique?.value ? new UniqueSet() : null;
    this.bounds = {};
    if (schema.min) this.bounds.min = boundValue(schema.type, schema.min.value);
    if (schema.max) this.bounds.max = boundValue(schema.type, schema.max.value);
    this.allowedSet = schema.allowed
      ? new Set(
          schema.allowed.value
            .map((v) => readAs(schema.type, v as string | number | boolean))
            .filter((v) => v !== undefined),
        )
      : null;
    this.regex = schema.pattern ? compilePattern(schema.pattern.value) : null;
    // read once here, not per cell
    this.notNullable = schema.nullable?.value === false;
    this.hasMin = schema.min !== undefined;
    this.hasMax = schema.max !== undefined;
    this.minLengthValue = schema['min-length'] ? schema['min-length'].value : -1;
    this.maxLengthValue = schema['max-length'] ? schema['max-length'].value : -1;
  }

  /** Checks one cell of 0-based data row `row`; returns its typed value, null for a null, undefined if mistyped. */
  add(cell: Cell, row: number): Typed | null | undefined {
    this.rows++;
    if (cell === null || cell === '') {
      this.nulls++;
      this.nullRows.add(row, null, this.key);
      if (this.notNullable) this.nullable.add(row, null, this.key);
      return null;
    }
    const typed = readAs(this.schema.type, cell);
    const text = typeof cell === 'string' ? cell : cellText(cell);
    if (typed === undefined) {
      this.type.add(row, text, this.key);
      return undefined;
    }
    const u = this.uniqueSet;
    if (
      u !== null &&
      (typeof typed === 'number' ? u.seenNumber(typed) : u.seen(typeof typed === 'string' ? typed : String(typed)))
    ) {
      this.unique.add(row, text, this.key);
    }
    // the observed extremes are reported with the min/max checks only: tracked when the schema sets that bound
    // (a string comparison per cell of every text column was a measurable share of the pass)
    if (this.hasMin) {
      if (this.observedMin === undefined || typed < this.observedMin) this.observedMin = typed;
      if (this.bounds.min !== undefined && typed < this.bounds.min) this.min.add(row, text, this.key);
    }
    if (this.hasMax) {
      if (this.observedMax === undefined || typed > this.observedMax) this.observedMax = typed;
      if (this.bounds.max !== undefined && typed > this.bounds.max) this.max.add(row, text, this.key);
    }
    if (this.allowedSet && !this.allowedSet.has(typed)) this.allowed.add(row, text, this.key);
    if (this.regex && !this.regex.test(text)) this.pattern.add(row, text, this.key);
    const minLength = this.minLengthValue;
    if (minLength >= 0 && codePointLength(text) < minLength) this.minLength.add(row, text, this.key);
    const maxLength = this.maxLengthValue;
    if (maxLength >= 0 && text.length > maxLength && codePointLength(text) > maxLength)
      this.maxLength.add(row, text, this.key);
    return typed;
  }

  /** The check results of this column, one per schema key that was set (plus `type`). */
  results(): CheckResult[] {
    const s = this.schema;
    const out: CheckResult[] = [];
    const shown = (v: Typed | undefined): string | number | boolean | null =>
      v === undefined
        ? null
        : (s.type === 'date' || s.type === 'datetime') && typeof v === 'number'
          ? new Date(v).toISOString().slice(0, s.type === 'date' ? 10 : 24)
          : v;
    const push = (
      check: CheckResult['check'],
      rule: Leveled<unknown> | undefined,
      f: Failures,
      extra: Partial<CheckResult> = {},
      passed = f.count === 0,
    ) => {
      if (!rule) return;
      out.push({
        column: this.name,
        check,
        passed,
        level: rule.level,
        failing_rows: f.count,
        expected: rule.value as CheckResult['expected'],
        examples: f.examples,
        ...extra,
      });
    };
    push('type', { value: s.type, level: 'fail' }, this.type, {
      observed: this.type.count ? `${this.type.count} value(s) not of type ${s.type}` : s.type,
    });
    if (s.nullable?.value === false) push('nullable', s.nullable, this.nullable, { observed: this.nulls });
    const fraction = this.rows ? this.nulls / this.rows : 0;
    const maxNull = s['max-null-fraction'];
    if (maxNull) push('max-null-fraction', maxNull, this.nullRows, { observed: fraction }, fraction <= maxNull.value);
    if (s.unique?.value) {
      const full = this.uniqueSet?.full
        ? { message: 'stopped checking after 8,000,000 distinct values (memory bound)' }
        : {};
      push('unique', s.unique, this.unique, full);
    }
    push('min', s.min, this.min, { observed: shown(this.observedMin) });
    push('max', s.max, this.max, { observed: shown(this.observedMax) });
    push('allowed', s.allowed, this.allowed);
    push('pattern', s.pattern, this.pattern);
    push('min-length', s['min-length'], this.minLength);
    push('max-length', s['max-length'], this.maxLength);
    return out;
  }
}
