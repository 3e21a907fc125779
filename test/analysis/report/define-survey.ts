/**
 * Small survey definitions for report tests, written inline so each test shows its questions,
 * and records for them.
 */
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import type { SurveyDefinition } from '../../../core/definitions/survey-definition.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';

export function defineSurvey(json: { id?: string; version?: number; minGroupSize?: number; metaVariables?: unknown[]; elements: unknown[] }): SurveyDefinition {
  const { elements, ...rest } = json;
  return loadDefinition(
    { id: 'test-survey', version: 1, audience: 'staff', title: { ja: 'テスト調査', en: 'Test survey' }, ...rest, pages: [{ name: 'p1', elements }] },
    `test:${json.id ?? 'test-survey'}@v${json.version ?? 1}`,
  );
}

let counter = 0;

/** A stored record with these answers; everything else plausible and fixed. */
export function record(data: Record<string, unknown>, overrides: Partial<ResponseRecord> = {}): ResponseRecord {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    id,
    surveyId: 'test-survey',
    surveyVersion: 1,
    submissionId: id,
    channel: 'online',
    meta: { locale: 'ja' },
    startedAt: '2025-06-02T01:00:00.000Z',
    completedAt: '2025-06-02T01:05:00.000Z',
    receivedAt: '2025-06-02T01:05:01.000Z',
    data,
    ...overrides,
  };
}
