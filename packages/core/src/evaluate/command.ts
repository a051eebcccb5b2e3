/** The optional `command` run before scoring: an argument array, spawned without a shell. */
import { spawn } from 'node:child_process';
import { inputError, UserError } from '../errors.ts';

/**
 * Splits the `command` input: a JSON array of strings, or words separated by spaces where single quotes, double
 * quotes and backslashes group as in a POSIX shell. Nothing else is interpreted: no variables, globs, pipes or `;`.
 */
export function parseCommand(raw: string): string[] {
  const text = raw.trim();
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw inputError('command', `looks like a JSON array but is not valid JSON: ${text}`);
    }
    if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((a) => typeof a === 'string')) {
      throw inputError('command', 'as JSON must be a non-empty array of strings, e.g. ["python", "predict.py"].');
    }
    return parsed as string[];
  }
  const args: string[] = [];
  let cur = '',
    inWord = false,
    quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else cur += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) cur += text[++i];
      else cur += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) args.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) throw inputError('command', `has an unclosed ${quote} quote: ${text}`);
  if (inWord) args.push(cur);
  if (!args.length) throw inputError('command', 'is empty.');
  return args;
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
