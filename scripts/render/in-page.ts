/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code that runs inside the browser page (handed to page.evaluate): it renders the Mermaid blocks with the page's
// `mermaid` and measures charts and tables. It must not close over anything from Node.

/** One series of a rendered chart: its colour and how many of its sampled points are on top (not covered). */
export interface RenderedSeries {
  kind: 'bar' | 'line';
  colour: string;
  sampled: number;
  visible: number;
}

export interface RenderedChart {
  source: string;
  error?: string;
  series: RenderedSeries[];
}

export interface RenderedTable {
  /** The table's full width and the width it has on the page (a wider table scrolls sideways). */
  width: number;
  shown: number;
  inDetails: boolean;
  header: string;
}

export interface RenderedReport {
  /** Elements and attributes GitHub's sanitiser would strip, e.g. `<style>` or `<span style>`. */
  stripped: string[];
  charts: RenderedChart[];
  tables: RenderedTable[];
}

export /** Runs in the page: renders the Mermaid blocks, then measures charts and tables with every <details> open. */
async function renderInPage(): Promise<{ charts: RenderedChart[]; tables: RenderedTable[] }> {
  const mermaid = (
    window as unknown as {
      mermaid: { initialize(o: object): void; render(id: string, code: string): Promise<{ svg: string }> };
    }
  ).mermaid;
  mermaid.initialize({ startOnLoad: false, theme: 'default', securityLevel: 'strict' });
  const root = document.getElementById('report')!;
  const blocks = [...root.querySelectorAll('pre[lang="mermaid"]')];
  const charts: RenderedChart[] = [];
  const svgs: Array<SVGSVGElement | undefined> = [];
  for (const [i, pre] of blocks.entries()) {
    const source = pre.textContent ?? '';
    const chart: RenderedChart = { source, series: [] };
    charts.push(chart);
    try {
      const { svg } = await mermaid.render(`chart-${i}`, source);
      const box = document.createElement('div');
      box.className = 'mermaid-chart';
      box.innerHTML = svg;
      pre.replaceWith(box);
      const element = box.querySelector('svg') ?? undefined;
      if (!element || element.getAttribute('aria-roledescription') === 'error')
        chart.error = 'Mermaid drew its error picture';
      svgs.push(element);
    } catch (error) {
      chart.error = String((error as Error).message ?? error).slice(0, 500);
      svgs.push(undefined);
      document.getElementById(`dchart-${i}`)?.remove();
    }
  }
  const details = [...root.querySelectorAll('details')];
  const wasOpen = details.map((d) => d.open);
  for (const d of details) d.open = true;

  for (const [i, svg] of svgs.entries()) {
    if (!svg) continue;
    svg.scrollIntoView({ block: 'center' });
    const groups = [...svg.querySelectorAll('g[class^="bar-plot-"], g[class^="line-plot-"]')];
    for (const group of groups) {
      const kind = group.getAttribute('class')!.startsWith('bar') ? 'bar' : 'line';
      const shapes = [...group.querySelectorAll(kind === 'bar' ? 'rect' : 'path')] as SVGGraphicsElement[];
      const colour = shapes[0] ? getComputedStyle(shapes[0])[kind === 'bar' ? 'fill' : 'stroke'] : '';
      let sampled = 0;
      let visible = 0;
      const hit = (x: number, y: number) => {
        sampled++;
        const top = document.elementFromPoint(x, y);
        if (top && group.contains(top)) visible++;
      };
      for (const shape of shapes) {
        if (kind === 'bar') {
          const r = shape.getBoundingClientRect();
          if (r.width < 1 || r.height < 1) continue;
          for (const fx of [0.25, 0.5, 0.75])
            for (const fy of [0.25, 0.5, 0.75]) hit(r.left + r.width * fx, r.top + r.height * fy);
        } else {
          const path = shape as SVGPathElement;
          const length = path.getTotalLength();
          const matrix = path.getScreenCTM();
          if (!matrix || length <= 0) continue;
          for (let k = 0; k <= 40; k++) {
            const p = path.getPointAtLength((length * k) / 40);
            hit(matrix.a * p.x + matrix.c * p.y + matrix.e, matrix.b * p.x + matrix.d * p.y + matrix.f);
          }
        }
      }
      charts[i]!.series.push({ kind, colour, sampled, visible });
    }
  }

  const tables: RenderedTable[] = [...root.querySelectorAll('table')].map((t) => ({
    width: t.scrollWidth,
    shown: t.clientWidth,
    inDetails: t.closest('details') !== null,
    header: [...t.querySelectorAll('th')]
      .map((th) => th.textContent?.trim())
      .join(' | ')
      .slice(0, 120),
  }));
  details.forEach((d, i) => (d.open = wasOpen[i]!));
  window.scrollTo(0, 0);
  return { charts, tables };
}
