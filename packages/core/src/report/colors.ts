/**
 * The colours of modelgate's charts, set through Mermaid's init directive so they hold in GitHub's light and dark
 * themes alike: the model's series contrasts at least 3:1 (WCAG's minimum for graphics) with white and with
 * GitHub's dark background, the reference and guide lines stay visible on both without outshining it.
 */

/** What a chart series shows, which picks its colour. */
export type SeriesRole = 'model' | 'reference' | 'guide';

export const SERIES_COLORS: Record<SeriesRole, string> = {
  /** The model, the current data: GitHub's blue (4.6:1 on white, 4.1:1 on #0d1117). */
  model: '#1f6feb',
  /** The baseline or reference distribution: orange (3.2:1 on white, 5.9:1 on #0d1117). */
  reference: '#e16f24',
  /** A guide such as the chance diagonal: grey (3.7:1 on white, 5.1:1 on #0d1117). */
  guide: '#7d8590',
};

/** GitHub's page backgrounds: light and dark themes. */
export const GITHUB_BACKGROUNDS = { light: '#ffffff', dark: '#0d1117' } as const;

/** Relative luminance of an sRGB colour `#rrggbb` (WCAG 2.x). */
export function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
