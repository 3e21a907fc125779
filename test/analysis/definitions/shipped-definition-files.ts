/** The shipped definitions, read fresh for each test so a test may mutate its copy. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SHIPPED_SURVEY_IDS = ['ward-office-exit', 'citizen-needs', 'staff-workstyle'] as const;
export type ShippedSurveyId = (typeof SHIPPED_SURVEY_IDS)[number];

export const DEFINITIONS_DIR = join(import.meta.dirname, '..', '..', '..', 'survey-definitions');

/** The source path a definition is reported under: relative, as `survey-toolkit check` run from the project shows it. */
export function shippedSource(id: ShippedSurveyId): string {
  return `survey-definitions/${id}/v1.json`;
}

export function readShipped(id: ShippedSurveyId): any {
  return JSON.parse(readFileSync(join(DEFINITIONS_DIR, id, 'v1.json'), 'utf8'));
}
