/**
 * One number format per locale, used by the dashboard, the HTML and Markdown
 * reports and every chart axis and tooltip, so the same number reads the same
 * everywhere: grouped counts, fixed decimals, shares in %, p as in journals.
 * Intl is part of the language (no DOM), so this stays browser- and Node-safe.
 */
import type { Locale } from './locale.ts';

/** The BCP 47 tag each locale formats numbers with. */
const NUMBER_LOCALE: Record<Locale, string> = { ja: 'ja-JP', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: Locale, style: 'decimal' | 'percent', digits: number): Intl.NumberFormat {
  const key = `${locale}|${style}|${digits}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(NUMBER_LOCALE[locale], { style, minimumFractionDigits: digits, maximumFractionDigits: digits });
    cache.set(key, format);
  }
  return format;
}

/** A count of responses or people: 1,234. */
export function formatCount(value: number, locale: Locale): string {
  return formatter(locale, 'decimal', 0).format(value);
}

/** A mean, score or statistic with `digits` decimals: 3.42. */
export function formatNumber(value: number, locale: Locale, digits = 2): string {
  return formatter(locale, 'decimal', digits).format(value);
}

/** A share (0…1) as a percentage: 0.123 → 12.3%. */
export function formatPercent(share: number, locale: Locale, digits = 1): string {
  return formatter(locale, 'percent', digits).format(share);
}

/** p as in journals: three decimals, and "< 0.001" below that; "—" when there is none. */
export function formatP(p: number, locale: Locale): string {
  if (!Number.isFinite(p)) return '—';
  if (p < 0.001) return `< ${formatNumber(0.001, locale, 3)}`;
  return formatNumber(p, locale, 3);
}
