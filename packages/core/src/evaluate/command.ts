/** The optional `command` run before scoring: an argument array, spawned without a shell. */
import { spawn } from 'node:child_process';
import { inputError, UserError } from '../errors.ts';
import { parseArgv } from '../inputs/argv.ts';

/** Splits the `command` input into an argument array (see parseArgv: no shell is involved). */
export function parseCommand(raw: string): string[] {
  return parseArgv(raw, 'command');
}

/** Runs the command with inherited output; a non-zero exit is a UserError naming the command and code. */
export async function runCommand(args: string[], cwd = process.cwd()): Promise<void> {
  const [file, ...rest] = args as [string, ...string[]];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(file, rest, { cwd, stdio: ['ignore', 'inherit', 'inherit'], shell: false });
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT'
          ? inputError(
              'command',
              `'${file}' was not found (it runs without a shell: give the program and its arguments).`,
            )
          : e,
      ),
    );
    child.on('close', (c, signal) => resolve(c ?? (signal ? 128 : 1)));
  });
  if (code !== 0)
    throw new UserError(
      `the command ${JSON.stringify(args)} exited with code ${code}; expected it to write the predictions and exit 0.`,
      { input: 'command' },
    );
}
