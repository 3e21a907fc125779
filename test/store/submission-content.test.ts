import { describe, expect, it } from 'vitest';
import { sameSubmissionContent, submissionContentKey } from '../../server/store/submission-content.ts';
import { newResponse } from './new-response.ts';

describe('sameSubmissionContent', () => {
  const original = newResponse();

  it('is the same for a copy, for other key orders and for absent versus undefined fields', () => {
    const reordered = {
      ...original,
      meta: { kioskId: 'kita-01', locale: 'ja', ward: 'kita' },
      data: { improvements: ['online', 'reservation'], satisfaction: { staff: 5, waiting: 4 }, purpose: 'koseki' },
    };
    expect(sameSubmissionContent(original, structuredClone(original))).toBe(true);
    expect(sameSubmissionContent(original, reordered)).toBe(true);
    expect(sameSubmissionContent({ ...original, meta: { ...original.meta, ward: undefined } }, { ...original, meta: { locale: 'ja', kioskId: 'kita-01' } })).toBe(true);
    expect(submissionContentKey(original)).toBe(submissionContentKey(reordered));
  });

  it('ignores what a retry may not change but the content does not include: channel and times', () => {
    const retried = { ...original, channel: 'online' as const, startedAt: '2025-06-03T00:00:00Z' };
    expect(sameSubmissionContent(original, retried)).toBe(true);
  });

  it('differs for another survey, version, meta or answer, however small', () => {
    const others = [
      { ...original, surveyId: 'citizen-needs' },
      { ...original, surveyVersion: 2 },
      { ...original, meta: { ...original.meta, locale: 'en' } },
      { ...original, data: { ...original.data, improvements: ['reservation', 'online'] } }, // order within an answer is content
      { ...original, data: { ...original.data, satisfaction: { waiting: '4', staff: 5 } } }, // "4" is not 4
      { ...original, data: { ...original.data, extra: null } },
    ];
    for (const other of others) {
      expect(sameSubmissionContent(original, other)).toBe(false);
      expect(submissionContentKey(other)).not.toBe(submissionContentKey(original));
    }
  });
});
