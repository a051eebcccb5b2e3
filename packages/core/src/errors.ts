/**
 * The two kinds of failure an action can have. A `UserError` is something the user can fix (a bad input, a
 * malformed file, a failing quality gate is NOT an error: gates report and fail through their outputs). Anything
 * else that escapes `runAction` is treated as a bug in modelgate.
 */

/** Where a user mistake was found: every field is optional, but give all that are known. */
export interface ErrorLocation {
  /** The action input, by its action.yml name (e.g. `thresholds`). */
  input?: string;
  /** The file the mistake is in, as the user wrote it or resolved against the workspace. */
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** 1-based column in `file`. */
  col?: number;
  /** The field, key path or column (e.g. `accuracy.max-regression`, `columns.age.type`). */
  field?: string;
}

/** A mistake the user can fix. The message says what was found and what was expected. */
export class UserError extends Error {
  readonly location: ErrorLocation;
  constructor(message: string, location: ErrorLocation = {}) {
    super(message);
    this.name = 'UserError';
    this.location = location;
  }

  /** The message prefixed by where the mistake is: `thresholds (gates.yml:3, field accuracy.min): …`. */
  describe(): string {
    const { input, file, line, col, field } = this.location;
    const where: string[] = [];
    if (input) where.push(`input '${input}'`);
    if (file) where.push(line ? `${file}:${line}${col ? `:${col}` : ''}` : file);
    else if (line) where.push(`line ${line}`);
    if (field) where.push(`field '${field}'`);
    return where.length ? `${where.join(', ')}: ${this.message}` : this.message;
  }
}

/** A user mistake in a file (data, schema, metrics, thresholds). Same as UserError, named for readability. */
export function fileError(message: string, file: string, extra: Omit<ErrorLocation, 'file'> = {}): UserError {
  return new UserError(message, { ...extra, file });
}

/** A user mistake in an action input. */
export function inputError(input: string, message: string, extra: Omit<ErrorLocation, 'input'> = {}): UserError {
  return new UserError(message, { ...extra, input });
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
