import { describe, expect, it } from 'vitest';
import { exactText, localizeText } from '../../../core/definitions/localize-text.ts';

describe('localizeText: exact locale → "default" → primary (ja) → first non-empty → fallback', () => {
  it('takes the exact locale first', () => {
    expect(localizeText({ ja: '区', en: 'Ward', default: 'W' }, 'en', '?')).toBe('Ward');
  });
  it('then SurveyJS’s "default" key', () => {
    expect(localizeText({ default: 'Ward (default)', ja: '区' }, 'en', '?')).toBe('Ward (default)');
  });
  it('then the primary language, before other translations', () => {
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
