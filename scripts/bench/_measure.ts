// Shared bench harness: runs two commands in turn (A B A B ...) and reports median wall time and peak memory
// (GNU time's maximum resident set size) of each, and the ratios, pair by pair. Every target checked with
// `target` is also recorded for scripts/bench.ts, which ends with every ratio and the worst file per target.
//
//   const r = compare(ours, theirs, { file: 'binary 2M' });        // 1 warm-up each, then 3 rounds A B
//   target('evaluate-model wall time / pandas+sklearn', r.wallRatio, 0.2, 'binary 2M');
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { basename } from 'node:path';

export interface Run {
  wall: number;
  /** User + system CPU seconds: steadier than wall time on a machine others are using too. */
  cpu: number;
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
  const r = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M %U %S', ...cmd.argv], {
    env: { ...process.env, ...cmd.env },
    cwd: cmd.cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const m = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  if (!m) throw new Error(`could not time ${cmd.name}: ${r.stderr?.slice(-500)}`);
  if (r.status !== 0)
    console.error(`${cmd.name} exited ${r.status}:\n${(r.stdout ?? '').slice(-1500)}\n${r.stderr.slice(-1500)}`);
  return { wall: Number(m[1]), cpu: Number(m[3]) + Number(m[4]), peakKiB: Number(m[2]), exitCode: r.status ?? 1 };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export interface Comparison {
  ours: { wall: number; cpu: number; peakMiB: number };
  theirs: { wall: number; cpu: number; peakMiB: number };
  wallRatio: number;
  /** Of user + system CPU time: printed beside the wall ratio, which load from other processes skews. */
  cpuRatio: number;
  memoryRatio: number;
  /** Every run, in order: the medians' raw material. */
  runs: { ours: Run[]; theirs: Run[] };
}

export interface CompareOptions {
  /** Rounds of (ours, theirs) after the warm-up (default 3). */
  rounds?: number;
  /** What was measured (a file, a shape), printed with the figures. */
  file?: string;
}

/**
 * Runs ours and theirs in turn, `rounds` times each after one warm-up of each, and prints the medians and the ratios
 * (the median of the per-round ratios, so both sides of a ratio ran under the same load). A run that fails (non-zero
 * exit) makes the comparison throw: a ratio against a failed run would mean nothing.
 */
export function compare(ours: Command, theirs: Command, options: CompareOptions | number = {}): Comparison {
  const { rounds = 3, file } = typeof options === 'number' ? { rounds: options } : options;
  const checked = (cmd: Command) => {
    const run = timeOnce(cmd);
    if (run.exitCode !== 0) throw new Error(`${cmd.name} failed (exit ${run.exitCode})${file ? ` on ${file}` : ''}`);
    return run;
  };
  checked(ours);
  checked(theirs);
  const a: Run[] = [];
  const b: Run[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(checked(ours));
    b.push(checked(theirs));
  }
  const result: Comparison = {
    ours: {
      wall: median(a.map((r) => r.wall)),
      cpu: median(a.map((r) => r.cpu)),
      peakMiB: median(a.map((r) => r.peakKiB)) / 1024,
    },
    theirs: {
      wall: median(b.map((r) => r.wall)),
      cpu: median(b.map((r) => r.cpu)),
      peakMiB: median(b.map((r) => r.peakKiB)) / 1024,
    },
    wallRatio: median(a.map((r, i) => r.wall / b[i]!.wall)),
    cpuRatio: median(a.map((r, i) => r.cpu / b[i]!.cpu)),
    memoryRatio: median(a.map((r, i) => r.peakKiB / b[i]!.peakKiB)),
    runs: { ours: a, theirs: b },
  };
  const row = (n: string, x: { wall: number; cpu: number; peakMiB: number }) =>
    `  ${n.padEnd(40)} ${x.wall.toFixed(2).padStart(8)} s wall ${x.cpu.toFixed(2).padStart(8)} s CPU ${x.peakMiB.toFixed(0).padStart(6)} MiB`;
  if (file) console.log(`  ${file}:`);
  console.log(row(ours.name, result.ours));
  console.log(row(theirs.name, result.theirs));
  console.log(
    `  ratio (ours/theirs, median of ${rounds} rounds): wall ${result.wallRatio.toFixed(3)}, CPU ${result.cpuRatio.toFixed(3)}, peak memory ${result.memoryRatio.toFixed(3)}`,
  );
  return result;
}

/** One checked target, as scripts/bench.ts collects them (a JSON line in the file BENCH_RESULTS names). */
export interface TargetResult {
  bench: string;
  file: string;
  label: string;
  value: number;
  atMost: number;
  ok: boolean;
  /** A figure printed for information, not a target (see info()). */
  info?: boolean;
}

/** Megabytes (10^6 bytes, the unit of CONTRACTS' 250 MB cap) from MiB (GNU time reports KiB). */
export function megabytes(mib: number): number {
  return (mib * 1048576) / 1e6;
}

/** Records a result line for the closing summary of `npm run bench` (the file BENCH_RESULTS names). */
function record(line: TargetResult): void {
  const results = process.env.BENCH_RESULTS;
  if (results) appendFileSync(results, `${JSON.stringify(line)}\n`);
}

const benchName = () => basename(process.argv[1] ?? 'bench').replace(/\.ts$/, '');

/**
 * Prints a ratio that is not a target, with why, and records it for the summary's list of every ratio: the CPU
 * time of a side that works on more than one core, beside its wall time, which is the target.
 */
export function info(label: string, value: number, why: string, file = ''): void {
  console.log(`  INFO ${label}${file ? ` [${file}]` : ''}: ${value.toFixed(3)} (${why})`);
  record({ bench: benchName(), file, label, value, atMost: 0, ok: true, info: true });
}

/** Prints PASS or MISS for a target and records it for the closing summary of `npm run bench`. */
export function target(label: string, value: number, atMost: number, file = ''): boolean {
  const ok = value <= atMost;
  console.log(
    `  ${ok ? 'PASS' : 'MISS'} ${label}${file ? ` [${file}]` : ''}: ${value.toFixed(3)} (target <= ${atMost})`,
  );
  record({ bench: benchName(), file, label, value, atMost, ok });
  return ok;
}
