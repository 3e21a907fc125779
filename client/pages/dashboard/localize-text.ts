/**
 * A definition's localizable text (SurveyJS: a plain string, or `{ ja, en, … }`)
 * in the dashboard's language. A text missing in that language falls back to
 * the definition's own default, then Japanese (every shipped definition's
 * primary language), then whatever language it has.
 */
export type LocalizableText = string | Record<string, string>;

export function localizeText(text: LocalizableText | undefined, locale: string, fallback = ''): string {
  if (text === undefined || text === null) return fallback;
  if (typeof text === 'string') return text;
  return text[locale] ?? text.default ?? text.ja ?? Object.values(text)[0] ?? fallback;
}
