/**
 * The fast path (check-core-rules.ts) must say exactly what survey-core says
 * when the same answers are loaded into a real model and validated over all
 * pages. Generated responses, fixed seed; the oracle builds a fresh model for
 * every response, so no state can leak between them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Model } from 'survey-core';
import { buildCoreRules } from '../../../server/validation/build-core-rules.ts';
import { buildQuestionIndex } from '../../../server/validation/build-question-index.ts';
import { checkAnswers } from '../../../server/validation/check-answers.ts';
import { checkCoreRules } from '../../../server/validation/check-core-rules.ts';
import type { SurveyDefinition } from '../../../core/definitions/survey-definition.ts';
import { loadFixtureDefinition, loadShippedDefinition } from '../../fixtures/definitions/load-fixture-definition.ts';
import { answersFor } from './arbitrary-answers.ts';
import { checkWithSurveyCore } from './survey-core-reference.ts';
import { propertyRuns, propertyTimeout } from '../../support/property-runs.ts';

function expectSameAsSurveyCore(definition: SurveyDefinition, numRuns: number) {
  const model = new Model(definition.json);
  model.locale = 'en';
  const index = buildQuestionIndex(model, definition.source);
  const coreRules = buildCoreRules(model, definition.source);
  fc.assert(
    fc.property(answersFor(index), (data) => {
      // Only answers that pass the strict checks reach survey-core's checks.
      const { acceptedKeys } = checkAnswers(index, data);
      const accepted = Object.fromEntries(acceptedKeys.map((key) => [key, data[key]]));
      const fast = Object.fromEntries(checkCoreRules(coreRules, accepted, '-Comment'));
      const reference = Object.fromEntries(checkWithSurveyCore(definition.json, accepted));
      expect(fast).toEqual(reference);
    }),
    { numRuns, seed: 20250602 },
  );
}

// The oracle builds a survey-core model per response: ~0.17 s each for the fixture, ~0.07 s for a shipped
// survey on a quiet 2-core machine. Sized by test/support/property-runs.ts.
describe('survey-core checks without a survey-core model per response', { timeout: propertyTimeout() }, () => {
  it('agree with survey-core on generated responses to the all-question-types fixture', () => {
    expectSameAsSurveyCore(loadFixtureDefinition('all-question-types'), propertyRuns(40));
  });

  it('agree with survey-core on generated responses to the surveyjs-types fixture (dates, times, numbers with step, email, tagbox, imagepicker, multipletext, matrixdynamic, paneldynamic)', () => {
    expectSameAsSurveyCore(loadFixtureDefinition('surveyjs-types'), 150);
  });

  for (const surveyId of ['ward-office-exit', 'citizen-needs', 'staff-workstyle']) {
    it(`agree with survey-core on generated responses to ${surveyId}`, () => {
      expectSameAsSurveyCore(loadShippedDefinition(surveyId), propertyRuns(40));
    });
  }
});
