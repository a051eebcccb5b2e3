import { execFile } from 'node:child_process';

/** The outcome of one git command. */
export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/**
 * Runs git with an argument array (never a shell: refs and paths come from users and events). Prompts are
 * off so a fetch that needs credentials fails instead of hanging the step.
 */
export function git(args: string[], cwd: string, timeoutMs = 120_000): Promise<GitResult> {
  return new Promise((done) => {
    execFile(
      'git',
      args,
      {
        cwd,
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
        windowsHide: true,
      },
      (error, stdout, stderr) => done({ ok: !error, stdout, stderr }),
    );
  });
}

/** Runs git and returns trimmed stdout, or undefined when the command failed. */
export async function gitText(args: string[], cwd: string): Promise<string | undefined> {
  const r = await git(args, cwd);
  return r.ok ? r.stdout.trim() : undefined;
}
