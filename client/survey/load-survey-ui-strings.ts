/**
 * survey-core's own texts (buttons, progress, errors) per language. English is
 * built in and Japanese, the primary language, is bundled; the others a
 * definition may carry load on demand as separate chunks, so they cost nothing
 * until a visitor picks them. survey-core 3 ships them as
 * `survey-core/i18n/<language>` modules that register themselves on import.
 */
import 'survey-core/i18n/japanese';

const LOADERS: Record<string, () => Promise<unknown>> = {
  'zh-cn': () => import('survey-core/i18n/simplified-chinese'),
  'zh-tw': () => import('survey-core/i18n/traditional-chinese'),
  ko: () => import('survey-core/i18n/korean'),
  vi: () => import('survey-core/i18n/vietnamese'),
  fil: () => import('survey-core/i18n/philippines'),
  id: () => import('survey-core/i18n/indonesian'),
  th: () => import('survey-core/i18n/thai'),
  ru: () => import('survey-core/i18n/russian'),
  es: () => import('survey-core/i18n/spanish'),
  pt: () => import('survey-core/i18n/portuguese'),
  'pt-br': () => import('survey-core/i18n/portuguese-br'),
  fr: () => import('survey-core/i18n/french'),
  de: () => import('survey-core/i18n/german'),
};

/** Resolves once survey-core can show its texts in `locale` (falls back to English for unknown ones). */
export async function loadSurveyUiStrings(locale: string): Promise<void> {
  await LOADERS[locale.toLowerCase()]?.();
}
