/**
 * The one logging module: every message the actions print, and every secret they mask, goes through here (only
 * action/run.ts talks to @actions/core besides, for outputs and the step's failure).
 */
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';
import * as core from '@actions/core';

export { debug, info, warning, error, notice, startGroup, endGroup, group, setSecret } from '@actions/core';

/**
 * Counts as people read them: `2,000,000`. Written out rather than `toLocaleString('en-US')`, whose first call loads
 * ICU's locale data: ~10 ms and ~6 MB of every action's start for a comma every three digits.
 */
export function thousands(n: number): string {
  // fractions, -0, NaN, Infinity and integers beyond 2^53 keep ICU's en-US form
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

/**
 * A progress logger for long work: prints at most once every `everyMs` (default 5 s), with a rate. The label and
 * unit are made inert here, once: a label may name the data's columns (validate-data's quantile pass).
 */
export function progress(
  what: string,
  units = 'rows',
  everyMs = 5000,
): { tick(done: number): void; done(total: number): void } {
  const label = inert(what);
  const unit = inert(units);
  const started = Date.now();
  let last = started;
  const rate = (n: number, now: number): string => {
    const seconds = Math.max((now - started) / 1000, 1e-3);
    return `${thousands(Math.round(n / seconds))} ${unit}/s`;
  };
  return {
    tick(done: number) {
      const now = Date.now();
      if (now - last < everyMs) return;
      last = now;
      core.info(`${label}: ${thousands(done)} ${unit} (${rate(done, now)})`);
    },
    done(total: number) {
      const now = Date.now();
      core.info(
        `${label}: ${thousands(total)} ${unit} in ${((now - started) / 1000).toFixed(2)} s (${rate(total, now)})`,
      );
    },
  };
}

/**
 * Makes text that data, file names, metric names or a remote service chose inert in the log (issue #10).
 *
 * The runner reads a step's output line by line and runs as a workflow command (1) any line that starts with
 * `::` after leading white space (`::error::`, `::add-mask::`, `::stop-commands::` that would swallow our own
 * commands) and (2) any line that contains `##[` followed by a command name and `]`, anywhere in the line
 * (actions/runner ActionCommand.TryParseV2 and the legacy TryParse). So the text is escaped, not wrapped in
 * `::stop-commands::`: a piece of a line must stay one piece of one line, and escaping works the same inside
 * annotations, group titles and plain lines. Line breaks (CR, LF, and the other control characters) become
 * visible escapes (`\n`, `\r`, `\u001b`), so the text can neither start a line nor forge one; a `:` that would
 * open the text (after white space) is written `\:`; `##[` is written `##\[`. Everything else is unchanged.
 *
 * Annotation messages (`core.warning/error/notice`) are already safe from commands: the toolkit escapes `%`,
 * CR and LF in the message and `:`/`,` in properties, and the runner reads the whole line as the one `::warning`
 * command it starts with (legacy `##[` parsing is only tried when that fails). Text quoted in them still goes
 * through `inert` where it is a single value, so it cannot fake a second line of the message.
 */
export function inert(text: string): string {
  // eslint-disable-next-line no-control-regex
  const escaped = String(text).replace(/[\u0000-\u0008\u000a-\u001f\u007f\u0085\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return escaped.replace(/##\[/g, '##\\[').replace(/^(\s*):/, '$1\\:');
}

/**
 * Prints output that something else produced (a Docker build, a container's logs) between `::stop-commands::`
 * and its resume token, GitHub's documented way to print untrusted multi-line output: nothing printed inside
 * runs as a command, whatever the output contains. The token is random per block, so the output cannot guess
 * it and resume commands itself. Annotations printed inside are not processed either: print them after.
 */
export async function withCommandsStopped<T>(print: () => Promise<T>): Promise<T> {
  const token = `modelgate-${randomUUID()}`;
  process.stdout.write(`::stop-commands::${token}${EOL}`);
  try {
    return await print();
  } finally {
    // On a line of its own even when the output did not end with a newline.
    process.stdout.write(`${EOL}::${token}::${EOL}`);
  }
}
