/**
 * Synthetic records for a survey where two questions share a name (issue 21): the name is
 * answered, or left empty, by the first question the respondent meets, so the second cannot
 * store a value the first refuses. The server's validator judges every record.
 */
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { submissionSchema } from '../../../contracts/submission.ts';
// A test may use the server's validator: analysis code itself never imports server code.
import { validateResponse } from '../../../server/validation/validate-response.ts';

// "visits" is asked as a rating (1–3), required or not, and again on a wider scale: the first one's values bound it.
const JSON_DEFINITION = {
  id: 'shared-names',
  version: 1,
  title: { ja: '共有名', en: 'Shared names' },
  pages: [
    { name: 'p1', elements: [{ type: 'rating', name: 'visits', rateMin: 1, rateMax: 3, isRequired: true }] },
    { name: 'p2', elements: [{ type: 'rating', name: 'visits', rateMin: 1, rateMax: 10 }, { type: 'rating', name: 'again', rateMin: 1, rateMax: 3 }] },
    { name: 'p3', elements: [{ type: 'rating', name: 'again', rateMin: 1, rateMax: 10 }] },
  ],
};

describe('synthesizeResponses with a name two questions share', () => {
  it('answers the name once, with a value both questions accept', () => {
    const definition = loadDefinition(structuredClone(JSON_DEFINITION), 'shared-names');
    const problems: string[] = [];
    for (const record of synthesizeResponses(definition, { count: 200, seed: 5 })) {
      const { id: _id, surveyId: _survey, receivedAt: _received, ...body } = record;
      const parsed = submissionSchema.parse(body);
      for (const detail of validateResponse(definition, parsed)) problems.push(`${JSON.stringify(record.data)}: ${detail.question}: ${detail.message}`);
    }
    expect(problems.slice(0, 3)).toEqual([]);
  });
});
