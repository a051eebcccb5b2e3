/**
 * The one logging module: every message the actions print, and every secret they mask, goes through here (only
 * action/run.ts talks to @actions/core besides, for outputs and the step's failure).
 */
import * as core from '@actions/core';

export { debug, info, warning, error, notice, startGroup, endGroup, group, setSecret } from '@actions/core';

/** A progress logger for long work: prints at most once every `everyMs` (default 5 s), with a rate. */
export function progress(
  label: string,
  unit = 'rows',
  everyMs = 5000,
): { tick(done: number): void; done(total: number): void } {
  const started = Date.now();
  let last = started;
  const rate = (n: number, now: number): string => {
    const seconds = Math.max((now - started) / 1000, 1e-3);
    return `${Math.round(n / seconds).toLocaleString('en-US')} ${unit}/s`;
  };
  return {
    tick(done: number) {
      const now = Date.now();
      if (now - last < everyMs) return;
      last = now;
      core.info(`${label}: ${done.toLocaleString('en-US')} ${unit} (${rate(done, now)})`);
    },
    done(total: number) {
      const now = Date.now();
      core.info(
        `${label}: ${total.toLocaleString('en-US')} ${unit} in ${((now - started) / 1000).toFixed(2)} s (${rate(total, now)})`,
      );
    },
  };
}
