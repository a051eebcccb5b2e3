import { SERIES_COLORS, type SeriesRole } from './colors.ts';
import { escapeMermaidLabel } from './escape.ts';

/** One series of an xychart-beta: a line or bars over the x categories. */
export interface XYSeries {
  kind: 'line' | 'bar';
  values: number[];
  /** What it shows, which sets its colour (default `model`). */
  role?: SeriesRole;
}

/** A chart GitHub renders from a ```mermaid block (xychart-beta). */
export interface XYChart {
  title: string;
  /** Category labels along x (strings, escaped) or a numeric range. */
  x: { label?: string; categories: (string | number)[] } | { label?: string; min: number; max: number };
  y?: { label?: string; min?: number; max?: number };
  series: XYSeries[];
}

const num = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(6))) : '0');

/** Mermaid's init directive giving each series the colour of its role (xychart's palette goes by series order). */
export function paletteDirective(series: readonly XYSeries[]): string {
  const palette = series.map((s) => SERIES_COLORS[s.role ?? 'model']).join(', ');
  return `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`;
}

/** Mermaid source for an xychart-beta; labels are sanitised so data cannot break out of the block. */
export function mermaidXY(chart: XYChart): string {
  const lines = [
    '```mermaid',
    paletteDirective(chart.series),
    'xychart-beta',
    `  title "${escapeMermaidLabel(chart.title)}"`,
  ];
  const xLabel = chart.x.label ? `"${escapeMermaidLabel(chart.x.label)}" ` : '';
  if ('categories' in chart.x) {
    const cats = chart.x.categories.map((c) => `"${escapeMermaidLabel(String(c)) || ' '}"`);
    lines.push(`  x-axis ${xLabel}[${cats.join(', ')}]`);
  } else {
    lines.push(`  x-axis ${xLabel}${num(chart.x.min)} --> ${num(chart.x.max)}`);
  }
  if (chart.y) {
    const yLabel = chart.y.label ? `"${escapeMermaidLabel(chart.y.label)}"` : '';
    const range =
      chart.y.min !== undefined && chart.y.max !== undefined ? ` ${num(chart.y.min)} --> ${num(chart.y.max)}` : '';
    if (yLabel || range) lines.push(`  y-axis ${yLabel}${range}`);
  }
  for (const s of chart.series) lines.push(`  ${s.kind} [${s.values.map(num).join(', ')}]`);
  lines.push('```');
  return lines.join('\n');
}
