/**
 * Parsed definition JSON → SurveyDefinition. It checks only what it needs to
 * build one (id, version, audience); checkDefinitions applies every rule and
 * should run first (loadDefinitionCatalogFromDir does).
 */
import { findLocalizableTexts, textLanguages } from './find-localizable-texts.ts';
import { resolveDefinitionJson } from './resolve-definition-json.ts';
import { DEFAULT_TEXT_KEY, renderedText, SURVEY_CORE_DEFAULT_LOCALE } from '../../core/definitions/localize-text.ts';
import { PRIMARY_LOCALE } from '../../core/i18n/locale.ts';
import {
  AUDIENCES,
  DEFAULT_MIN_GROUP_SIZE,
  type Audience,
  type LocalizableText,
  type SurveyDefinition,
  type SurveyDefinitionJson,
} from '../../core/definitions/survey-definition.ts';

export class DefinitionError extends Error {
  constructor(readonly source: string, message: string) {
    super(`${source}: ${message}`);
    this.name = 'DefinitionError';
  }
}

export function loadDefinition(json: unknown, source: string): SurveyDefinition {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new DefinitionError(source, `a definition must be a JSON object, got ${describe(json)}`);
  }
  // What the file leaves out (id, version, audience, names) comes from its place, as in checkDefinitions.
  const definition = resolveDefinitionJson(json as Record<string, unknown>, source) as SurveyDefinitionJson;
  if (typeof definition.id !== 'string' || definition.id === '') {
    throw new DefinitionError(source, `"id" must be a non-empty string, got ${describe(definition.id)}`);
  }
  if (!Number.isInteger(definition.version) || definition.version < 1) {
    throw new DefinitionError(source, `"version" must be a positive integer, got ${describe(definition.version)}`);
  }
  if (!AUDIENCES.includes(definition.audience as Audience)) {
    throw new DefinitionError(source, `"audience" must be one of ${AUDIENCES.join(', ')}, got ${describe(definition.audience)}`);
  }
  const languages = definitionLanguages(definition);
  return {
    id: definition.id,
    version: definition.version,
    audience: definition.audience,
    minGroupSize: definition.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
    title: localizedTitle(definition.title, definition.id, languages),
    languages,
    metaVariables: definition.metaVariables ?? [],
    json: definition,
    source,
  };
}

/**
 * The languages a definition offers: the ones its texts name, `"default"` being
 * survey-core's default locale (English). A plain string names none: survey-core
 * shows it in every language. The primary language comes first: the `locale`
 * the survey sets, else ja (the project's primary language) when offered, else
 * survey-core's default; the others follow, sorted.
 */
export function definitionLanguages(json: unknown): string[] {
  const named = new Set<string>();
  for (const entry of findLocalizableTexts(json)) {
    for (const key of textLanguages(entry.value)) named.add(key === DEFAULT_TEXT_KEY ? SURVEY_CORE_DEFAULT_LOCALE : key);
  }
  const primary = primaryLanguage((json as { locale?: unknown }).locale, named);
  named.delete(primary);
  return [primary, ...[...named].sort()];
}

function primaryLanguage(locale: unknown, named: ReadonlySet<string>): string {
  if (typeof locale === 'string' && locale !== '') return locale;
  if (named.has(PRIMARY_LOCALE)) return PRIMARY_LOCALE;
  if (named.has(SURVEY_CORE_DEFAULT_LOCALE) || named.size === 0) return SURVEY_CORE_DEFAULT_LOCALE;
  return [...named].sort()[0];
}

/** The title in every offered language, as survey-core shows it there; the id stands in for a missing title. */
function localizedTitle(title: LocalizableText | undefined, id: string, languages: string[]): Record<string, string> {
  return Object.fromEntries(languages.map((language) => [language, renderedText(title, language) || id]));
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
