/** How the language switch names a language: in that language itself, so a visitor finds their own. */
const KNOWN_NAMES: Record<string, string> = {
  ja: '日本語',
  en: 'English',
  'zh-cn': '简体中文',
  'zh-tw': '繁體中文',
  ko: '한국어',
  vi: 'Tiếng Việt',
};

export function describeLanguage(locale: string): string {
  const known = KNOWN_NAMES[locale.toLowerCase()];
  if (known) return known;
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/** The definition's primary language first, then the others in the order the definition uses them. */
export function orderLanguages(usedLocales: readonly string[], primary: string): string[] {
  const unique = [...new Set(usedLocales.filter((locale) => locale !== ''))];
  return [primary, ...unique.filter((locale) => locale !== primary)];
}
