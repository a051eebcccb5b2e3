import { fmt, Markdown } from '../report/markdown.ts';
import type { HistoryStep } from './inspect.ts';
import type { LatencyResult, ParityResult } from './parity-replay.ts';

/** Bytes as people read them (1 KB = 1000 B, as `docker images` prints sizes). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** What the summary reports about one packaged image. */
export interface PackagedImage {
  references: string[];
  digest?: string;
  imageId: string;
  size: number;
  builder: string;
  layers: HistoryStep[];
  labels: Record<string, string>;
  smoke?: { readyMs: number; status?: number };
  pushed: boolean;
  pushedLayers?: number | undefined;
  reusedLayers?: number | undefined;
  /** What this model costs to serve, beside the metrics of the metrics document. */
  cost?: {
    metrics: Record<string, number>;
    imageSize: number;
    modelBytes: number;
    readyMs?: number | undefined;
    latency?: LatencyResult | undefined;
  };
  parity?: ParityResult | undefined;
  /** Gates that fell short: the image was not pushed. */
  shortfalls?: string[];
}

/** The job summary: the reference and digest, size, the layers with their sizes, and the labels. */
export function packageSummary(s: PackagedImage): Markdown {
  const md = new Markdown().heading(2, 'package-docker');
  const failed = (s.shortfalls ?? []).length > 0;
  const status = s.pushed ? 'pushed' : failed ? '❌ not pushed' : 'built (not pushed)';
  md.paragraph(fmt.code(s.references[0] ?? ''), ` ${status}`);
  if (failed) md.list(s.shortfalls!);
  const rows: [string, ReturnType<typeof fmt.code> | string][] = [
    ['Tags', fmt.join(...s.references.flatMap((r, i) => (i ? [', ', fmt.code(r)] : [fmt.code(r)])))],
    ['Digest', s.digest ? fmt.code(s.digest) : 'not pushed'],
    ['Image id', fmt.code(s.imageId)],
    ['Size', formatBytes(s.size)],
    ['Builder', s.builder],
  ];
  if (s.smoke)
    rows.push([
      'Smoke test',
      `healthy after ${(s.smoke.readyMs / 1000).toFixed(1)} s${s.smoke.status ? `, request answered HTTP ${s.smoke.status}` : ''}`,
    ]);
  if (s.pushedLayers !== undefined)
    rows.push(['Layers uploaded', `${s.pushedLayers} uploaded, ${s.reusedLayers ?? 0} already in the registry`]);
  md.table(['', ''], rows);
  if (s.cost) costSection(md, s.cost);
  if (s.parity) paritySection(md, s.parity);
  md.heading(3, 'Layers');
  md.table(
    ['#', 'Step', 'Size'],
    s.layers.map((l, i) => [
      i + 1,
      fmt.code(l.createdBy.length > 120 ? `${l.createdBy.slice(0, 117)}...` : l.createdBy),
      formatBytes(l.size),
    ]),
    ['right', 'left', 'right'],
  );
  md.details(`Labels (${Object.keys(s.labels).length})`, (inner) => {
    inner.table(
      ['Label', 'Value'],
      Object.entries(s.labels).map(([k, v]) => [fmt.code(k), v]),
    );
  });
  return md;
}

/** "What this model costs to serve": the metrics beside readiness, sizes and latency. */
function costSection(md: Markdown, c: NonNullable<PackagedImage['cost']>): void {
  md.heading(3, 'What this model costs to serve');
  const quality = Object.entries(c.metrics).map(([k, v]): [ReturnType<typeof fmt.code>, string] => [
    fmt.code(k),
    String(v),
  ]);
  const cost: [string, string][] = [];
  if (c.readyMs !== undefined) cost.push(['Ready after (model load)', `${(c.readyMs / 1000).toFixed(2)} s`]);
  cost.push(['Image size', formatBytes(c.imageSize)], ['Model size', formatBytes(c.modelBytes)]);
  if (c.latency)
    cost.push(
      ['Latency p50 / p95 / p99', `${c.latency.p50_ms} / ${c.latency.p95_ms} / ${c.latency.p99_ms} ms`],
      ['Throughput', `${c.latency.requests_per_second} requests/s (${c.latency.concurrency} in flight)`],
    );
  const height = Math.max(quality.length, cost.length);
  md.table(
    ['Metric', 'Value', 'Cost', 'Value'],
    Array.from({ length: height }, (_, i) => [
      quality[i]?.[0] ?? '',
      quality[i]?.[1] ?? '',
      cost[i]?.[0] ?? '',
      cost[i]?.[1] ?? '',
    ]),
    ['left', 'right', 'left', 'right'],
  );
}

/** Serving parity: agreement, the largest difference per output, and the first mismatching rows. */
function paritySection(md: Markdown, p: ParityResult): void {
  md.heading(3, 'Serving parity');
  md.paragraph(
    `${p.rows - p.mismatched_rows} of ${p.rows} replayed rows agree (${Number((p.agreement * 100).toFixed(2))}%); largest difference: `,
    fmt.join(
      ...Object.entries(p.max_abs_diff).flatMap(([k, v], i) => [
        i ? ', ' : '',
        fmt.code(k),
        ` ${v === null ? 'n/a' : v.toPrecision(3)}`,
      ]),
    ),
  );
  // The features make the rows wide: folded, as the ~1000 px comment column would cut them (the log has them too).
  if (p.mismatches.length)
    md.details(
      `${p.mismatches.length === p.mismatched_rows ? 'The' : `The first ${p.mismatches.length} of ${p.mismatched_rows}`} mismatching rows: row of the file, features sent, expected, served`,
      (inner) =>
        inner.table(
          ['Row', 'Features sent', 'Expected', 'Served'],
          p.mismatches.map((m) => [
            m.row,
            fmt.code(JSON.stringify(m.features)),
            fmt.code(JSON.stringify(m.expected)),
            fmt.code(JSON.stringify(m.served)),
          ]),
          ['right', 'left', 'left', 'left'],
        ),
    );
}
