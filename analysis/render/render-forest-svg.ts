/**
 * A forest plot's shapes (core/report-view/layout-forest-plot.ts) as an inline SVG element: vectors
 * print crisply on A4, where a canvas chart is a bitmap. Every text is escaped; numbers are rounded
 * to a tenth of a unit, which is finer than a printer's dot.
 */
import { layoutForestPlot, type ForestPlot, type ForestShape } from '../../core/report-view/layout-forest-plot.ts';
import { escapeHtml } from './escape-text.ts';

const round = (value: number) => Math.round(value * 10) / 10;

function shape(item: ForestShape): string {
  if (item.kind === 'line') {
    return `<line x1="${round(item.x1)}" y1="${round(item.y1)}" x2="${round(item.x2)}" y2="${round(item.y2)}" stroke="${item.stroke}" stroke-width="${item.width}"${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>`;
  }
  if (item.kind === 'text') {
    return `<text x="${round(item.x)}" y="${round(item.y)}" text-anchor="${item.anchor}" font-size="${item.size}" fill="${item.fill}"${item.bold ? ' font-weight="700"' : ''}>${escapeHtml(item.text)}</text>`;
  }
  const s = item.size;
  return `<rect x="${round(item.x - s)}" y="${round(item.y - s)}" width="${2 * s}" height="${2 * s}" transform="rotate(45 ${round(item.x)} ${round(item.y)})" fill="${item.filled ? item.colour : '#fff'}" stroke="${item.colour}" stroke-width="1.4"/>`;
}

/** The plot as `<svg>`, its width scaling with the page (viewBox) and `label` read by screen readers. */
export function renderForestSvg(plot: ForestPlot, label: string): string {
  const layout = layoutForestPlot(plot);
  return [
    `<svg class="forest" viewBox="0 0 ${layout.width} ${layout.height}" width="100%" role="img" aria-label="${escapeHtml(label)}" font-family="inherit">`,
    ...layout.shapes.map(shape),
    '</svg>',
  ].join('\n');
}
