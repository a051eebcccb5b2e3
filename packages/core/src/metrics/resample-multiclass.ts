/** Multiclass metrics of a weighted resample: one pass for the matrix and log loss, one per class for ROC AUC. */
import { orderDescending } from './order.ts';
import { multiclassLabelValues } from './resample-labels.ts';
import { rowSum } from './sum.ts';
import type { MulticlassData } from './types.ts';
import { placed, plainAlloc, type Alloc, type Resampler } from './bootstrap.ts';

const EPS = 2.220446049250313e-16;

interface ClassOrder {
  order: Uint32Array;
  last: Uint8Array;
}

/** A multiclass task's per-row values (plain data: shared memory passes them to worker threads). */
export interface MulticlassRows {
  task: 'multiclass';
  k: number;
  truth: Int32Array;
  cell: Uint32Array;
  /** With probabilities: each row's log loss, and each class's rows by descending probability. */
  loss: Float64Array | undefined;
  classes: ClassOrder[];
}

/** Prepares the per-row values of a multiclass task for weighted resampling. */
export function multiclassResampler(d: MulticlassData): Resampler {
  return multiclassResamplerOf(multiclassRows(d));
}

/** The per-row values of a multiclass task, in arrays from `alloc`. */
export function multiclassRows(d: MulticlassData, alloc: Alloc = plainAlloc): MulticlassRows {
  const n = d.truth.length,
    k = d.labels.length;
  const cell = alloc(Uint32Array, n);
  for (let i = 0; i < n; i++) cell[i] = d.truth[i]! * k + d.predicted[i]!;
  let loss: Float64Array | undefined;
  const classes: ClassOrder[] = [];
  if (d.proba) {
    loss = alloc(Float64Array, n);
    const row = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) row[c] = Math.min(Math.max(d.proba[c]![i]!, EPS), 1 - EPS);
      loss[i] = -Math.log(row[d.truth[i]!]! / rowSum(row, k));
    }
    // the rows are normalised as read (normaliseRowsInPlace)
    for (const col of d.proba) {
      const order = placed(orderDescending(col), alloc);
      const last = alloc(Uint8Array, n);
      for (let i = 0; i < n; i++) last[i] = i === n - 1 || col[order[i + 1]!] !== col[order[i]!] ? 1 : 0;
      classes.push({ order, last });
    }
  }
  return { task: 'multiclass', k, truth: placed(d.truth, alloc), cell, loss, classes };
}

/** The resampler over prepared rows (in this thread or a worker's). */
export function multiclassResamplerOf(rows: MulticlassRows): Resampler {
  const { k, truth, cell, loss, classes } = rows;
  const n = cell.length;
  return {
    rows: n,
    values(w: Uint8Array) {
      const m = new Float64Array(k * k);
      let lossSum = 0,
        total = 0;
      for (let i = 0; i < n; i++) {
        m[cell[i]!]! += w[i]!;
        total += w[i]!;
        if (loss) lossSum += w[i]! * loss[i]!;
      }
      const out = multiclassLabelValues(m, k);
      if (!loss) return out;
      out.log_loss = lossSum / total;
      let aucSum = 0;
      for (let c = 0; c < k; c++) {
        const { order, last } = classes[c]!;
        let tp = 0,
          fp = 0,
          prevTp = 0,
          prevFp = 0,
          area2 = 0;
        for (let i = 0; i < n; i++) {
          const r = order[i]!;
          if (truth[r] === c) tp += w[r]!;
          else fp += w[r]!;
          if (last[i]) {
            area2 += (fp - prevFp) * (tp + prevTp);
            prevTp = tp;
            prevFp = fp;
          }
        }
        aucSum += tp > 0 && fp > 0 ? area2 / (2 * tp * fp) : NaN;
      }
      out.roc_auc_ovr = aucSum / k;
      return out;
    },
  };
}
