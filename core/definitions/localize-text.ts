/**
 * The one rule for reading a SurveyJS localizable text (a plain string, or `{ ja: "…", en: "…" }`)
 * in a language, used by the dashboard, the reports, the exports and the analysis alike:
 *
 *   the exact locale key → SurveyJS's `"default"` key → the definition's primary language (ja)
 *   → the first non-empty translation → `fallback`.
 *
 * An empty string counts as missing (SurveyJS shows the next language for it too), and a plain
 * string is its own text in every language. SurveyJS localization:
 * https://surveyjs.io/form-library/documentation/survey-localization
 */
import { PRIMARY_LOCALE } from '../i18n/locale.ts';
import type { LocalizableText } from './survey-definition.ts';

export function localizeText(text: LocalizableText | undefined | null, locale: string, fallback = ''): string {
  if (typeof text === 'string') return text || fallback;
  if (!text || typeof text !== 'object') return fallback;
  return (
    nonEmpty(text[locale]) ??
    nonEmpty(text.default) ??
    nonEmpty(text[PRIMARY_LOCALE]) ??
    Object.values(text).map(nonEmpty).find((value) => value !== undefined) ??
    fallback
  );
}

/** The translation in `locale` only (no fallback), e.g. the English label next to a Japanese one. */
export function exactText(text: LocalizableText | undefined | null, locale: string): string | undefined {
  if (typeof text === 'string' || !text || typeof text !== 'object') return undefined;
  return nonEmpty(text[locale]);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
