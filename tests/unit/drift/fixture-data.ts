/** Rebuilds the drift fixture samples bit for bit as scripts/oracles/drift.py does (same 32-bit LCG). */
export interface NumericSpec {
  seed: number;
  n: number;
  scale: number;
  shift: number;
  digits?: number;
}
export interface CategorySpec {
  seed: number;
  n: number;
  labels: string[];
  weights: number[];
}

function lcg(seed: number, n: number): number[] {
  const out: number[] = [];
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) % 4294967296;
    out.push(s / 4294967296);
  }
  return out;
}

export function numericSample(spec: NumericSpec): number[] {
  const u = lcg(spec.seed, 3 * spec.n);
  const xs: number[] = [];
  for (let i = 0; i < spec.n; i++) {
    const x = (u[3 * i]! + u[3 * i + 1]! + u[3 * i + 2]!) * spec.scale + spec.shift;
    xs.push(spec.digits === undefined ? x : Number(x.toFixed(spec.digits)));
  }
  return xs;
}

export function categorySample(spec: CategorySpec): string[] {
  const total = spec.weights.reduce((a, b) => a + b, 0);
  const cum: number[] = [];
  let c = 0;
  for (const w of spec.weights) cum.push((c += w) / total);
  return lcg(spec.seed, spec.n).map((u) => spec.labels[cum.findIndex((x) => x > u)]!);
}

export function countsOf(values: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** `levels` equally spaced values, floor(u * levels) * step + shift (scripts/oracles/evidently_binning.py). */
export function levelSample(spec: { seed: number; n: number; levels: number; step: number; shift: number }): number[] {
  return lcg(spec.seed, spec.n).map((u) => Math.floor(u * spec.levels) * spec.step + spec.shift);
}
