import { escapeInline } from './escape.ts';
import { mermaidXY, type XYChart } from './mermaid.ts';

/** Markdown that is already safe; everything else passed to the builder is escaped. */
export interface Trusted {
  readonly trusted: string;
}
/** Text for the builder: a plain string (escaped) or trusted Markdown. */
export type Inline = string | number | Trusted;

/** Marks Markdown written by modelgate itself (never data) as safe to insert as is. */
export function trusted(markdown: string): Trusted {
  return { trusted: markdown };
}

/** Renders one inline value: numbers and strings are escaped, trusted Markdown passes through. */
export function inline(value: Inline): string {
  if (typeof value === 'object') return value.trusted;
  return escapeInline(String(value));
}

/**
 * A code span of untrusted text, shown and copied exactly as it is (a regex, a value, a path): inside a code span
 * nothing is formatting, a link, a mention or HTML, so no escape or zero-width space needs to go in. The fence is
 * one backtick longer than any run inside; line breaks become spaces. A `|` is escaped by the table that holds it.
 */
export function codeSpan(text: string): Trusted {
  const content = text.replace(/\r?\n|\r/g, ' ');
  if (content === '') return trusted('');
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(content) ? ' ' : '';
  return trusted(`${fence}${pad}${content}${pad}${fence}`);
}

/** Helpers for trusted formatting around untrusted text. */
export const fmt = {
  bold: (v: Inline) => trusted(`**${inline(v)}**`),
  italic: (v: Inline) => trusted(`_${inline(v)}_`),
  /** Untrusted text as a code span; trusted Markdown in `<code>` (where it stays Markdown). */
  code: (v: Inline) => (typeof v === 'object' ? trusted(`<code>${v.trusted}</code>`) : codeSpan(String(v))),
  link: (text: Inline, url: string) =>
    trusted(`[${inline(text)}](${encodeURI(url).replace(/[()]/g, encodeURIComponent)})`),
  join: (...parts: Inline[]) => trusted(parts.map(inline).join('')),
  /**
   * A long name (a metric, a column) that may wrap in a table cell: escaped, with a `<wbr>` after each `_`, `.`,
   * `/` and `-` once it is longer than `after` characters, so one name cannot push a table past GitHub's comment
   * width. Shorter names are left exactly as `inline` renders them.
   */
  breakable: (text: string, after = 30) =>
    trusted(text.length <= after ? inline(text) : inline(text).replace(/(\\_|[./-])/g, '$1<wbr>')),
};

/** A block of a report. Kept structured (not a string) so a long report can be cut at a row or section. */
export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'table'; header: string; rows: string[] }
  | { kind: 'details'; summary: string; blocks: Block[] };

/**
 * One table cell. GFM splits a row at every `|` not preceded by a backslash, even inside a code span, and removes
 * that backslash before reading the cell: so a trusted cell (a code span of a regex `a|b`) gets every `|` escaped,
 * which shows as `|` whatever it sits in. Escaped text already carries `\|`.
 */
function cell(value: Inline): string {
  return typeof value === 'object' ? value.trusted.replace(/\|/g, '\\|') : inline(value);
}

/** Column alignment for tables. */
export type Align = 'left' | 'right' | 'center';

/** A report builder: every string it is given is escaped unless wrapped in `trusted()`. */
export class Markdown {
  readonly blocks: Block[] = [];

  heading(level: 1 | 2 | 3 | 4, text: Inline): this {
    return this.text(`${'#'.repeat(level)} ${inline(text)}`);
  }

  paragraph(...parts: Inline[]): this {
    return this.text(parts.map(inline).join(''));
  }

  /** A bulleted list. */
  list(items: Inline[]): this {
    return items.length ? this.text(items.map((i) => `- ${inline(i)}`).join('\n')) : this;
  }

  /** A table; each row is cut separately when the report must be shortened. */
  table(headers: Inline[], rows: Inline[][], align: Align[] = []): this {
    const sep = headers.map((_, i) => ({ left: '---', right: '---:', center: ':---:' })[align[i] ?? 'left']);
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    this.blocks.push({
      kind: 'table',
      header: `${line(headers.map(cell))}\n${line(sep)}`,
      rows: rows.map((r) => line(r.map(cell))),
    });
    return this;
  }

  /** A collapsed section; `build` fills it. */
  details(summary: Inline, build: (inner: Markdown) => void): this {
    const inner = new Markdown();
    build(inner);
    if (inner.blocks.length) this.blocks.push({ kind: 'details', summary: inline(summary), blocks: inner.blocks });
    return this;
  }

  /** A Mermaid xychart-beta (lines and bars), rendered natively by GitHub: no image hosting. */
  chart(chart: XYChart): this {
    return this.text(mermaidXY(chart));
  }

  /** Appends another report's blocks. */
  append(other: Markdown): this {
    this.blocks.push(...other.blocks);
    return this;
  }

  /** Trusted Markdown, as is. */
  raw(markdown: string): this {
    return this.text(markdown);
  }

  private text(text: string): this {
    this.blocks.push({ kind: 'text', text });
    return this;
  }

  toString(): string {
    return renderBlocks(this.blocks);
  }
}

/** Renders blocks to Markdown, separated by blank lines. */
export function renderBlocks(blocks: Block[]): string {
  return blocks.map(renderBlock).join('\n\n') + '\n';
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'text':
      return block.text;
    case 'table':
      return [block.header, ...block.rows].join('\n');
    case 'details':
      return `<details><summary>${block.summary}</summary>\n\n${renderBlocks(block.blocks)}\n</details>`;
  }
}
