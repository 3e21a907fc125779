import { describe, expect, it } from 'vitest';
import { Model, surveyLocalization } from 'survey-core';
import { exactText, localizeText, renderedText, SURVEY_CORE_DEFAULT_LOCALE } from '../../../core/definitions/localize-text.ts';
import type { LocalizableText } from '../../../core/definitions/survey-definition.ts';

describe('renderedText: exactly what survey-core shows', () => {
  const texts: LocalizableText[] = [
    'plain',
    { default: 'D', ja: 'J' },
    { default: 'D' },
    { ja: 'J', en: 'E' },
    { ja: 'J', en: 'E', default: 'D' },
    { ja: 'J' },
    { en: 'E' },
    { default: '', en: 'E', ja: '' },
    { pt: 'P', default: 'D' },
    { 'pt-br': 'PB', pt: 'P' },
  ];
  const locales = ['en', 'ja', 'fr', 'pt-br', 'pt'];

  it('for every text and locale, against survey-core 3 itself', () => {
    for (const text of texts) {
      for (const locale of locales) {
        const model = new Model({ title: text, pages: [{ name: 'p', elements: [{ type: 'html', name: 'h' }] }] });
        model.locale = locale;
        expect({ text, locale, shown: renderedText(text, locale) }).toEqual({ text, locale, shown: model.locTitle.renderedHtml });
      }
    }
  });

  it('takes survey-core\'s default locale from survey-core', () => {
    expect(SURVEY_CORE_DEFAULT_LOCALE).toBe(surveyLocalization.defaultLocale);
  });
});

describe('localizeText: as survey-core shows it → primary (ja) → first non-empty → fallback', () => {
  it('reads "default" first for English, as survey-core does, and the exact locale first for other languages', () => {
    expect(localizeText({ ja: '区', en: 'Ward', default: 'W' }, 'en', '?')).toBe('W');
    expect(localizeText({ ja: '区', en: 'Ward', default: 'W' }, 'ja', '?')).toBe('区');
  });
  it('then SurveyJS’s "default" key', () => {
    expect(localizeText({ default: 'Ward (default)', ja: '区' }, 'en', '?')).toBe('Ward (default)');
  });
  it('where survey-core shows nothing: the primary language, before other translations', () => {
    expect(localizeText({ zh: '区（中文）', ja: '区' }, 'en', '?')).toBe('区');
  });
  it('then the first non-empty translation, then the fallback', () => {
    expect(localizeText({ zh: '', ko: '구' }, 'en', '?')).toBe('구');
    expect(localizeText({}, 'en', '?')).toBe('?');
    expect(localizeText(undefined, 'en', '?')).toBe('?');
  });
  it('counts empty strings as missing, and a plain string is its own text in every language', () => {
    expect(localizeText({ en: '', default: '', ja: '区' }, 'en', '?')).toBe('区');
    expect(localizeText('区', 'en', '?')).toBe('区');
    expect(localizeText('', 'en', '?')).toBe('?');
  });
  it('exactText gives the one language or nothing', () => {
    expect(exactText({ ja: '区', en: '' }, 'en')).toBeUndefined();
    expect(exactText({ ja: '区', en: 'Ward' }, 'en')).toBe('Ward');
    expect(exactText('区', 'en')).toBeUndefined();
  });
});
