/**
 * Three plain bugs of issue 10, each checked the way a definition reaches the
 * server: `check` (checkDefinition) and the strict validator must both accept
 * what survey-core accepts, and the validator must then judge answers as
 * survey-core does.
 */
import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../../analysis/definitions/check-definitions.ts';
import type { SurveyDefinitionJson } from '../../../core/definitions/survey-definition.ts';
import { createResponseValidator } from '../../../server/validation/create-response-validator.ts';
import { definitionFromJson } from '../../fixtures/definitions/load-fixture-definition.ts';
import { validSubmission } from '../../fixtures/valid-responses.ts';

const SOURCE = 'survey-definitions/bugs.json';

function survey(elements: unknown[], extra: Record<string, unknown> = {}): SurveyDefinitionJson {
  return { id: 'bugs', version: 1, audience: 'citizen', pages: [{ name: 'p1', elements }], ...extra } as SurveyDefinitionJson;
}

/** check's findings that leave a file out (warnings, such as the missing-annotations hint, do not). */
function errorsOf(json: SurveyDefinitionJson) {
  return checkDefinition(json, SOURCE).filter((finding) => finding.severity !== 'warning');
}

function warningsAbout(json: SurveyDefinitionJson, question: string) {
  return checkDefinition(json, SOURCE)
    .filter((finding) => finding.severity === 'warning' && finding.question === question)
    .map(({ question: name, message }) => ({ question: name, message }));
}

/** check's findings and, when check passes, the validator's details for each answers object. */
function judge(json: SurveyDefinitionJson, ...responses: Array<Record<string, unknown>>) {
  const findings = errorsOf(json);
  if (findings.length > 0) return { findings };
  const validate = createResponseValidator(definitionFromJson(json, SOURCE));
  return { findings, details: responses.map((data) => validate(validSubmission('all-question-types', { data }))) };
}

describe('date inputs (survey-core gives every date input a default max of 2999-12-31)', () => {
  it('accepts a date input without min/max, and a well-formed date', () => {
    const result = judge(survey([{ type: 'text', name: 'visitDate', inputType: 'date' }]), { visitDate: '2026-12-04' }, {});
    expect(result).toEqual({ findings: [], details: [[], []] });
  });

  it('enforces min and max as survey-core does, with its message', () => {
    const json = survey([{ type: 'text', name: 'visitDate', inputType: 'date', min: '2026-04-01', max: '2027-03-31' }]);
    const { details } = judge(json, { visitDate: '2026-04-01' }, { visitDate: '2026-03-31' }, { visitDate: '2027-04-01' });
    expect(details![0]).toEqual([]);
    expect(details![1]).toEqual([{ question: 'visitDate', message: expect.stringMatching(/^"2026-03-31": .*2026/) }]);
    expect(details![2]).toEqual([{ question: 'visitDate', message: expect.stringMatching(/^"2027-04-01": .*2027/) }]);
  });

  it('refuses what a date input cannot produce', () => {
    const { details } = judge(survey([{ type: 'text', name: 'visitDate', inputType: 'date' }]), { visitDate: 'tomorrow' }, { visitDate: 20261204 });
    expect(details).toEqual([
      [{ question: 'visitDate', message: '"tomorrow" is not a date (YYYY-MM-DD)' }],
      [{ question: 'visitDate', message: 'expected text, got 20261204' }],
    ]);
  });
});

describe('parenthesised conditions', () => {
  const json = survey([
    { type: 'radiogroup', name: 'a', choices: [1, 2] },
    { type: 'radiogroup', name: 'b', choices: [2, 3, 4] },
    { type: 'comment', name: 'why', visibleIf: '{a} = 1 and ({b} = 2 or {b} = 3)' },
  ]);

  it('are read as survey-core reads them, not as a function and()', () => {
    const { findings, details } = judge(json, { a: 1, b: 3, why: 'x' }, { a: 1, b: 4, why: 'x' });
    expect(findings).toEqual([]);
    expect(details![0]).toEqual([]);
    expect(details![1]).toEqual([
      { question: 'why', message: '"x" answers a question that is hidden for this response (its visibleIf "{a} = 1 and ({b} = 2 or {b} = 3)" is false)' },
    ]);
  });

  it('still refuses a function the server cannot run, named by survey-core\'s parser', () => {
    const withFunction = survey([
      { type: 'radiogroup', name: 'a', choices: [1, 2] },
      { type: 'comment', name: 'why', visibleIf: "propertyValue('a', 'visible') = true and ({a} = 1)" },
    ]);
    expect(() => createResponseValidator(definitionFromJson(withFunction, SOURCE))).toThrow(/function propertyValue\(\) in/);
  });
});

describe('valid survey-core expressions', () => {
  // survey-core reads an unknown name as empty (issue 21): served, with a warning naming it.
  it('accepts {$q.property} on a question that exists, and warns about one that does not', () => {
    const json = survey([
      { type: 'text', name: 'q1', inputType: 'email' },
      { type: 'html', name: 'hint', html: 'Check the address', visibleIf: '{$q1.containsErrors}' },
    ]);
    expect(judge(json, { q1: 'a@example.org' })).toEqual({ findings: [], details: [[]] });
    const typo = survey([
      { type: 'text', name: 'q1' },
      { type: 'html', name: 'hint', html: 'x', visibleIf: '{$q2.containsErrors}' },
    ]);
    expect(errorsOf(typo)).toEqual([]);
    expect(warningsAbout(typo, 'hint')).toEqual([
      { question: 'hint', message: 'visibleIf "{$q2.containsErrors}" refers to "$q2.containsErrors", which is not a question of this survey; survey-core reads it as empty' },
    ]);
  });

  it('accepts a value the host page sets once the definition declares it in "variables"', () => {
    const elements = [
      { type: 'radiogroup', name: 'a', choices: [1, 2] },
      { type: 'comment', name: 'kioskNote', visibleIf: "{source} = 'kiosk'" },
    ];
    expect(errorsOf(survey(elements))).toEqual([]);
    expect(warningsAbout(survey(elements), 'kioskNote')).toEqual([
      {
        question: 'kioskNote',
        message: `visibleIf "{source} = 'kiosk'" refers to "source", which is not a question of this survey; survey-core reads it as empty (a value the page sets? declare it: "variables": ["source"])`,
      },
    ]);
    // The server cannot know what the page set, so it accepts the answer present or absent.
    expect(judge(survey(elements, { variables: ['source'] }), { a: 1, kioskNote: 'x' }, { a: 1 })).toEqual({ findings: [], details: [[], []] });
  });
});

describe('inputType "email"', () => {
  it('refuses a malformed address as survey-core does, with its message', async () => {
    const { checkWithSurveyCore } = await import('./survey-core-reference.ts');
    const json = survey([{ type: 'text', name: 'mail', inputType: 'email' }]);
    const { details } = judge(json, { mail: 'someone@example.org' }, { mail: 'not an address' });
    expect(details![0]).toEqual([]);
    const [message] = checkWithSurveyCore(json, { mail: 'not an address' }).get('mail')!;
    expect(details![1]).toEqual([{ question: "mail", message }]);
  });
});

describe('choicesByUrl', () => {
  it('is refused with the reason: it would make the form request another server', () => {
    const json = survey([{ type: 'dropdown', name: 'city', choicesByUrl: { url: 'https://example.org/cities' } }]);
    expect(() => createResponseValidator(definitionFromJson(json, SOURCE))).toThrow(
      /question "city": choicesByUrl would make every respondent's form request "https:\/\/example.org\/cities", another server/,
    );
  });
});
