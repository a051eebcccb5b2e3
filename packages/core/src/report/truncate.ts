import { renderBlocks, type Block } from './markdown.ts';

/** GitHub's limit on an issue comment body, in characters. */
export const COMMENT_LIMIT = 65_536;

/**
 * Cuts a report to at most `limit` characters at a table-row or section boundary (never inside a row,
 * a chart or an HTML tag), and ends it with `notice`. Returns the text unchanged when it fits.
 */
export function truncateReport(blocks: Block[], limit: number, notice: string): { text: string; truncated: boolean } {
  const full = renderBlocks(blocks);
  if (full.length <= limit) return { text: full, truncated: false };
  const budget = limit - notice.length - 64;
  const kept = cut(blocks, budget);
  return { text: `${renderBlocks(kept)}\n${notice}\n`, truncated: true };
}

/** Keeps whole blocks (and whole rows of a table) while the rendered length stays within budget. */
function cut(blocks: Block[], budget: number): Block[] {
  const kept: Block[] = [];
  for (const block of blocks) {
    const next = [...kept, block];
    if (renderBlocks(next).length <= budget) {
      kept.push(block);
      continue;
    }
    const partial = cutBlock(block, budget - renderBlocks(kept).length - 2);
    if (partial) kept.push(partial);
    break;
  }
  return kept;
}

function cutBlock(block: Block, budget: number): Block | undefined {
  if (block.kind === 'table') {
    let used = block.header.length + 1;
    const rows: string[] = [];
    for (const row of block.rows) {
      if (used + row.length + 1 > budget) break;
      rows.push(row);
      used += row.length + 1;
    }
    return rows.length ? { ...block, rows } : undefined;
  }
  if (block.kind === 'details') {
    const overhead = `<details><summary>${block.summary}</summary>\n\n\n</details>`.length;
    const inner = cut(block.blocks, budget - overhead);
    return inner.length ? { ...block, blocks: inner } : undefined;
  }
  return undefined;
}
