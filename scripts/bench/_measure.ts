// Shared bench harness: runs two commands in turn (A B A B ...) and reports median wall time and peak memory
// (GNU time's maximum resident set size) of each, and the ratios, pair by pair.
import { spawnSync } from 'node:child_process';

export interface Run {
  wall: number;
  peakKiB: number;
  exitCode: number;
}

export interface Command {
  name: string;
  argv: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Runs a command once under /usr/bin/time and returns its wall seconds and peak RSS. */
export function timeOnce(cmd: Command): Run {
  const r = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M', ...cmd.argv], {
    env: { ...process.env, ...cmd.env },
    cwd: cmd.cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const m = /__TIME__ ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (!m) throw new Error(`could not time ${cmd.name}: ${r.stderr?.slice(-500)}`);
  if (r.status !== 0)
    console.error(`${cmd.name} exited ${r.status}:\n${(r.stdout ?? '').slice(-1500)}\n${r.stderr.slice(-1500)}`);
  return { wall: Number(m[1]), peakKiB: Number(m[2]), exitCode: r.status ?? 1 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export interface Comparison {
  ours: { wall: number; peakMiB: number };
  theirs: { wall: number; peakMiB: number };
  wallRatio: number;
  memoryRatio: number;
}

/** Runs ours and theirs in turn, `runs` times each after one warm-up of each, and prints the medians and ratios. */
export function compare(ours: Command, theirs: Command, runs = 3): Comparison {
  timeOnce(ours);
  timeOnce(theirs);
  const a: Run[] = [];
  const b: Run[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(timeOnce(ours));
    b.push(timeOnce(theirs));
  }
  const result: Comparison = {
    ours: { wall: median(a.map((r) => r.wall)), peakMiB: median(a.map((r) => r.peakKiB)) / 1024 },
    theirs: { wall: median(b.map((r) => r.wall)), peakMiB: median(b.map((r) => r.peakKiB)) / 1024 },
    wallRatio: median(a.map((r, i) => r.wall / b[i]!.wall)),
    memoryRatio: median(a.map((r, i) => r.peakKiB / b[i]!.peakKiB)),
  };
  const row = (n: string, w: number, m: number) =>
    `  ${n.padEnd(34)} ${w.toFixed(2).padStart(8)} s ${m.toFixed(0).padStart(8)} MiB`;
  console.log(row(ours.name, result.ours.wall, result.ours.peakMiB));
  console.log(row(theirs.name, result.theirs.wall, result.theirs.peakMiB));
  console.log(
    `  ratio (ours/theirs, median of ${runs} pairs): wall ${result.wallRatio.toFixed(3)}, peak memory ${result.memoryRatio.toFixed(3)}`,
  );
  return result;
}

/** Prints PASS or MISS for a target. */
export function target(label: string, value: number, atMost: number): boolean {
  const ok = value <= atMost;
  console.log(`  ${ok ? 'PASS' : 'MISS'} ${label}: ${value.toFixed(3)} (target <= ${atMost})`);
  return ok;
}
