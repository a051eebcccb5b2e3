/**
 * Drift of every column shared by the current data and the reference (a dataset or a profile). Columns on one
 * side only are reported as skipped, not fatal; date columns are left out as Evidently does.
 */
import type { ColumnSummary } from '../sketch/column-summary.ts';
import { type ColumnDrift, type DriftOptions, type DriftSkip, columnDrift } from '../drift/column-drift.ts';

export interface DriftColumn {
  name: string;
  type: string;
  summary: ColumnSummary;
}

export interface DatasetDrift {
  columns: ColumnDrift[];
  skipped: DriftSkip[];
  /** Share of tested columns that drifted. */
  share: number;
  /** Dataset drift: the share reached `drift-share`. */
  drifted: boolean;
}

/** Tests each shared column; `perColumn` holds the `drift-methods` overrides. */
export function datasetDrift(
  current: DriftColumn[],
  reference: Map<string, DriftColumn>,
  perColumn: Record<string, DriftOptions>,
  threshold: number | undefined,
  driftShare: number,
): DatasetDrift {
  const columns: ColumnDrift[] = [];
  const skipped: DriftSkip[] = [];
  const seen = new Set<string>();
  for (const cur of current) {
    seen.add(cur.name);
    const ref = reference.get(cur.name);
    if (!ref) {
      skipped.push({ column: cur.name, reason: 'not in the reference' });
      continue;
    }
    if (['date', 'datetime'].includes(cur.type)) {
      skipped.push({ column: cur.name, reason: `${cur.type} column: not tested for drift (as Evidently)` });
      continue;
    }
    const options: DriftOptions = { ...(threshold !== undefined ? { threshold } : {}), ...perColumn[cur.name] };
    const r = columnDrift(cur.name, ref.summary, cur.summary, options);
    if ('reason' in r) skipped.push(r);
    else columns.push(r);
  }
  for (const name of reference.keys())
    if (!seen.has(name)) skipped.push({ column: name, reason: 'in the reference but not in the current data' });
  const drifted = columns.filter((c) => c.drifted).length;
  const share = columns.length ? drifted / columns.length : 0;
  return { columns, skipped, share, drifted: columns.length > 0 && share >= driftShare };
}
