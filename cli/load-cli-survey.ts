/**
 * The definitions a CLI command that reads one survey's answers (report, seed,
 * export) works with. Like the server (ADR 0021), one broken file never stops
 * the work on another survey: each broken file is named on stderr and left out.
 * Only a broken file of the survey asked for stops the command, because its
 * answers would then be read against the wrong definition, or not at all.
 */
import { join } from 'node:path';
import { layoutOf } from '../analysis/definitions/resolve-definition-json.ts';
import type { DefinitionCatalog } from '../analysis/definitions/definition-catalog.ts';
import type { SurveyDefinition } from '../core/definitions/survey-definition.ts';
import { DefinitionFilesError, loadDefinitionsFromDir } from '../server/definitions/load-definitions-from-dir.ts';
import { CliError } from './cli-error.ts';

export interface CliSurvey {
  catalog: DefinitionCatalog;
  /** The survey's current definition (its highest version). */
  current: SurveyDefinition;
  /** Every kept version, oldest first (as the catalog keeps them), so answers to older versions are read too. */
  versions: SurveyDefinition[];
}

export async function loadCliSurvey(
  dir: string,
  surveyId: string,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<CliSurvey> {
  let loaded;
  try {
    loaded = await loadDefinitionsFromDir(dir);
  } catch (error) {
    if (error instanceof DefinitionFilesError) throw new CliError(error.message);
    throw error;
  }
  const { catalog, broken } = loaded;
  // A file's survey is known from its place (<id>/vN.json or <id>.json) even when it is not JSON at all.
  const ours = broken.filter(({ file }) => layoutOf(file)?.id === surveyId);
  if (ours.length > 0) {
    throw new CliError(
      `survey ${JSON.stringify(surveyId)} cannot be used until its definition is fixed: ` +
        ours.map(({ file, reason }) => `${join(dir, file)}: ${reason}`).join('; '),
    );
  }
  for (const { file, reason } of broken) warn(`warning: ${join(dir, file)} left out (another survey): ${reason}`);

  const current = catalog.get(surveyId);
  if (!current) {
    const known = catalog.list().map((definition) => definition.id);
    throw new CliError(`${dir}: unknown survey ${JSON.stringify(surveyId)} (known: ${known.join(', ') || 'none'})`);
  }
  const versions = catalog.versions(surveyId).map((version) => catalog.getVersion(surveyId, version)!);
  return { catalog, current, versions };
}
