import { fmt, Markdown } from '../report/markdown.ts';
import type { HistoryStep } from './inspect.ts';

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
  pushedLayers?: number;
  reusedLayers?: number;
}

/** The job summary: the reference and digest, size, the layers with their sizes, and the labels. */
export function packageSummary(image: PackagedImage): Markdown {
  const md = new Markdown().heading(2, 'package-docker');
  const status = image.pushed ? 'pushed' : 'built (not pushed)';
  md.paragraph(fmt.code(image.references[0] ?? ''), ` ${status}`);
  const rows: [string, ReturnType<typeof fmt.code> | string][] = [
    ['Tags', fmt.join(...image.references.flatMap((r, i) => (i ? [', ', fmt.code(r)] : [fmt.code(r)])))],
    ['Digest', image.digest ? fmt.code(image.digest) : 'not pushed'],
    ['Image id', fmt.code(image.imageId)],
    ['Size', formatBytes(image.size)],
    ['Builder', image.builder],
  ];
  if (image.smoke)
    rows.push([
      'Smoke test',
      `healthy after ${(image.smoke.readyMs / 1000).toFixed(1)} s${image.smoke.status ? `, request answered HTTP ${image.smoke.status}` : ''}`,
    ]);
  if (image.pushedLayers !== undefined)
    rows.push([
      'Layers uploaded',
      `${image.pushedLayers} uploaded, ${image.reusedLayers ?? 0} already in the registry`,
    ]);
  md.table(['', ''], rows);
  md.heading(3, 'Layers');
  md.table(
    ['#', 'Step', 'Size'],
    image.layers.map((l, i) => [
      i + 1,
      fmt.code(l.createdBy.length > 120 ? `${l.createdBy.slice(0, 117)}...` : l.createdBy),
      formatBytes(l.size),
    ]),
    ['right', 'left', 'right'],
  );
  md.details(`Labels (${Object.keys(image.labels).length})`, (inner) => {
    inner.table(
      ['Label', 'Value'],
      Object.entries(image.labels).map(([k, v]) => [fmt.code(k), v]),
    );
  });
  return md;
}
