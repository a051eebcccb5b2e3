// Where two documents (a metrics document, a validation report) differ, for the tests that hold one mode's result
// against another's: SQL against files, a DuckDB file against a CSV.

export interface Tolerance {
  /** Numbers agree within this much of the expected value (default 1e-9). */
  relative?: number;
  /** … plus this much (default 1e-15), for values that should be 0. */
  absolute?: number;
  /** Arrays at these paths are compared as sets of values (e.g. distinct values a GROUP BY gives in its own order). */
  unordered?: (path: string) => boolean;
}

/** Every difference as `path: got vs want`: numbers beyond the tolerance, other values unequal, keys on one side. */
export function differences(got: unknown, want: unknown, tolerance: Tolerance = {}, path = ''): string[] {
  const { relative = 1e-9, absolute = 1e-15, unordered } = tolerance;
  if (typeof want === 'number' && typeof got === 'number')
    return Math.abs(got - want) <= relative * Math.max(Math.abs(want), 1e-300) + absolute
      ? []
      : [`${path}: ${got} vs ${want}`];
  if (unordered?.(path) && Array.isArray(got) && Array.isArray(want))
    return differences([...got].sort(), [...want].sort(), { ...tolerance, unordered: undefined }, `${path} (sorted)`);
  if (want && typeof want === 'object') {
    if (!got || typeof got !== 'object') return [`${path}: ${JSON.stringify(got)} vs an object`];
    const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
    return [...keys].flatMap((k) =>
      differences((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], tolerance, `${path}.${k}`),
    );
  }
  return got === want ? [] : [`${path}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`];
}
