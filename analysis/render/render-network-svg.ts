/**
 * A co-occurrence network's shapes (core/report-view/layout-network.ts) as an inline SVG element,
 * vectors that print crisply on A4. Every word is escaped; each label is drawn twice, first as a
 * thick white stroke (a halo), so an edge crossing it does not hide it.
 */
import type { TextNetwork } from '../../contracts/report.ts';
import { layoutNetwork, type NetworkShape } from '../../core/report-view/layout-network.ts';
import { escapeHtml } from './escape-text.ts';

const round = (value: number) => Math.round(value * 10) / 10;

function shape(item: NetworkShape): string {
  if (item.kind === 'line') {
    return `<line x1="${round(item.x1)}" y1="${round(item.y1)}" x2="${round(item.x2)}" y2="${round(item.y2)}" stroke="${item.stroke}" stroke-width="${round(item.width)}"${item.opacity !== undefined ? ` stroke-opacity="${round(item.opacity * 10) / 10}"` : ''}/>`;
  }
  if (item.kind === 'circle') return `<circle cx="${round(item.x)}" cy="${round(item.y)}" r="${round(item.r)}" fill="${item.fill}" fill-opacity="0.85" stroke="${item.stroke}" stroke-width="1"/>`;
  const text = `x="${round(item.x)}" y="${round(item.y)}" text-anchor="${item.anchor}" font-size="${item.size}"${item.bold ? ' font-weight="700"' : ''}`;
  const halo = item.halo ? `<text ${text} fill="#fff" stroke="#fff" stroke-width="3" stroke-linejoin="round">${escapeHtml(item.text)}</text>` : '';
  return `${halo}<text ${text} fill="${item.fill}">${escapeHtml(item.text)}</text>`;
}

export function renderNetworkSvg(network: TextNetwork, label: string): string {
  const layout = layoutNetwork(network);
  return [
    `<svg class="network" viewBox="0 0 ${layout.width} ${layout.height}" width="100%" role="img" aria-label="${escapeHtml(label)}" font-family="inherit">`,
    ...layout.shapes.map(shape),
    '</svg>',
  ].join('\n');
}
