/**
 * All loaded definitions, every kept version of each survey. The newest
 * version is the current one; older versions stay because an offline kiosk
 * may still send answers to them.
 */
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';

export interface DefinitionCatalog {
  /** The current (highest) version of every survey, sorted by id. */
  list(): SurveyDefinition[];
  /** The current version of survey `id`, or undefined. */
  get(id: string): SurveyDefinition | undefined;
  /** One exact version, or undefined. */
  getVersion(id: string, version: number): SurveyDefinition | undefined;
  /** The kept versions of survey `id`, ascending; empty for an unknown id. */
  versions(id: string): number[];
}

export function createDefinitionCatalog(definitions: SurveyDefinition[]): DefinitionCatalog {
  const byId = new Map<string, Map<number, SurveyDefinition>>();
  for (const definition of definitions) {
    const versions = byId.get(definition.id) ?? new Map<number, SurveyDefinition>();
    const clash = versions.get(definition.version);
    if (clash) {
      throw new Error(
        `survey "${definition.id}" version ${definition.version} is defined twice: in ${clash.source} and in ${definition.source}`,
      );
    }
    versions.set(definition.version, definition);
    byId.set(definition.id, versions);
  }

  const sortedVersions = (id: string): number[] => [...(byId.get(id)?.keys() ?? [])].sort((a, b) => a - b);
  const current = (id: string): SurveyDefinition | undefined => byId.get(id)?.get(sortedVersions(id).at(-1) ?? NaN);

  return {
    list: () => [...byId.keys()].sort().map((id) => current(id)!),
    // A Map, not an object: an id such as "__proto__" or "constructor" finds nothing.
    get: current,
    getVersion: (id, version) => byId.get(id)?.get(version),
    versions: sortedVersions,
  };
}
