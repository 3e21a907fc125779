/**
 * survey-core's own texts (buttons, progress, errors) per language. English is
 * built in and Japanese, the primary language, is bundled; the others a
 * definition may carry load on demand as separate chunks, so they cost nothing
 * until a visitor picks them. survey-core 3 ships them as
 * `survey-core/i18n/<language>` modules that register themselves on import.
 */
import { surveyLocalization } from 'survey-core';
import 'survey-core/i18n/japanese';
import { pageTexts } from '../components/page-texts.ts';

// A select-to-rank question's empty area says "drag choices here", but on a touch screen tapping is what
// works (issue 13). survey-core names this the *unranked* area's text, yet shows it in the empty ranked area.
// Overridden the documented way (https://surveyjs.io/form-library/documentation/survey-localization#override-individual-translations),
// in the two languages our own dictionary has.
for (const locale of ['ja', 'en']) {
  surveyLocalization.locales[locale].selectToRankEmptyUnrankedAreaText = pageTexts(locale).rankingHint;
}

// Signature and file questions on a touch screen (issue 22). survey-core's Japanese calls the clear button 「空白」
// ("blank space"), counts files as 「2の1」, and asks to drag and drop or click: a visitor on a tablet taps.
Object.assign(surveyLocalization.locales.ja, {
  clearCaption: '消す',
  indexText: '{0} / {1}',
  filePlaceholder: '下の「ファイルを選択」を押して、写真やファイルを選んでください。',
});
Object.assign(surveyLocalization.locales.en, {
  filePlaceholder: 'Press “Select File” below to choose a photo or a file.',
});

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
