/**
 * The languages the toolkit's own screens and reports are written in. Japanese is
 * primary (the city's working language); English is for foreign residents and visitors.
 * Survey definitions may carry more languages; those are read from the definition.
 */
export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const PRIMARY_LOCALE: Locale = 'ja';

/** `value` if it names one of our locales, else the primary one. */
export function toLocale(value: string | null | undefined): Locale {
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : PRIMARY_LOCALE;
}
