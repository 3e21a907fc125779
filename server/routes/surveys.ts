/**
 * Read-only survey definitions: the list, the current version of one, and any
 * older version still kept in survey-definitions/ (offline kiosks may send it).
 */
import { Router } from 'express';
import type { SurveySummary } from '../../contracts/submission.ts';
import type { DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { HttpError } from '../http-error.ts';

export function surveysRouter(definitions: DefinitionCatalog): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    const body: SurveySummary[] = definitions.list().map(toSurveySummary);
    res.json(body);
  });

  router.get('/:id', (req, res) => {
    res.json(findSurvey(definitions, req.params.id).json);
  });

  router.get('/:id/versions/:version', (req, res) => {
    res.json(findSurveyVersion(definitions, req.params.id, req.params.version).json);
  });

  return router;
}

export function toSurveySummary(definition: SurveyDefinition): SurveySummary {
  const { id, version, title, audience, languages } = definition;
  return { id, version, title, audience, languages };
}

/** The current version of survey `id`, or a 404 naming it. */
export function findSurvey(definitions: DefinitionCatalog, id: string): SurveyDefinition {
  const definition = definitions.get(id);
  if (!definition) {
    const known = definitions.list().map((d) => d.id).join(', ');
    throw new HttpError(404, 'unknown_survey', `No survey ${JSON.stringify(id)}; known surveys: ${known}`);
  }
  return definition;
}

/** Version `version` (a number, or its URL text) of survey `id`, or a 404 naming the versions kept. */
export function findSurveyVersion(definitions: DefinitionCatalog, id: string, version: number | string): SurveyDefinition {
  findSurvey(definitions, id);
  const number = typeof version === 'number' ? version : /^[1-9]\d{0,8}$/.test(version) ? Number(version) : undefined;
  const definition = number === undefined ? undefined : definitions.getVersion(id, number);
  if (!definition) {
    const kept = definitions.versions(id).join(', ');
    throw new HttpError(404, 'unknown_version', `Survey ${JSON.stringify(id)} has no version ${JSON.stringify(version)}; kept versions: ${kept}`);
  }
  return definition;
}

/** Every kept version of the survey, the current one first (its layout leads the columns). */
export function allVersions(definitions: DefinitionCatalog, surveyId: string): SurveyDefinition[] {
  return [...definitions.versions(surveyId)]
    .sort((a, b) => b - a)
    .map((version) => findSurveyVersion(definitions, surveyId, version));
}
