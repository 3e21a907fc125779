import { describe, expect, it } from 'vitest';
import { submissionSchema } from '../../../contracts/submission.ts';
import { buildSubmission } from '../../../client/survey/build-submission.ts';

const base = {
  submissionId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  surveyVersion: 1,
  locale: 'ja',
  startedAt: new Date('2025-06-01T09:00:00Z'),
  completedAt: new Date('2025-06-01T09:03:00Z'),
};

describe('buildSubmission', () => {
  it('a kiosk response carries its ward and kiosk id as meta, and passes the shared schema', () => {
    const submission = buildSubmission({
      ...base,
      channel: 'kiosk',
      ward: 'kiyota',
      kioskId: 'kiyota-1',
      data: { purpose: ['tax'], comment: 'ありがとう', skipped: undefined },
    });
    expect(submission).toEqual({
      submissionId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      surveyVersion: 1,
      channel: 'kiosk',
      meta: { locale: 'ja', ward: 'kiyota', kioskId: 'kiyota-1' },
      startedAt: '2025-06-01T09:00:00.000Z',
      completedAt: '2025-06-01T09:03:00.000Z',
      data: { purpose: ['tax'], comment: 'ありがとう' },
    });
    expect(submissionSchema.parse(submission)).toEqual(submission);
  });

  it('an online response has no ward', () => {
    const submission = buildSubmission({ ...base, channel: 'online', locale: 'en', data: {} });
    expect(submission.meta).toEqual({ locale: 'en' });
    expect(Object.keys(submission.meta)).toEqual(['locale']);
    expect(submissionSchema.safeParse(submission).success).toBe(true);
  });

  it('a start after the end (clock changed mid-survey) is clamped to the end', () => {
    const submission = buildSubmission({ ...base, channel: 'online', startedAt: new Date('2025-06-01T10:00:00Z'), data: {} });
    expect(submission.startedAt).toBe('2025-06-01T09:03:00.000Z');
  });
});
