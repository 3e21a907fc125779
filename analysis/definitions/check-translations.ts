/**
 * Localization, read the way survey-core renders texts (renderedText in
 * core/definitions/localize-text.ts): a plain string and a `"default"` text are
 * shown in every language; any other key is the text of that language.
 *
 * For each language the survey offers (definitionLanguages: the ones its texts
 * name), a text survey-core would show as nothing is refused, and a text that
 * falls back to another language's words is a warning, one line per language.
 */
import type { Finding } from './definition-problem.ts';
import { findLocalizableTexts, type LocalizableTextEntry, type TextOwner } from './find-localizable-texts.ts';
import { definitionLanguages } from './load-definition.ts';
import { quote } from './quote.ts';
import { DEFAULT_TEXT_KEY, renderedText, SURVEY_CORE_DEFAULT_LOCALE } from '../../core/definitions/localize-text.ts';

/** "ja", "en", "zh-hans", "pt-br": what SurveyJS accepts as a locale key. */
const LANGUAGE_KEY = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/;
/** A language added to one text by mistake would otherwise produce a line for every other text. */
const MAX_LISTED_PER_LANGUAGE = 10;
/** Texts named in one fall-back warning before "…". */
const MAX_NAMED_IN_WARNING = 3;

export function checkTranslations(json: Record<string, unknown>): Finding[] {
  const entries = findLocalizableTexts(json);
  const findings: Finding[] = [];
  const named = new Set<string>();

  for (const entry of entries) {
    if (typeof entry.value === 'string') continue;
    for (const key of Object.keys(entry.value)) {
      if (key === DEFAULT_TEXT_KEY) named.add(SURVEY_CORE_DEFAULT_LOCALE);
      else if (LANGUAGE_KEY.test(key)) named.add(key);
      else findings.push(inOwner(entry.owner, `${entry.path} has the key ${quote(key)}, which is not a language code such as "ja" or "en", nor "default"`));
    }
  }
  if (named.size === 0) return findings;

  // Primary language first in messages, as in the definition's `languages`.
  const ordered = definitionLanguages(json).filter((language) => named.has(language));
  const listed = ordered.map((language) => `"${language}"`).join(' and ');
  const missing = new Map<string, Finding[]>();
  const fallingBack = new Map<string, LocalizableTextEntry[]>();
  for (const entry of entries) {
    for (const language of ordered) {
      if (renderedText(entry.value, language).trim() === '') {
        const own = typeof entry.value === 'string' ? undefined : entry.value[language];
        const message = `translation "${language}" ${own === undefined ? 'missing' : 'is empty'} in ${entry.path}`;
        missing.set(language, [...(missing.get(language) ?? []), inOwner(entry.owner, message)]);
      } else if (!hasOwnText(entry.value, language)) {
        fallingBack.set(language, [...(fallingBack.get(language) ?? []), entry]);
      }
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
  for (const [language, list] of fallingBack) {
    const shown = list.slice(0, MAX_NAMED_IN_WARNING).map(describeEntry).join(', ');
    findings.push({
      severity: 'warning',
      message: `${list.length === 1 ? '1 text has' : `${list.length} texts have`} no "${language}" translation and will show the default text in "${language}": ${shown}${list.length > MAX_NAMED_IN_WARNING ? ', …' : ''}`,
    });
  }

  const locale = json.locale;
  if (typeof locale === 'string' && locale !== '' && !named.has(locale)) {
    // survey-core then shows the default texts in that language: often they are already in it (issue 21).
    findings.push({
      severity: 'warning',
      message: `"locale" is ${quote(locale)} but no text has a ${quote(locale)} translation (texts use ${listed}): survey-core shows the default texts in ${quote(locale)}`,
    });
  }
  return findings;
}

/** Whether `language` has words of its own (for survey-core's default locale, the "default" text counts). */
function hasOwnText(value: string | Record<string, string>, language: string): boolean {
  if (typeof value === 'string') return language === SURVEY_CORE_DEFAULT_LOCALE;
  const own = language === SURVEY_CORE_DEFAULT_LOCALE ? value[DEFAULT_TEXT_KEY] || value[language] : value[language];
  return own !== undefined && own.trim() !== '';
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
