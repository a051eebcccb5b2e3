import { fmt, trusted, type Inline, type Markdown } from '../report/markdown.ts';
import { paramText, type ParamChange, type ParamValue } from './params.ts';
import type { ParamsDiff } from './params-read.ts';

/** Rows shown open; a longer diff is folded so it never pushes the metrics off the first screen. */
const OPEN_ROWS = 20;
/** Longer values are cut (a list of 500 ids says nothing in a table cell). */
const MAX_VALUE = 60;

const KIND: Record<ParamChange['kind'], string> = { changed: '✏️ changed', added: '➕ added', removed: '➖ removed' };

/**
 * A value for a cell: as text, cut at MAX_VALUE characters; a string that reads like the other side's value of
 * another kind (the string "1" against the number 1) or is empty is shown quoted, so the change is visible.
 */
function valueCell(value: ParamValue | undefined, other: ParamValue | undefined, present: boolean): Inline {
  if (!present) return '—';
  let text = paramText(value);
  if (typeof value === 'string' && (text === '' || (other !== undefined && text === paramText(other))))
    text = JSON.stringify(value);
  if (text.length > MAX_VALUE) text = `${text.slice(0, MAX_VALUE - 1)}…`;
  return fmt.breakable(text, 20);
}

function count(changes: ParamChange[], kind: ParamChange['kind']): number {
  return changes.filter((c) => c.kind === kind).length;
}

/** The "Parameters" section: the keys of the params files that changed, were added or removed since the baseline. */
export function paramsSection(md: Markdown, diff: ParamsDiff): void {
  const where: Inline[] = diff.revision
    ? [' against ', fmt.code(diff.revision.slice(0, 7)), ` (${diff.revisionSource})`]
    : [];
  const skipped = diff.files.filter((f) => typeof f.baseline === 'object');
  const compared = diff.files.filter((f) => typeof f.baseline !== 'object');
  const notes: Inline[] = skipped.map((f) =>
    fmt.join(fmt.code(f.file), `: not compared, ${(f.baseline as { unavailable: string }).unavailable}.`),
  );
  const added = compared.filter((f) => f.baseline === 'new').map((f) => f.file);
  if (added.length)
    notes.push(
      fmt.join(...added.flatMap((f, i) => [...(i ? [', '] : []), fmt.code(f)]), ' not there at the baseline.'),
    );

  md.heading(3, 'Parameters');
  const { changes } = diff;
  if (!compared.length) {
    md.paragraph('No params file could be compared.');
  } else if (!changes.length) {
    const keys = compared.reduce((n, f) => n + f.keys, 0);
    md.paragraph(fmt.join('Unchanged', ...where, `: ${keys} key${keys === 1 ? '' : 's'} in `), ...fileList(compared));
  } else {
    const summary = (['changed', 'added', 'removed'] as const)
      .filter((k) => count(changes, k))
      .map((k) => `${count(changes, k)} ${k}`)
      .join(', ');
    md.paragraph(fmt.join(fmt.bold(summary), ...where, '.'));
  }
  if (notes.length) md.list(notes);
  if (!changes.length) return;

  const byFile = diff.files.length > 1;
  const headers = [...(byFile ? ['File'] : []), 'Parameter', 'Baseline', 'Current', 'Change'];
  const rows = changes.map((c): Inline[] => [
    ...(byFile ? [fmt.breakable(c.file, 20)] : []),
    fmt.bold(fmt.breakable(c.key, 20)),
    valueCell(c.baseline, c.current, c.kind !== 'added'),
    valueCell(c.current, c.baseline, c.kind !== 'removed'),
    trusted(KIND[c.kind].replace(/ /g, '\u00a0')),
  ]);
  if (rows.length <= OPEN_ROWS) md.table(headers, rows);
  else md.details(`${rows.length} changed parameters`, (inner) => inner.table(headers, rows));
}

function fileList(files: { file: string }[]): Inline[] {
  return [...files.flatMap((f, i) => [...(i ? [', '] : []), fmt.code(f.file)]), '.'];
}
