import { randomUUID } from 'node:crypto';
import type { NewResponse } from '../../server/store/response-store.ts';

/** A plausible response for store tests, with a fresh submissionId; the store does not validate answers. */
export function newResponse(overrides: Partial<NewResponse> = {}): NewResponse {
  return {
    surveyId: 'ward-office-exit',
    surveyVersion: 1,
    submissionId: randomUUID(),
    channel: 'kiosk',
    meta: { ward: 'kita', locale: 'ja', kioskId: 'kita-01' },
    startedAt: '2025-06-02T09:15:00.000+09:00',
    completedAt: '2025-06-02T09:18:30.000+09:00',
    data: { purpose: 'koseki', satisfaction: { waiting: 4, staff: 5 }, improvements: ['online', 'reservation'] },
    ...overrides,
  };
}
