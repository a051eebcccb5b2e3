/** Rows grouped by the value of a slice column, and the task data restricted to a group. */
import type { BinaryData, MulticlassData, RegressionData } from './types.ts';

/** A dictionary-encoded slice column (`codes[i]` indexes `values`, -1 for a missing value). */
export interface SliceColumn {
  name: string;
  values: readonly string[];
  codes: Int32Array;
}

/** One value of a slice column and the rows that have it. */
export interface SliceGroup {
  key: string;
  value: string;
  rows: Uint32Array;
}

/** Groups rows by slice value (missing values form the group `null`, last), ordered by value as pandas' groupby. */
export function sliceGroups(column: SliceColumn): SliceGroup[] {
  const k = column.values.length;
  const counts = new Uint32Array(k + 1);
  for (let i = 0; i < column.codes.length; i++) counts[column.codes[i]! < 0 ? k : column.codes[i]!]!++;
  const rows = Array.from(counts, (c) => new Uint32Array(c));
  const fill = new Uint32Array(k + 1);
  for (let i = 0; i < column.codes.length; i++) {
    const g = column.codes[i]! < 0 ? k : column.codes[i]!;
    rows[g]![fill[g]!++] = i;
  }
  const groups: SliceGroup[] = [];
  for (let g = 0; g < k; g++) {
    if (rows[g]!.length)
      groups.push({ key: `${column.name}=${column.values[g]!}`, value: column.values[g]!, rows: rows[g]! });
  }
  const numeric = groups.every((g) => g.value.trim() !== '' && Number.isFinite(Number(g.value)));
  groups.sort((a, b) =>
    numeric ? Number(a.value) - Number(b.value) : a.value < b.value ? -1 : a.value > b.value ? 1 : 0,
  );
  if (rows[k]!.length) groups.push({ key: `${column.name}=null`, value: 'null', rows: rows[k]! });
  return groups;
}

/** Reusable buffers for subsets, so slice after slice does not allocate (and fragment) fresh arrays. */
export class SubsetBuffers {
  #int: Int32Array[] = [];
  #float: Float64Array[] = [];
  #nextInt = 0;
  #nextFloat = 0;
  /** Starts a new subset: the buffers handed out before may be overwritten. */
  reset(): this {
    this.#nextInt = this.#nextFloat = 0;
    return this;
  }
  int(n: number): Int32Array {
    // Stryker disable next-line UpdateOperator: equivalent, the buffers are keyed by call order and counting down keys them as well
    const i = this.#nextInt++;
    if (!this.#int[i] || this.#int[i].length < n) this.#int[i] = new Int32Array(n);
    return this.#int[i].subarray(0, n);
  }
  float(n: number): Float64Array {
    // Stryker disable next-line UpdateOperator: equivalent, the buffers are keyed by call order and counting down keys them as well
    const i = this.#nextFloat++;
    if (!this.#float[i] || this.#float[i].length < n) this.#float[i] = new Float64Array(n);
    return this.#float[i].subarray(0, n);
  }
}

function gatherInt(a: Int32Array, rows: Uint32Array, buffers?: SubsetBuffers): Int32Array {
  const out = buffers ? buffers.int(rows.length) : new Int32Array(rows.length);
  // Stryker disable next-line EqualityOperator: equivalent, writing out[length] of a typed array changes nothing
  for (let i = 0; i < rows.length; i++) out[i] = a[rows[i]!]!;
  return out;
}

function gatherFloat(a: Float64Array, rows: Uint32Array, buffers?: SubsetBuffers): Float64Array {
  const out = buffers ? buffers.float(rows.length) : new Float64Array(rows.length);
  // Stryker disable next-line EqualityOperator: equivalent, writing out[length] of a typed array changes nothing
  for (let i = 0; i < rows.length; i++) out[i] = a[rows[i]!]!;
  return out;
}

/** The binary task restricted to `rows` (labels keep their indices). */
export function binarySubset(d: BinaryData, rows: Uint32Array, buffers?: SubsetBuffers): BinaryData {
  buffers?.reset();
  const out: BinaryData = {
    labels: d.labels,
    positive: d.positive,
    truth: gatherInt(d.truth, rows, buffers),
    predicted: gatherInt(d.predicted, rows, buffers),
  };
  if (d.score) out.score = gatherFloat(d.score, rows, buffers);
  return out;
}

/** The multiclass task restricted to `rows`. */
export function multiclassSubset(d: MulticlassData, rows: Uint32Array, buffers?: SubsetBuffers): MulticlassData {
  buffers?.reset();
  const out: MulticlassData = {
    labels: d.labels,
    truth: gatherInt(d.truth, rows, buffers),
    predicted: gatherInt(d.predicted, rows, buffers),
  };
  if (d.proba) out.proba = d.proba.map((p) => gatherFloat(p, rows, buffers));
  return out;
}

/** The regression restricted to `rows`. */
export function regressionSubset(d: RegressionData, rows: Uint32Array, buffers?: SubsetBuffers): RegressionData {
  buffers?.reset();
  return { truth: gatherFloat(d.truth, rows, buffers), predicted: gatherFloat(d.predicted, rows, buffers) };
}
