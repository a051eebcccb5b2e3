// Deterministic bench data: a seeded generator of full-precision doubles and a CSV writer with back-pressure.
// Files go to a temp dir (benchDir) and are removed when the bench ends; the same seed writes the same bytes.
//
//   const rand = seeded(1);
//   await writeCsv(join(dir, 'preds.csv'), 'id,score', 2_000_000, (i) => `${i},${rand()}`);
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Uniform doubles in [0, 1) with all 53 bits random (two draws of a 32-bit xorshift-multiply generator), so
 * `String(x)` has the 15-17 significant digits of a model's float64 output.
 */
export function seeded(seed: number): () => number {
  let s = (seed ^ 0x9e3779b9) >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return Math.imul(s, 0x2c1b3c6d) >>> 0;
  };
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
}

/** A standard normal draw from a uniform generator (Box-Muller). */
export function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Writes `header` and `rows` lines `line(i)` (without the newline) to `path`, 1 MB at a time. */
export async function writeCsv(path: string, header: string, rows: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  let chunk = `${header}\n`;
  for (let i = 0; i < rows; i++) {
    chunk += `${line(i)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await Promise.race([new Promise<void>((r) => out.once('drain', () => r())), failed]);
      chunk = '';
    }
  }
  out.end(chunk);
  await Promise.race([new Promise<void>((r) => out.once('finish', () => r())), failed]);
}

/** A fresh temp dir for one bench's files; `cleanup()` removes it (call it in a finally). */
export function benchDir(name: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
