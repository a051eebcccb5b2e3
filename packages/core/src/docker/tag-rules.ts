import { inputError } from '../errors.ts';

/** One line of the `tags` input, in docker/metadata-action's grammar. */
export interface TagRule {
  type: 'sha' | 'ref' | 'semver' | 'raw';
  /** Attributes as written (`prefix` present but empty is different from absent, as in metadata-action). */
  attrs: Record<string, string>;
  priority: number;
}

/** metadata-action's default priorities: the highest-priority tag becomes the image's version. */
const PRIORITY: Record<TagRule['type'], number> = { semver: 900, ref: 600, raw: 200, sha: 100 };

/** The tags used when the input is empty: the commit, plus the branch or the pull request. */
export const DEFAULT_TAG_RULES = ['type=sha', 'type=ref,event=branch', 'type=ref,event=pr'];

/** Splits one CSV line on commas outside double quotes (metadata-action parses lines as CSV). */
function splitCsv(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields.map((f) => f.trim()).filter((f) => f !== '');
}

/** Parses one rule line; a line without `type=` is a raw value (`foo` is `type=raw,value=foo`). */
export function parseTagRule(line: string): TagRule {
  const attrs: Record<string, string> = {};
  for (const field of splitCsv(line)) {
    const eq = field.indexOf('=');
    if (eq < 0) attrs.value = field;
    else attrs[field.slice(0, eq).trim().toLowerCase()] = field.slice(eq + 1).trim();
  }
  const type = (attrs.type ?? 'raw') as TagRule['type'];
  if (!(type in PRIORITY)) {
    throw inputError(
      'tags',
      `unknown type ${JSON.stringify(attrs.type)} in ${JSON.stringify(line)}: expected sha, ref, semver or raw.`,
    );
  }
  if (type === 'ref' && !['branch', 'tag', 'pr'].includes(attrs.event ?? '')) {
    throw inputError('tags', `${JSON.stringify(line)} needs event=branch, event=tag or event=pr.`);
  }
  if (type === 'semver' && !attrs.pattern) {
    throw inputError('tags', `${JSON.stringify(line)} needs a pattern, e.g. pattern={{version}}.`);
  }
  if (type === 'sha' && attrs.format && !['short', 'long'].includes(attrs.format)) {
    throw inputError('tags', `${JSON.stringify(line)}: format must be short or long.`);
  }
  if (type === 'sha' && !('prefix' in attrs)) attrs.prefix = 'sha-';
  if (type === 'ref' && attrs.event === 'pr' && !('prefix' in attrs)) attrs.prefix = 'pr-';
  let priority = PRIORITY[type];
  if (attrs.priority !== undefined) {
    if (!/^-?\d+$/.test(attrs.priority))
      throw inputError('tags', `${JSON.stringify(line)}: priority must be a whole number.`);
    priority = Number(attrs.priority);
  }
  return { type, attrs, priority };
}

/** Parses the `tags` input (one rule per line; blank lines and `#` comments skipped), highest priority first. */
export function parseTagRules(text: string | undefined): TagRule[] {
  const lines = (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const rules = (lines.length ? lines : DEFAULT_TAG_RULES).map(parseTagRule);
  // A stable sort keeps the written order among equal priorities, as metadata-action does.
  return rules
    .map((rule, index) => ({ rule, index }))
    .sort((a, b) => b.rule.priority - a.rule.priority || a.index - b.index)
    .map((r) => r.rule);
}
