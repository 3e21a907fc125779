/**
 * The one rule for reading a SurveyJS localizable text (a plain string, or
 * `{ "default": "…", "ja": "…", … }`) in a language, used by the dashboard, the
 * reports, the exports, the analysis and the definition check alike. It reads a
 * text exactly as survey-core renders it (LocalizableString.pureText in
 * survey-core 3.0):
 *
 * - a plain string is the `"default"` text, shown in every language;
 * - `"default"` is the text of survey-core's default locale
 *   (surveyLocalization.defaultLocale, English): asking for "en" reads
 *   `"default"` first, then `"en"`;
 * - any other language reads its own key, then its root ("pt" for "pt-br"),
 *   then `"default"`.
 *
 * An empty string counts as missing, as in survey-core. Only where survey-core
 * would show nothing (a language the survey does not offer, which `check`
 * refuses for the languages it does) does localizeText go on to the primary
 * language (ja), any translation, then `fallback`, so a label is never blank.
 * https://surveyjs.io/form-library/documentation/survey-localization
 */
import { PRIMARY_LOCALE } from '../i18n/locale.ts';
import type { LocalizableText } from './survey-definition.ts';

/** survey-core's surveyLocalization.defaultLocale; test/core/definitions/localize-text.test.ts keeps the two equal. */
export const SURVEY_CORE_DEFAULT_LOCALE = 'en';
/** survey-core's settings.localization.defaultLocaleName: the key of the default locale's text. */
export const DEFAULT_TEXT_KEY = 'default';

/** What survey-core shows for `text` in `locale` ('' when it would show nothing). */
export function renderedText(text: LocalizableText | undefined | null, locale: string): string {
  if (typeof text === 'string') return text;
  if (!text || typeof text !== 'object') return '';
  const key = !locale || locale === SURVEY_CORE_DEFAULT_LOCALE ? DEFAULT_TEXT_KEY : locale;
  let result = nonEmpty(text[key]);
  if (result === undefined && key === DEFAULT_TEXT_KEY) result = nonEmpty(text[SURVEY_CORE_DEFAULT_LOCALE]);
  const dash = key.indexOf('-');
  if (result === undefined && dash > -1) result = nonEmpty(text[key.slice(0, dash)]);
  if (result === undefined && key !== DEFAULT_TEXT_KEY) result = nonEmpty(text[DEFAULT_TEXT_KEY]);
  return result ?? '';
}

export function localizeText(text: LocalizableText | undefined | null, locale: string, fallback = ''): string {
  if (typeof text === 'string') return text || fallback;
  if (!text || typeof text !== 'object') return fallback;
  return (
    nonEmpty(renderedText(text, locale)) ??
    nonEmpty(text[PRIMARY_LOCALE]) ??
    Object.values(text).map(nonEmpty).find((value) => value !== undefined) ??
    fallback
  );
}

/**
 * The text written for `locale` itself, without falling back (for survey-core's
 * default locale that is "default", else "en"), e.g. the English label next to a Japanese one.
 */
export function exactText(text: LocalizableText | undefined | null, locale: string): string | undefined {
  if (typeof text === 'string' || !text || typeof text !== 'object') return undefined;
  if (locale === SURVEY_CORE_DEFAULT_LOCALE) return nonEmpty(text[DEFAULT_TEXT_KEY]) ?? nonEmpty(text[locale]);
  return nonEmpty(text[locale]);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
