/**
 * Response meta that a definition declares as a variable (e.g. the exit survey's
 * kiosk ward, `metaVariables: [{ name: "ward", from: "ward", choices: [...] }]`)
 * is analysed like an answer, so it must be present and one of its choices.
 */
import type { ApiErrorDetail } from '../../contracts/submission.ts';
import type { MetaVariable } from '../../core/definitions/survey-definition.ts';
import { quoteValue } from './quote-value.ts';

export function checkMeta(metaVariables: readonly MetaVariable[], meta: Readonly<Record<string, unknown>>): ApiErrorDetail[] {
  const details: ApiErrorDetail[] = [];
  for (const variable of metaVariables) {
    const question = `meta.${variable.from}`;
    if (!Object.hasOwn(meta, variable.from) || meta[variable.from] === undefined) {
      details.push({ question, message: `${question} is required by this survey (it is analysed as "${variable.name}")` });
      continue;
    }
    const value = meta[variable.from];
    if (!variable.choices.some((choice) => choice.value === value)) {
      details.push({ question, message: `${quoteValue(value)} is not one of the choices for ${question}` });
    }
  }
  return details;
}
