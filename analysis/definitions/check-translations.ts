/**
 * Localization: once any text carries a language, every user-visible text must
 * carry every language. A plain string then counts as missing, because SurveyJS
 * would show it unchanged in every language.
 */
import type { Finding } from './definition-problem.ts';
import { findLocalizableTexts, type LocalizableTextEntry, type TextOwner } from './find-localizable-texts.ts';
import { definitionLanguages } from './load-definition.ts';
import { quote } from './quote.ts';

/** "ja", "en", "zh-hans", "pt-br": what SurveyJS accepts as a locale key. */
const LANGUAGE_KEY = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/;
/** A language added to one text by mistake would otherwise produce a line for every other text. */
const MAX_LISTED_PER_LANGUAGE = 10;

export function checkTranslations(json: Record<string, unknown>): Finding[] {
  const entries = findLocalizableTexts(json);
  const findings: Finding[] = [];
  const languages = new Set<string>();

  for (const entry of entries) {
    if (typeof entry.value === 'string') continue;
    for (const key of Object.keys(entry.value)) {
      if (LANGUAGE_KEY.test(key)) languages.add(key);
      else findings.push(inOwner(entry.owner, `${entry.path} has the key ${quote(key)}, which is not a language code such as "ja" or "en"${key === 'default' ? ' (name the language instead of "default")' : ''}`));
    }
  }
  if (languages.size === 0) return findings;

  // Primary language first in messages, as in the definition's `languages`.
  const ordered = definitionLanguages(json).filter((language) => languages.has(language));
  const listed = ordered.map((language) => `"${language}"`).join(' and ');
  const missing = new Map<string, Finding[]>();
  for (const entry of entries) {
    if (typeof entry.value === 'string') {
      findings.push(inOwner(entry.owner, `${entry.path} is a plain string (${quote(entry.value, 40)}); give it ${listed} texts, e.g. {${ordered.map((l) => `"${l}": "…"`).join(', ')}}`));
      continue;
    }
    for (const language of ordered) {
      const text = entry.value[language];
      if (text !== undefined && text.trim() !== '') continue;
      const message = `translation "${language}" ${text === undefined ? 'missing' : 'is empty'} in ${entry.path}`;
      missing.set(language, [...(missing.get(language) ?? []), inOwner(entry.owner, message)]);
    }
  }
  for (const [language, list] of missing) {
    findings.push(...list.slice(0, MAX_LISTED_PER_LANGUAGE));
    if (list.length > MAX_LISTED_PER_LANGUAGE) {
      const usedIn = entries.filter((entry) => typeof entry.value !== 'string' && Object.hasOwn(entry.value, language)).map(describeEntry);
      findings.push({
        message: `…and ${list.length - MAX_LISTED_PER_LANGUAGE} more texts lack "${language}", which is used only in ${usedIn.slice(0, 3).join(', ')}${usedIn.length > 3 ? ', …' : ''}`,
      });
    }
  }

  const locale = json.locale;
  if (typeof locale === 'string' && locale !== '' && !languages.has(locale)) {
    findings.push({ message: `"locale" is ${quote(locale)} but no text has a ${quote(locale)} translation (texts use ${listed})` });
  }
  return findings;
}

function describeEntry(entry: LocalizableTextEntry): string {
  const owner = entry.owner.kind === 'survey' ? '' : `${entry.owner.kind === 'element' ? 'question' : entry.owner.kind} "${entry.owner.name}" `;
  return `${owner}${entry.path}`;
}

function inOwner(owner: TextOwner, message: string): Finding {
  switch (owner.kind) {
    case 'element':
      return { question: owner.name, message };
    case 'page':
      return { message: `page ${quote(owner.name)}: ${message}` };
    case 'metaVariable':
      return { message: `meta variable ${quote(owner.name)}: ${message}` };
    case 'survey':
      return { message };
  }
}
