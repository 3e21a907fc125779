/**
 * One mechanism for every ja/en dictionary (dashboard, log-in page, page chrome,
 * reports). The Japanese dictionary fixes the shape and the English one must have
 * exactly the same keys and value types, so a missing translation is a type
 * error, not a blank label at run time.
 */
import type { Locale } from './locale.ts';

export type Texts<T> = (locale: Locale) => T;

export function defineTexts<T extends object>(texts: { ja: T; en: NoInfer<T> }): Texts<T> {
  return (locale) => (locale === 'en' ? texts.en : texts.ja);
}
