import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { UserError } from '../errors.ts';
import { parseDocumentText } from '../inputs/document.ts';
import { isMetricsDocument, MetricsDocument } from './metrics.ts';
import { documentError } from './zod-errors.ts';

/** Metrics read from any supported file: flat name -> number (NaN and infinities kept, for the gate to name). */
export interface MetricsSnapshot {
  /** The file as the user named it. */
  file: string;
  metrics: Record<string, number>;
  /** Present when the file is a modelgate metrics document (slices, intervals, fairness...). */
  document?: MetricsDocument;
}

interface Where {
  file: string;
  input?: string;
}

/**
 * Reads a metrics file: a modelgate document, other JSON/YAML/TOML (numbers of nested mappings flattened with `.`,
 * as DVC does; a top level that is not a mapping is refused), or CSV/TSV `metric,value` rows.
 */
export async function readMetricsFile(path: string, where: Partial<Where> = {}): Promise<MetricsSnapshot> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? 'the metrics file does not exist.' : `cannot read the metrics file (${code}).`,
      {
        file: where.file ?? path,
        ...(where.input ? { input: where.input } : {}),
      },
    );
  }
  return parseMetricsText(text, { file: where.file ?? path, ...(where.input ? { input: where.input } : {}) });
}

/** Parses metrics from text; the format comes from the file name's extension (JSON/YAML when unknown). */
export function parseMetricsText(text: string, where: Where): MetricsSnapshot {
  const ext = extname(where.file).toLowerCase();
  const fail = (message: string, extra: { line?: number; field?: string } = {}) =>
    new UserError(message, { file: where.file, ...(where.input ? { input: where.input } : {}), ...extra });
  if (text.trim() === '') throw fail('the metrics file is empty.');
  if (ext === '.csv' || ext === '.tsv')
    return { file: where.file, metrics: parseMetricRows(text, ext === '.tsv' ? '\t' : ',', fail) };
  if (ext === '.toml') {
    let data: unknown;
    try {
      data = parseToml(text);
    } catch (error) {
      const e = error as { line?: number; message: string };
      throw fail(`invalid TOML: ${e.message.split('\n')[0]}`, e.line ? { line: e.line } : {});
    }
    return { file: where.file, metrics: flattenNumbers(data) };
  }
  const doc = parseDocumentText(text, where);
  if (isMetricsDocument(doc.data)) {
    const parsed = MetricsDocument.safeParse(doc.data);
    if (!parsed.success) throw documentError(doc, parsed.error, 'the metrics document');
    return { file: where.file, metrics: parsed.data.metrics, document: parsed.data };
  }
  if (typeof doc.data !== 'object' || doc.data === null || Array.isArray(doc.data) || doc.data instanceof Date)
    throw fail(
      `the top level is ${kindOf(doc.data)}; expected a mapping of metric names to numbers (e.g. {"accuracy": 0.91}).`,
    );
  const metrics = flattenNumbers(doc.data);
  if (Object.keys(metrics).length === 0) throw fail('no numeric metrics found (expected e.g. {"accuracy": 0.91}).');
  return { file: where.file, metrics };
}

/**
 * Flattens nested mappings to `a.b` keys, keeping numbers only, as `dvc metrics show/diff` does: lists, strings,
 * booleans, dates and nulls are dropped (a list is not flattened by index).
 */
export function flattenNumbers(value: unknown, prefix = '', out: Record<string, number> = {}): Record<string, number> {
  if (typeof value === 'number') {
    if (prefix) out[prefix] = value;
  } else if (typeof value === 'bigint') {
    if (prefix) out[prefix] = Number(value);
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) flattenNumbers(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

/** What a parsed top level is, in the user's words. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list (JSON array)';
  if (value === null) return 'null';
  if (value instanceof Date) return 'a date';
  return `a ${typeof value === 'bigint' ? 'number' : typeof value}`;
}

const NON_FINITE: Record<string, number> = {
  nan: NaN,
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
  infinity: Infinity,
  '-infinity': -Infinity,
};

function parseMetricRows(
  text: string,
  sep: string,
  fail: (m: string, e?: { line?: number }) => UserError,
): Record<string, number> {
  const metrics: Record<string, number> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (i === 0 && cells[0]?.toLowerCase() === 'metric') return;
    if (cells.length !== 2 || !cells[0])
      throw fail(`expected two cells, metric${sep === '\t' ? '<TAB>' : ','}value; got ${cells.length}.`, {
        line: i + 1,
      });
    const text = cells[1]!.toLowerCase();
    const value = text in NON_FINITE ? NON_FINITE[text]! : text === '' ? NaN : Number(cells[1]);
    if (Number.isNaN(value) && !(text in NON_FINITE))
      throw fail(`the value of '${cells[0]}' is not a number: ${JSON.stringify(cells[1])}.`, { line: i + 1 });
    metrics[cells[0]] = value;
  });
  if (Object.keys(metrics).length === 0) throw fail('no metric rows found (expected metric,value rows).');
  return metrics;
}
