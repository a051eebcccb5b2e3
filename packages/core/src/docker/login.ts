import { setSecret } from '../log.ts';
import { UserError } from '../errors.ts';
import { docker } from './cli.ts';
import { withRetry } from './retry.ts';

/** Removes every occurrence of the secret from text we are about to show (belt and braces to masking). */
function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text;
}

/**
 * Logs in to a registry like docker/login-action: the password is masked in the log first
 * (log.setSecret), then handed to `docker login --password-stdin`, so it is never in argv
 * (visible in `ps`) nor printed.
 */
export async function registryLogin(registry: string, username: string, password: string): Promise<void> {
  setSecret(password);
  const result = await withRetry(() =>
    docker(['login', '--username', username, '--password-stdin', registry], { input: password }),
  );
  if (result.code !== 0) {
    const reason = redact(`${result.stderr}\n${result.stdout}`.trim(), password);
    throw new UserError(`docker login to ${registry} as ${username} failed: ${reason}`, { input: 'password' });
  }
}

/** Forgets the credentials again (docker/login-action's `logout: true` default), never failing the step. */
export async function registryLogout(registry: string): Promise<void> {
  await docker(['logout', registry]);
}
