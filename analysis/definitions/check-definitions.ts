/**
 * `survey-toolkit check`: every rule a definition file must pass before the
 * server will serve it. Pure: files are handed in already parsed.
 * The rules and their reasons are in docs/survey-definitions.md.
 */
import { checkAnnotations, describeMissingAnnotations } from './check-annotations.ts';
import { checkExpressions } from './check-expressions.ts';
import { checkKioskPageBudget } from './check-kiosk-page-budget.ts';
import { checkMetaVariables } from './check-meta-variables.ts';
import { checkNames } from './check-names.ts';
import { checkSurveyFields } from './check-survey-fields.ts';
import { checkTranslations } from './check-translations.ts';
import { checkTriggerTargets } from './check-trigger-targets.ts';
import { checkWithSurveyCore } from './check-with-survey-core.ts';
import type { Finding, Problem } from './definition-problem.ts';
import { listQuestions } from '../../core/definitions/list-questions.ts';
import { quote } from './quote.ts';
import { resolveDefinitionJson } from './resolve-definition-json.ts';
import type { MetaVariable } from '../../core/definitions/survey-definition.ts';

export { formatProblem, type Problem } from './definition-problem.ts';

export interface DefinitionFile {
  /** Where it came from, as the user should see it in messages. */
  source: string;
  /** The parsed JSON. */
  json: unknown;
}

export function checkDefinitions(files: DefinitionFile[]): Problem[] {
  return [
    ...files.flatMap(({ source, json }) => checkDefinition(json, source).map((finding) => ({ source, ...finding }))),
    ...duplicateVersions(files),
  ];
}

/**
 * One file's findings. `source` gives what the file leaves out (id, version:
 * resolveDefinitionJson) and the layout rule (folder = id, file = v<version>.json).
 */
export function checkDefinition(json: unknown, source: string): Finding[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return [{ message: `a definition must be a JSON object, got ${quote(json)}` }];
  }
  const definition = resolveDefinitionJson(json as Record<string, unknown>, source);
  const questions = listQuestions(definition);
  const metaVariables = Array.isArray(definition.metaVariables) ? (definition.metaVariables as MetaVariable[]) : [];
  return [
    ...checkSurveyFields(definition, source),
    ...checkWithSurveyCore(definition),
    ...checkNames(definition, questions),
    ...checkMetaVariables(definition, questions),
    ...checkAnnotations(definition, questions, metaVariables),
    ...describeMissingAnnotations(questions, metaVariables),
    ...checkTranslations(definition),
    ...checkExpressions(definition, questions),
    ...checkKioskPageBudget(definition, questions),
    ...checkTriggerTargets(definition, questions),
  ];
}

/** Two files may not both claim one (id, version): the server could not tell which to serve. */
function duplicateVersions(files: DefinitionFile[]): Problem[] {
  const firstSource = new Map<string, string>();
  const problems: Problem[] = [];
  for (const { source, json } of files) {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) continue;
    const { id, version } = resolveDefinitionJson(json as Record<string, unknown>, source);
    if (typeof id !== 'string' || !Number.isInteger(version)) continue;
    const key = JSON.stringify([id, version]);
    const first = firstSource.get(key);
    if (first === undefined) firstSource.set(key, source);
    else problems.push({ source, message: `survey "${id}" version ${version} is already defined in ${first}` });
  }
  return problems;
}
