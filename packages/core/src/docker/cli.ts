import { spawn } from 'node:child_process';

/** What one docker CLI call returned. */
export interface DockerResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of one docker CLI call. */
export interface DockerCallOptions {
  /** Text written to the process's stdin (e.g. a password for `--password-stdin`), never to argv. */
  input?: string;
  /** Extra environment, e.g. `DOCKER_BUILDKIT=0` for the classic builder. */
  env?: Record<string, string>;
  /** Called with every chunk of output as it arrives (build logs are long: the user sees them live). */
  onOutput?: (chunk: string) => void;
  /** Working directory of the call. */
  cwd?: string;
}

/** The docker executable: `DOCKER_PATH` when set (tests, odd runners), else the first `docker` on PATH. */
export function dockerExecutable(): string {
  return process.env.DOCKER_PATH || 'docker';
}

/** The environment docker runs with: the action's own INPUT_* values (a password among them) stay out. */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('INPUT_')));
}

/**
 * Runs `docker <args>` with an argument array (never through a shell, so tags, labels and paths
 * cannot inject commands) and collects its output. Never throws on a non-zero exit: callers decide
 * which failures are the user's to fix.
 */
export function docker(args: string[], options: DockerCallOptions = {}): Promise<DockerResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(dockerExecutable(), args, {
      cwd: options.cwd,
      env: { ...childEnv(), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      options.onOutput?.(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      options.onOutput?.(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT')
        resolvePromise({ code: 127, stdout, stderr: `docker executable not found: ${dockerExecutable()}` });
      else reject(error);
    });
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
    child.stdin.on('error', () => undefined); // docker may exit before reading stdin; its exit code tells why
    child.stdin.end(options.input ?? '');
  });
}

/** The last lines of a command's output, for error messages that stay readable. */
export function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Is a Docker engine answering? (`docker version` reaches the daemon; `docker info` is slower.) */
export async function dockerAvailable(): Promise<boolean> {
  const result = await docker(['version', '--format', '{{.Server.Version}}']);
  return result.code === 0 && result.stdout.trim() !== '';
}
