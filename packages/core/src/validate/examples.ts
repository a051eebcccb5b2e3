/** Failing-row counter with up to five examples (1-based data row numbers, as the report gives them). */
import { detach } from '../data/detach.ts';

export const MAX_EXAMPLES = 5;

export interface Example {
  row: number;
  value: string | null;
}

export class Failures {
  count = 0;
  examples: Example[] = [];

  /** Records a failing row (`row` is 0-based here; the report is 1-based). */
  add(row: number, value: string | null): void {
    this.count++;
    // detached: a kept CSV cell would otherwise pin its 64 KB span of the file (data/detach)
    if (this.examples.length < MAX_EXAMPLES)
      this.examples.push({ row: row + 1, value: value === null ? null : detach(value) });
  }

  /** Adds another part of the table's failures (a later part: its rows come after ours). */
  merge(o: Failures): void {
    this.count += o.count;
    for (const e of o.examples) if (this.examples.length < MAX_EXAMPLES) this.examples.push(e);
  }
}
