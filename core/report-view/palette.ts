/**
 * One palette for every chart, so a colour means the same thing everywhere:
 * kiosk is always blue and online orange, a ward keeps its colour across the
 * timeline and the filters, agreement is blue and disagreement red. Categorical
 * colours are from the Okabe–Ito colour-blind-safe set, darkened where needed
 * to reach 3:1 against white (WCAG 1.4.11, non-text contrast).
 */
export const INK = '#1b1f24';
export const BRAND = '#0b5394';

export const CHANNEL_COLOURS: Record<string, string> = {
  kiosk: '#0b5394',
  online: '#c75300',
};

/** Twelve distinguishable series colours, each ≥ 3:1 on white. */
export const SERIES_COLOURS = [
  '#0b5394', // blue
  '#c75300', // vermilion
  '#1f7a4d', // green
  '#8e3b8f', // purple
  '#a6761d', // ochre
  '#0f7c8c', // teal
  '#b0243f', // crimson
  '#4a5a9c', // indigo
  '#5f7a1f', // olive
  '#6b4f3a', // brown
  '#c2185b', // pink
  '#4f5966', // slate
];

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length];
}

/**
 * Ordered answer scales (low → high), red through grey to blue (ColorBrewer
 * RdBu). Even-length scales have no neutral middle.
 */
export function divergingColours(count: number): string[] {
  const scales: Record<number, string[]> = {
    2: ['#d6604d', '#4393c3'],
    3: ['#d6604d', '#bdbdbd', '#4393c3'],
    4: ['#b2182b', '#ef8a62', '#67a9cf', '#2166ac'],
    5: ['#b2182b', '#ef8a62', '#c8c8c8', '#67a9cf', '#2166ac'],
    6: ['#b2182b', '#d6604d', '#f4a582', '#92c5de', '#4393c3', '#2166ac'],
    7: ['#b2182b', '#d6604d', '#f4a582', '#c8c8c8', '#92c5de', '#4393c3', '#2166ac'],
  };
  if (scales[count]) return scales[count];
  // Longer scales (0–10 ratings): interpolate the 7-step scale.
  const base = scales[7];
  return Array.from({ length: count }, (_, index) => base[Math.round((index / Math.max(1, count - 1)) * (base.length - 1))]);
}

export const QUADRANT_COLOURS: Record<string, string> = {
  concentrate: '#b0243f',
  keep: '#1f7a4d',
  low: '#6b7682',
  overkill: '#a6761d',
};

export const CHOSEN_COLOUR = '#0b5394';
export const NOT_CHOSEN_COLOUR = '#dfe4ea';

/** 「その他（少数）」: hidden answers added up, neutral so it is not read as an answer of the scale. */
export const FEWER_COLOUR = '#9aa3ad';

/** 全体 (every group together) beside the groups' series colours. */
export const TOTAL_COLOUR = '#1b1f24';

/** A bar's hidden cells together (＊): light sand, apart from a scale's neutral grey and from 「その他（少数）」, which is a shown number. */
export const HIDDEN_COLOUR = '#e8dfc8';
