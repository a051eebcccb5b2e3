/**
 * What the GitHub runner would execute in a step's output (actions/runner ActionCommand): a line that starts with
 * `::` after white space, or that contains `##[` anywhere. Tests feed hostile text through the bundles and check
 * that every such line is one of the action's own commands.
 */

/** Hostile values the tests plant in data, file names, metric names and remote answers. */
export const HOSTILE = {
  error: '::error::x',
  mask: '::add-mask::churn.csv',
  stop: '::stop-commands::zz',
  legacy: '##[error]legacy',
} as const;

/** The commands the actions print themselves (annotations, groups, masks, and the resume token of a block). */
const OWN =
  /^::(error|warning|notice|debug|group|endgroup|add-mask|stop-commands|modelgate-[0-9a-f-]{36})(?: [^:]*)?::/;

/**
 * Lines of `stdout` the runner would run as a command that the action did not mean to issue. Between
 * `::stop-commands::<token>` and `::<token>::` the runner runs nothing (a hostile stop-commands never pairs up with
 * an action's token, so it is reported itself).
 */
export function injectedCommands(stdout: string): string[] {
  const found: string[] = [];
  let stoppedUntil: string | undefined;
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    const start = line.trimStart();
    if (stoppedUntil) {
      if (start === stoppedUntil) stoppedUntil = undefined;
      continue;
    }
    // Not a `::` command: the legacy `##[command]` form is looked for anywhere in the line.
    if (!start.startsWith('::')) {
      if (line.includes('##[')) found.push(line);
      continue;
    }
    const ownStop = /^::stop-commands::(modelgate-[0-9a-f-]{36})$/.exec(start);
    if (ownStop) {
      stoppedUntil = `::${ownStop[1]}::`;
      continue;
    }
    // One of our own commands: the runner reads the rest of the line as its data (a `##[` there is not parsed).
    if (Object.values(HOSTILE).some((h) => start.startsWith(h)) || !OWN.test(start)) found.push(line);
  }
  return found;
}
