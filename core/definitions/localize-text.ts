import type { LocalizableText } from './survey-definition.ts';

/** Text of a definition field in `locale`, else its default, else any translation, else `fallback`. */
export function localizeText(text: LocalizableText | undefined, locale: string, fallback: string): string {
  if (typeof text === 'string') return text;
  if (!text) return fallback;
  return text[locale] || text.default || Object.values(text).find(Boolean) || fallback;
}

/** The translation in `locale` only (no fallback), e.g. the English label next to a Japanese one. */
export function exactText(text: LocalizableText | undefined, locale: string): string | undefined {
  if (typeof text === 'string' || !text) return undefined;
  return text[locale] || undefined;
}
