/**
 * An engine's failure as a user error: what was being done, on which connection (password masked), the engine's
 * own message (made inert: it can quote the data), and the SQL modelgate sent when it helps to see it.
 */
import { UserError } from '../errors.ts';

export function sqlError(where: string, what: string, cause: unknown, sql?: string): UserError {
  const message = cause instanceof Error ? cause.message : String(cause);
  const code = (cause as { code?: unknown } | null)?.code;
  const detail = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? ` (SQLSTATE ${code})` : '';
  const query = sql ? `\nThe query was:\n${sql.length > 2000 ? `${sql.slice(0, 2000)} …` : sql}` : '';
  return new UserError(`${where}: ${what}: ${message}${detail}${query}`, { input: 'connection' });
}
