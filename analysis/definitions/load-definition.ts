/**
 * Parsed definition JSON → SurveyDefinition. It checks only what it needs to
 * build one (id, version, audience); checkDefinitions applies every rule and
 * should run first (loadDefinitionCatalogFromDir does).
 */
import { findLocalizableTexts, textLanguages } from './find-localizable-texts.ts';
import {
  AUDIENCES,
  DEFAULT_MIN_GROUP_SIZE,
  type Audience,
  type LocalizableText,
  type SurveyDefinition,
  type SurveyDefinitionJson,
} from '../../core/definitions/survey-definition.ts';

/** The project's primary language, used when a definition does not name its `locale`. */
export const PRIMARY_LANGUAGE = 'ja';

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
  const definition = json as SurveyDefinitionJson;
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
    title: localizedTitle(definition.title, definition.id, languages[0]),
    languages,
    metaVariables: definition.metaVariables ?? [],
    json: definition,
    source,
  };
}

/** The definition's primary language (its `locale`, else ja) first, then every other language its texts carry, sorted. */
export function definitionLanguages(json: unknown): string[] {
  const locale = (json as { locale?: unknown }).locale;
  const primary = typeof locale === 'string' && locale !== '' ? locale : PRIMARY_LANGUAGE;
  const others = new Set<string>();
  for (const entry of findLocalizableTexts(json)) {
    for (const language of textLanguages(entry.value)) if (language !== primary) others.add(language);
  }
  return [primary, ...[...others].sort()];
}

/** A plain-string title (or none) is taken to be in the primary language; the id stands in for a missing title. */
function localizedTitle(title: LocalizableText | undefined, id: string, primary: string): Record<string, string> {
  if (typeof title === 'object' && title !== null) return { ...title };
  return { [primary]: typeof title === 'string' ? title : id };
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
