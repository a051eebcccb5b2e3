/**
 * Infers a column's schema type from its values (for `infer-schema` and for columns the schema does not name):
 * the narrowest of integer, number, boolean, date, datetime that every non-null value fits, else string.
 */
import type { ColumnType } from '../contracts/schema.ts';
import type { Cell } from '../data/types.ts';
import { numberKind, readAs } from './cell-types.ts';

const ORDER: ColumnType[] = ['integer', 'number', 'boolean', 'date', 'datetime'];

export class TypeGuess {
  /** Bit i set while every value so far reads as ORDER[i]. */
  private mask = (1 << ORDER.length) - 1;
  private any = false;

  /** Adds a value; returns whether it is a number (so callers need not test again). */
  add(cell: Exclude<Cell, null>): boolean {
    this.any = true;
    let m = this.mask;
    if (typeof cell === 'string' && (m & ~3) === 0) {
      // only integer/number still possible (or nothing): one character scan instead of a regex per type
      const k = numberKind(cell);
      this.mask = k === 1 ? m : k === 2 ? m & ~1 : 0;
      return k !== 0;
    }
    if (m === 0) return typeof cell === 'number';
    for (let i = 0; i < ORDER.length; i++) {
      if (m & (1 << i) && readAs(ORDER[i]!, cell) === undefined) m &= ~(1 << i);
    }
    this.mask = m;
    return typeof cell === 'number' || (typeof cell === 'string' && numberKind(cell) !== 0);
  }

  /** The inferred type (string for a column with no values). */
  get type(): ColumnType {
    if (!this.any) return 'string';
    for (let i = 0; i < ORDER.length; i++) if (this.mask & (1 << i)) return ORDER[i]!;
    return 'string';
  }

  /** Whether every value so far is a number (integer or not). */
  get numeric(): boolean {
    return (this.mask & 3) !== 0;
  }
}
