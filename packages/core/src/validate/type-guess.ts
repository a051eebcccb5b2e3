/**
 * Infers a column's schema type from its values (for `infer-schema` and for columns the schema does not name):
 * the narrowest of integer, number, boolean, date, datetime that every non-null value fits, else string.
 */
import type { ColumnType } from '../contracts/schema.ts';
import type { Cell } from '../data/types.ts';
import { readAs } from './cell-types.ts';

const ORDER: ColumnType[] = ['integer', 'number', 'boolean', 'date', 'datetime'];

export class TypeGuess {
  /** Bit i set while every value so far reads as ORDER[i]. */
  private mask = (1 << ORDER.length) - 1;
  private any = false;

  add(cell: Exclude<Cell, null>): void {
    this.any = true;
    let m = this.mask;
    if (m === 0) return;
    for (let i = 0; i < ORDER.length; i++) {
      if (m & (1 << i) && readAs(ORDER[i]!, cell) === undefined) m &= ~(1 << i);
    }
    this.mask = m;
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
