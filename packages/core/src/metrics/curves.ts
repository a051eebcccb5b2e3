/** Curve downsampling for reports: at most `max` points, endpoints kept, spread evenly along the curve's length. */

/** Keeps at most `max` points of a polyline, chosen at equal arc-length steps; first and last are always kept. */
export function downsample(points: [number, number][], max = 50): [number, number][] {
  if (points.length <= max) return points;
  const cum = new Float64Array(points.length);
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!,
      [x1, y1] = points[i]!;
    cum[i] = cum[i - 1]! + Math.hypot(x1 - x0, y1 - y0);
  }
  const total = cum[points.length - 1]!;
  const keep = new Set<number>([0, points.length - 1]);
  let j = 0;
  for (let s = 1; s < max - 1; s++) {
    const target = (total * s) / (max - 1);
    while (j < points.length - 1 && cum[j]! < target) j++;
    keep.add(j);
  }
  return [...keep].sort((a, b) => a - b).map((i) => points[i]!);
}
