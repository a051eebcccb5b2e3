/**
 * The quantile sketches a first pass left unfed (scan's skipUniqueQuantiles), filled from a second pass over the
 * same table when drift or a profile needs them after all: rare (a declared-unique numeric column with 5% or more
 * duplicates, a drift method forced on an id, a profile), while skipping them spared every run the sketch of each
 * id column. Each column is fed exactly as the first pass feeds it (same typed values, same order) into a fresh
 * summary, so the sketch is the one the first pass would have built.
 */
import type { TableSource } from '../data/types.ts';
import { ColumnSummary } from '../sketch/column-summary.ts';
import { progress } from '../log.ts';
import { readAs } from './cell-types.ts';
import type { TableScan } from './scan.ts';

/** Fills the skipped quantile sketches of `names` (columns of `scan`, read from `source`) in one more pass. */
export async function fillQuantiles(source: TableSource, scan: TableScan, names: ReadonlySet<string>): Promise<void> {
  const targets = scan.columns
    .map((col, index) => ({ col, index, fresh: new ColumnSummary() }))
    .filter(({ col }) => names.has(col.name) && col.summary.quantilesSkipped && col.schema);
  if (targets.length === 0) return;
  const log = progress(`validate-data: quantiles of ${targets.map((t) => t.col.name).join(', ')}`);
  let rows = 0;
  for await (const batch of source.batches()) {
    for (const { col, index, fresh } of targets) {
      const type = col.schema!.type;
      const cells = batch.columns[index]!;
      for (let r = 0; r < cells.length; r++) {
        const cell = cells[r]!;
        if (cell === null || cell === '') continue;
        const typed = readAs(type, cell);
        if (typed === undefined) continue;
        const v = typeof typed === 'number' ? typed : Number(typed);
        if (Number.isFinite(v)) fresh.addNumber(v);
      }
    }
    rows = batch.start + batch.length;
    log.tick(rows);
  }
  log.done(rows);
  for (const { col, fresh } of targets) col.summary.quantiles = fresh.quantiles;
}
