/**
 * Issue 22: `{$element.property}` references, recomputed on the server as survey-core reads them
 * (server/validation/element-properties.ts). The corpus fixture element-property-references.json also runs
 * in the survey-core-driven differential test; here: what survey-core's own Model sends is accepted, a tampered
 * value that depends on a property is refused naming both values, and the references the server cannot compute
 * are refused at load with the reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { createResponseValidator } from '../../../server/validation/create-response-validator.ts';
import { definitionFromJson } from '../../fixtures/definitions/load-fixture-definition.ts';
import { onlineSubmission } from '../../fixtures/online-submission.ts';

const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'surveyjs-corpus', 'element-property-references.json');
const json = JSON.parse(readFileSync(FIXTURE, 'utf8'));
const validate = createResponseValidator(definitionFromJson({ ...json, id: 'element-property-references' }));

/** What the form sends: survey-core's Model answers and completes, computing `fee` itself. */
function byModel(answers: Record<string, unknown>): Record<string, unknown> {
  const model = new Model(json);
  for (const [name, value] of Object.entries(answers)) model.setValue(name, value);
  expect(model.hasErrors(false, false)).toBe(false);
  model.doComplete();
  return JSON.parse(JSON.stringify(model.data));
}

function refusal(definition: Record<string, unknown>): string {
  try {
    createResponseValidator(definitionFromJson({ id: 'refused', ...definition } as never));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the definition was accepted');
}

const page = (...elements: unknown[]) => ({ pages: [{ name: 'p1', elements }] });

describe('{$element.property} references, computed as survey-core computes them', () => {
  it("accepts what survey-core's Model sends, with the property's value both ways", () => {
    const carried = byModel({ applicant: 'proxy', proxyName: '札幌太郎', items: 3, elevator: false, carryHelp: 'staff', carryNote: '2階', agree: true });
    // $carry.isVisible is true (elevator false): 3 × 400 + 1 000.
    expect(carried).toMatchObject({ fee: 2200 });
    expect(validate(onlineSubmission(carried))).toEqual([]);
    const lifted = byModel({ applicant: 'resident', items: 2, elevator: true, agree: true });
    expect(lifted).toMatchObject({ fee: 800 });
    expect(validate(onlineSubmission(lifted))).toEqual([]);
  });

  it('refuses a tampered value that depends on a property, naming both values', () => {
    const carried = byModel({ applicant: 'resident', items: 3, elevator: false, carryHelp: 'staff', carryNote: '2階', agree: true });
    expect(validate(onlineSubmission({ ...carried, fee: 1200 }))).toEqual([
      {
        question: 'fee',
        message: expect.stringMatching(/^1200 was sent, but its expression ".*\{\$carry\.isVisible\}.*" gives 2200 for the other answers of this response$/),
      },
    ]);
  });

  it('refuses an answer to a question a property reference hides, and requires one it shows', () => {
    // proxyPhone is shown by {$proxyName.isVisible}, which is false for a resident.
    const resident = byModel({ applicant: 'resident', items: 1, elevator: true, agree: true });
    const [detail] = validate(onlineSubmission({ ...resident, proxyPhone: '011-000-0000' }));
    expect(detail).toMatchObject({ question: 'proxyPhone', message: expect.stringContaining('{$proxyName.isVisible}') });
    // carryNote is required while {$carry.isVisible}: the panel shows when there is no lift.
    const carried = byModel({ applicant: 'resident', items: 1, elevator: false, carryNote: '玄関', agree: true });
    delete carried.carryNote;
    expect(validate(onlineSubmission(carried))).toEqual([{ question: 'carryNote', message: 'Response required.' }]);
  });

  it('reads {$self.…} and {$panel.…} in a question\'s own conditions and expression, as survey-core does, and refuses them elsewhere', () => {
    // relative-property-references.json, also in the differential test: $self is the question, $panel the panel around it.
    const file = join(import.meta.dirname, '..', '..', 'fixtures', 'surveyjs-corpus', 'relative-property-references.json');
    const relative = JSON.parse(readFileSync(file, 'utf8'));
    const check = createResponseValidator(definitionFromJson({ ...relative, id: 'relative-property-references' }));
    const model = new Model(relative);
    model.setValue('visitType', 'counter');
    model.setValue('ticketKnown', true);
    // ticket is shown by {$self.isRequired}, its own requiredIf: required, so left out it is refused.
    expect(model.getQuestionByName('ticket').isRequired).toBe(true);
    expect(check(onlineSubmission({ ...model.data }))).toEqual([{ question: 'ticket', message: 'Response required.' }]);
    model.setValue('ticket', 12);
    model.doComplete();
    const sent = JSON.parse(JSON.stringify(model.data));
    expect(sent).toMatchObject({ deskLabel: 'open:counter' });
    expect(check(onlineSubmission(sent))).toEqual([]);
    expect(check(onlineSubmission({ ...sent, deskLabel: 'open:none' }))).toEqual([
      {
        question: 'deskLabel',
        message: `"open:none" was sent, but its expression "iif({$self.isReadOnly}, 'fixed', 'open') + ':' + iif({$panel.visible}, 'counter', 'none')" gives "open:counter" for the other answers of this response`,
      },
    ]);
    // Where survey-core reads no question's context, or the question has no such panel or parent.
    const relativeReason = /reads a property relative to the element that runs it, which strict validation supports only as \{\$self\.…\} and \{\$panel\.…\}/;
    expect(refusal(page({ type: 'panel', name: 'box', visibleIf: "{$self.name} = 'box'", elements: [{ type: 'text', name: 'c' }] }))).toMatch(relativeReason);
    expect(refusal(page({ type: 'text', name: 'c', visibleIf: '{$panel.isVisible}' }))).toMatch(relativeReason);
    expect(refusal(page({ type: 'text', name: 'c', visibleIf: '{$parent.isVisible}' }))).toMatch(relativeReason);
    expect(refusal({ ...page({ type: 'text', name: 'c' }), calculatedValues: [{ name: 'x', expression: '{$self.isVisible}' }] })).toMatch(relativeReason);
    expect(refusal({ ...page({ type: 'text', name: 'c' }), triggers: [{ type: 'setvalue', expression: '{$self.isVisible}', setToName: 'x', setValue: 1 }] })).toMatch(relativeReason);
    expect(
      refusal(page({ type: 'paneldynamic', name: 'kids', templateElements: [{ type: 'text', name: 'age' }, { type: 'text', name: 'c', visibleIf: '{$self.isRequired}' }] })),
    ).toMatch(relativeReason);
  });

  it('checks a value a trigger sets on a property, as survey-core runs such a trigger on every change', () => {
    // trigger-property-references.json: survey-core runs a trigger that reads {$carry.isVisible} whenever any value
    // changes, so the runexpression's {items} (which its expression does not name) is the final one.
    const file = join(import.meta.dirname, '..', '..', 'fixtures', 'surveyjs-corpus', 'trigger-property-references.json');
    const triggered = JSON.parse(readFileSync(file, 'utf8'));
    const check = createResponseValidator(definitionFromJson({ ...triggered, id: 'trigger-property-references' }));
    const model = new Model(triggered);
    for (const [name, value] of Object.entries({ applicant: 'proxy', items: 3, elevator: false, carryHelp: 'staff' })) model.setValue(name, value);
    model.setValue('applicant', 'resident');
    model.setValue('items', 4);
    model.doComplete();
    const sent = JSON.parse(JSON.stringify(model.data));
    expect(sent).toMatchObject({ proxyCheck: true, carryStatus: 'stairs', carryFee: 2600 });
    expect(check(onlineSubmission(sent))).toEqual([]);
    expect(check(onlineSubmission({ ...sent, carryFee: 2200 }))).toEqual([
      {
        question: 'carryFee',
        message: '2200 was sent, but its runexpression trigger (expression "{$carry.isVisible} and {carryHelp} = \'staff\'") is true and sets 2600 for the other answers of this response',
      },
    ]);
    expect(check(onlineSubmission({ ...sent, carryStatus: 'lift' }))).toEqual([
      { question: 'carryStatus', message: '"lift" was sent, but its setvalue trigger (expression "{$carry.isVisible}") is true and sets "stairs" for the other answers of this response' },
    ]);
  });

  it('refuses, at load and with the reason, what the server cannot compute', () => {
    const a = { type: 'text', name: 'a', visibleIf: "{b} = 'x'" };
    expect(refusal(page(a, { type: 'text', name: 'c', visibleIf: '{$a.containsErrors}' }))).toMatch(/\{\$a\.containsErrors\} reads a property of the live form that the server cannot compute/);
    expect(refusal(page(a, { type: 'text', name: 'c', visibleIf: "{$a.title} = 'A'" }))).toMatch(/\{\$a\.title\} is a text in the respondent's language/);
    expect(refusal(page(a, { type: 'text', name: 'c', visibleIf: '{$self.visible}' }))).toMatch(/\{\$c\.visible\} depends on itself/);
    expect(refusal(page({ type: 'text', name: 'x', visibleIf: '{$y.isVisible}' }, { type: 'text', name: 'y', visibleIf: '{$x.isVisible}' }))).toMatch(/depends on itself/);
    expect(
      refusal(page({ type: 'paneldynamic', name: 'kids', templateElements: [{ type: 'text', name: 'age' }] }, { type: 'text', name: 'c', visibleIf: '{$kids.panelCount} > 1' })),
    ).toMatch(/\{\$kids\.panelCount\} reads a property of the live form/);
  });

  it("refuses survey-core's page variables, whose value depends on when the form ran the expression", () => {
    expect(refusal(page({ type: 'text', name: 'a', visibleIf: '{pagecount} > 1' }))).toMatch(/\{pagecount\} in "\{pagecount\} > 1" is survey-core's built-in variable for the pages shown/);
    expect(refusal(page({ type: 'expression', name: 'e', expression: "'page ' + {pageNo}" }))).toMatch(/\{pageNo\} .* built-in variable for the page the respondent is on .*the kiosk splits long pages/);
    // {locale}: survey-core does not re-run an expression on a change of language, so meta.locale (the last one) is not what it read.
    expect(refusal({ ...page({ type: 'text', name: 'a' }), calculatedValues: [{ name: 'lang', expression: '{locale}', includeIntoResult: true }] })).toMatch(
      /calculated value "lang": \{locale\} in "\{locale\}" is survey-core's built-in variable for the language shown when the form runs it, .* meta\.locale is only the last one/,
    );
    expect(refusal(page({ type: 'text', name: 'a', visibleIf: "{locale} = 'en'" }))).toMatch(/\{locale\} .* does not re-run when the respondent switches language/);
    // In triggers too, whose expressions survey-core runs the same way.
    expect(refusal({ ...page({ type: 'text', name: 'a', correctAnswer: 'x' }), triggers: [{ type: 'complete', expression: '{correctAnswers} > 0' }] })).toMatch(
      /trigger 1 \(complete\) expression: \{correctAnswers\} .* the quiz score when the form runs it/,
    );
    expect(refusal({ ...page({ type: 'text', name: 'a' }), triggers: [{ type: 'setvalue', expression: '{pageno} = 2', setToName: 'late', setValue: true }] })).toMatch(
      /trigger 1 \(setvalue\) expression: \{pageno\} .* built-in variable for the page the respondent is on/,
    );
  });

  it("is right to: survey-core's own Model gives the same final answers two values for each (the refusals' reason)", () => {
    // Should survey-core start re-running these on a change of page, pages shown, language or score, this fails: revisit the refusal.
    const json = (variable: string) => ({
      locale: 'ja',
      pages: [
        { name: 'p1', elements: [{ type: 'radiogroup', name: 'a', choices: ['yes', 'no'] }] },
        { name: 'p2', visibleIf: "{a} = 'yes'", elements: [{ type: 'text', name: 'c', correctAnswer: 'x' }] },
        { name: 'p3', elements: [{ type: 'text', name: 'd' }, { type: 'expression', name: 'e', expression: `{${variable}} + '|' + {d}` }] },
      ],
    });
    for (const variable of ['pageno', 'pagecount', 'locale', 'correctAnswers']) {
      // d answered while page 2 was hidden, in Japanese, before the correct answer; then back, and page 2 answered.
      const first = new Model(json(variable));
      first.setValue('a', 'no');
      first.nextPage();
      first.setValue('d', 'z');
      first.prevPage();
      first.setValue('a', 'yes');
      first.nextPage();
      first.setValue('c', 'x');
      first.locale = 'en';
      // The same answers in page order, in English from page 2 on.
      const last = new Model(json(variable));
      last.setValue('a', 'yes');
      last.nextPage();
      last.setValue('c', 'x');
      last.locale = 'en';
      last.nextPage();
      last.setValue('d', 'z');
      const answers = (model: Model) => ({ a: model.getValue('a'), c: model.getValue('c'), d: model.getValue('d') });
      expect(answers(first), variable).toEqual(answers(last));
      expect(first.getValue('e'), variable).not.toEqual(last.getValue('e'));
    }
  });

  it('reads {Locale} written otherwise than survey-core\'s `locale` as an answer, as survey-core does', () => {
    // SurveyValueGetterContext compares "locale" as written; {Locale} names the question.
    const definition = page({ type: 'text', name: 'Locale' }, { type: 'expression', name: 'copy', expression: '{Locale}' });
    const check = createResponseValidator(definitionFromJson({ id: 'locale-answer', ...definition } as never));
    const model = new Model(definition);
    model.setValue('Locale', 'fr');
    expect(model.getValue('copy')).toBe('fr');
    expect(check(onlineSubmission({ Locale: 'fr', copy: 'fr' }))).toEqual([]);
    expect(check(onlineSubmission({ Locale: 'fr', copy: 'ja' }))).toEqual([
      { question: 'copy', message: '"ja" was sent, but its expression "{Locale}" gives "fr" for the other answers of this response' },
    ]);
  });

  it('reads a fixed property of the definition, and treats one that hangs on a value the page sets as unknown', () => {
    const fixed = createResponseValidator(definitionFromJson({ id: 'fixed', ...page({ type: 'text', name: 'n', inputType: 'number' }, { type: 'text', name: 'c', isRequired: true, visibleIf: "{$n.inputType} = 'number'" }) } as never));
    expect(fixed(onlineSubmission({}))).toEqual([{ question: 'c', message: 'Response required.' }]);
    const host = createResponseValidator(
      definitionFromJson({ id: 'host', variables: ['source'], ...page({ type: 'text', name: 'k', visibleIf: "{source} = 'kiosk'" }, { type: 'text', name: 'c', isRequired: true, visibleIf: '{$k.isVisible}' }) } as never),
    );
    // The page may or may not show c: both an answer and none are accepted.
    expect(host(onlineSubmission({}))).toEqual([]);
    expect(host(onlineSubmission({ c: 'x' }))).toEqual([]);
  });
});
