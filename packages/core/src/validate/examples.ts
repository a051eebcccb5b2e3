/** Failing-row counter with up to five examples (1-based data row numbers, as the report gives them). */
import { detach } from '../data/detach.ts';

export const MAX_EXAMPLES = 5;

/** The `key-columns` values of a row (CONTRACTS: `"key": {"customer_id": 812}`). */
export type ExampleKey = Record<string, string | number | boolean | null>;

export interface Example {
  /** 1-based data row (file mode only: a SQL table has no row order). */
  row?: number;
  key?: ExampleKey;
  value: string | null;
}

export class Failures {
  count = 0;
  examples: Example[] = [];

  /** Records a failing row (`row` is 0-based here; the report is 1-based). */
  add(row: number, value: string | null, key?: (row: number) => ExampleKey): void {
    this.count++;
    // detached: a kept CSV cell would otherwise pin its 64 KB span of the file (data/detach)
    if (this.examples.length < MAX_EXAMPLES) {
      const example: Example = { row: row + 1, value: value === null ? null : detach(value) };
      if (key) example.key = key(row);
      this.examples.push(example);
    }
  }

  /** Adds another part of the table's failures (a later part: its rows come after ours). */
  merge(o: Failures): void {
    this.count += o.count;
    for (const e of o.examples) if (this.examples.length < MAX_EXAMPLES) this.examples.push(e);
  }
}
