/**
 * Strict server-side validation of one response against the definition
 * version it names: survey-core's own checks plus everything survey-core lets
 * through (see docs/decisions/0020-strict-validation-on-top-of-survey-core.md).
 * Returns [] for a valid response, otherwise one detail per problem: keys that
 * are not questions first, then response meta ("meta.<key>"), then questions in
 * the definition's order.
 *
 * `submission` has passed `submissionSchema`; `data` is untrusted JSON.
 */
import type { ApiErrorDetail, Submission } from '../../contracts/submission.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { createResponseValidator, type ResponseValidator } from './create-response-validator.ts';

const validators = new WeakMap<SurveyDefinition, ResponseValidator>();

export function validateResponse(definition: SurveyDefinition, submission: Submission): ApiErrorDetail[] {
  return validatorFor(definition)(submission);
}

/**
 * The cached validator of a definition. Call it at start-up to build every
 * validator early: a definition that strict validation cannot handle then
 * fails there, not on a respondent's submission.
 */
export function validatorFor(definition: SurveyDefinition): ResponseValidator {
  let validator = validators.get(definition);
  if (validator === undefined) {
    validator = createResponseValidator(definition);
    validators.set(definition, validator);
  }
  return validator;
}
