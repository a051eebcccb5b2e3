/**
 * Escaping of untrusted text (column names, metric names, file names, values from data) before it goes into
 * GitHub-flavoured Markdown, so that it renders as the literal text: no HTML, no formatting, no links,
 * no @mentions that notify a team, no #123 references, no math.
 */

const ZERO_WIDTH_SPACE = '&#8203;';

/** Escapes text for inline Markdown (a paragraph, a heading, a table cell). Newlines become spaces. */
export function escapeInline(text: string): string {
  // One pass, so the entities inserted for one character are never escaped again by another rule.
  return text.replace(/\r?\n|\r|[&<>\\`*_[\]|~$@#]|:\/\//g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      // A zero-width space after @ and # stops mentions (@org/team) and references (#12).
      case '@':
      case '#':
        return `${c}${ZERO_WIDTH_SPACE}`;
      // Bare links: break the scheme so nothing becomes a link.
      case '://':
        return `:${ZERO_WIDTH_SPACE}//`;
      case '\n':
      case '\r':
      case '\r\n':
        return ' ';
      // Markdown control characters, backslash-escaped (GFM allows it for any ASCII punctuation).
      default:
        return `\\${c}`;
    }
  });
}

/** Text for a Mermaid label inside double quotes: no quotes, backticks, brackets or line breaks. */
export function escapeMermaidLabel(text: string): string {
  return text
    .replace(/["`<>[\]{}\r\n;#]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
}

/** Text for an HTML comment (the sticky marker): nothing that could close the comment. */
export function escapeCommentText(text: string): string {
  return text
    .replace(/-{2,}/g, '-')
    .replace(/[<>]/g, '')
    .replace(/[\r\n]/g, ' ')
    .trim();
}
