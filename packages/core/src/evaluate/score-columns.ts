/** The multiclass probability columns: a `proba_*` pattern (the `*` part is the class) or a list with `classes`. */
import { inputError } from '../errors.ts';

export interface ClassColumn {
  label: string;
  column: string;
}

function escapeRegex(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** Resolves `score-columns` (and `classes`) against the table's columns. */
export function resolveScoreColumns(spec: string, classes: string[] | undefined, columns: string[]): ClassColumn[] {
  const trimmed = spec.trim();
  if (trimmed.includes('*')) {
    if (trimmed.includes(','))
      throw inputError(
        'score-columns',
        `got "${spec}": use either one pattern with * (e.g. proba_*) or a comma list of columns, not both.`,
      );
    const re = new RegExp(`^${trimmed.split('*').map(escapeRegex).join('(.+)')}$`);
    const found = columns.flatMap((c) => {
      const m = re.exec(c);
      return m ? [{ label: m[1]!, column: c }] : [];
    });
    if (found.length < 2) {
      throw inputError(
        'score-columns',
        `pattern "${spec}" matches ${found.length} column(s); expected one per class (at least 2). The columns are: ${columns.join(', ')}`,
      );
    }
    return found;
  }
  const list = trimmed
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!classes || classes.length !== list.length) {
    throw inputError(
      'classes',
      `score-columns lists ${list.length} columns, so classes must list ${list.length} class labels in the same order (got ${classes?.length ?? 0}).`,
    );
  }
  const missing = list.filter((c) => !columns.includes(c));
  if (missing.length)
    throw inputError(
      'score-columns',
      `no column ${missing.map((m) => `'${m}'`).join(', ')} in the data; the columns are: ${columns.join(', ')}`,
    );
  return list.map((column, i) => ({ column, label: classes[i]! }));
}
