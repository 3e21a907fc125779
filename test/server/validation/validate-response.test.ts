/**
 * The general rules of strict validation, on a fixture definition that has
 * every question type the validator handles
 * (test/fixtures/definitions/all-question-types.json).
 */
import { describe, expect, it } from 'vitest';
import type { Submission } from '../../../contracts/submission.ts';
import { createResponseValidator } from '../../../server/validation/create-response-validator.ts';
import { validateResponse } from '../../../server/validation/validate-response.ts';
import { definitionFromJson, loadFixtureDefinition } from '../../fixtures/definitions/load-fixture-definition.ts';
import { validResponseData, validSubmission } from '../../fixtures/valid-responses.ts';

const definition = loadFixtureDefinition('all-question-types');

/** The details for the fixture's valid response with some answers changed (undefined removes one). */
function detailsWith(changes: Record<string, unknown>, overrides: Partial<Submission> = {}) {
  const data: Record<string, unknown> = { ...validResponseData('all-question-types'), ...changes };
  for (const key of Object.keys(changes)) if (changes[key] === undefined) delete data[key];
  return validateResponse(definition, validSubmission('all-question-types', { data, ...overrides }));
}

describe('validateResponse on the all-question-types fixture', () => {
  it('accepts the valid response', () => {
    expect(detailsWith({})).toEqual([]);
  });

  it('reports every required question of an empty response, in definition order', () => {
    expect(validateResponse(definition, validSubmission('all-question-types', { data: {} }))).toEqual([
      { question: 'purpose', message: 'Response required.' },
      { question: 'channels', message: 'Please select at least 2 option(s).' },
      { question: 'satisfaction', message: 'Response required: answer questions in all rows.' },
      { question: 'byTask', message: 'row "move", column "preferred": Response required.' },
      { question: 'byTask', message: 'row "tax", column "preferred": Response required.' },
    ]);
  });

  describe("survey-core's own checks", () => {
    it('requires an answer to a visible required question', () => {
      expect(detailsWith({ taxDetail: undefined })).toEqual([{ question: 'taxDetail', message: 'Response required.' }]);
    });

    it('treats blank text as no answer, as survey-core does', () => {
      expect(detailsWith({ taxDetail: '   ' })).toEqual([{ question: 'taxDetail', message: '"   ": Response required.' }]);
    });

    it('applies requiredIf against the submitted answers', () => {
      expect(detailsWith({ waiting: 2 })).toEqual([{ question: 'reason', message: 'Response required.' }]);
      expect(detailsWith({ waiting: 2, reason: '混雑' })).toEqual([]);
    });

    it('skips a required question that enableIf disables', () => {
      expect(detailsWith({ contactOk: undefined })).toEqual([{ question: 'contactOk', message: 'Response required.' }]);
      expect(detailsWith({ online: false, contactOk: undefined, onlineComment: undefined })).toEqual([]);
    });

    it('does not require a question hidden by visibleIf', () => {
      expect(detailsWith({ purpose: 'family', taxDetail: undefined, taxKind: undefined })).toEqual([]);
    });

    it('does not require questions on a page hidden by its visibleIf', () => {
      expect(detailsWith({ online: false, onlineComment: undefined })).toEqual([]);
    });

    it('runs validators and numeric min/max, quoting the value', () => {
      expect(detailsWith({ age: 121, email: 'resident@', nickname: 'y' })).toEqual([
        { question: 'age', message: '121: The value should not be greater than 120' },
        { question: 'email', message: '"resident@": Please enter a valid e-mail address.' },
        { question: 'nickname', message: '"y": Please enter at least 2 character(s).' },
      ]);
    });

    it('requires the "other" text when "other" is picked', () => {
      expect(detailsWith({ purpose: 'other', taxDetail: undefined, taxKind: undefined })).toEqual([
        { question: 'purpose', message: '"other": Response required: enter another value.' },
      ]);
      expect(detailsWith({ purpose: 'other', 'purpose-Comment': '引っ越し', taxDetail: undefined, taxKind: undefined })).toEqual([]);
    });

    it('requires every row of an eachRowRequired matrix', () => {
      expect(detailsWith({ satisfaction: { wait: 3 } })).toEqual([
        { question: 'satisfaction', message: '{"wait":3}: Response required: answer questions in all rows.' },
      ]);
    });

    it('checks matrixdropdown cells: required columns and cell validators', () => {
      expect(detailsWith({ byTask: { move: { preferred: 'online', minutes: 601 } } })).toEqual([
        { question: 'byTask', message: "row \"move\", column \"minutes\": 601: The 'value' should be at most 600" },
        { question: 'byTask', message: 'row "tax", column "preferred": Response required.' },
      ]);
    });

    it('lets a lone exclusive choice satisfy minSelectedChoices', () => {
      const lenient = definitionFromJson({
        id: 'lenient', version: 1, audience: 'citizen',
        elements: [{ type: 'checkbox', name: 'q', minSelectedChoices: 2, showNoneItem: true, choices: ['a', 'b', 'c'] }],
      });
      const submit = (q: unknown) => validateResponse(lenient, validSubmission('citizen-needs', { data: { q } }));
      expect(submit(['none'])).toEqual([]);
      expect(submit(['a'])).toEqual([{ question: 'q', message: '["a"]: Please select at least 2 option(s).' }]);
    });
  });

  describe('what survey-core lets through', () => {
    it('refuses a value outside the choices', () => {
      expect(detailsWith({ counters: 4, taxKind: 'xyz' })).toEqual([
        { question: 'counters', message: '4 is not one of the choices' },
        { question: 'taxKind', message: '"xyz" is not one of the choices' },
      ]);
    });

    it('compares choice values with their JSON type: "2" is not the choice 2', () => {
      expect(detailsWith({ counters: '2' })).toEqual([{ question: 'counters', message: '"2" is not one of the choices' }]);
    });

    it('refuses checkbox and tagbox values outside the choices, and repeats', () => {
      expect(detailsWith({ wants: ['online', 'fax', 'online'], channels: ['web', 'web'] })).toEqual([
        { question: 'wants', message: '"fax" is not one of the choices' },
        { question: 'wants', message: '"online" is selected more than once' },
        { question: 'channels', message: '"web" is selected more than once' },
      ]);
    });

    it('refuses more selections than maxSelectedChoices (and, through survey-core, fewer than minSelectedChoices)', () => {
      expect(detailsWith({ wants: ['online', 'booking', 'cashless', 'chat'], channels: ['web'] })).toEqual([
        { question: 'wants', message: '["online","booking","cashless","chat"] has 4 selections, at most 3 allowed' },
        { question: 'channels', message: '["web"]: Please select at least 2 option(s).' },
      ]);
    });

    it('refuses "none" together with other choices', () => {
      expect(detailsWith({ wants: ['none', 'chat'] })).toEqual([
        { question: 'wants', message: '"none" cannot be combined with other choices, got ["none","chat"]' },
      ]);
    });

    it('accepts "other" with its text in a checkbox, and refuses the text without "other"', () => {
      expect(detailsWith({ wants: ['chat', 'other'], 'wants-Comment': '駐車場' })).toEqual([]);
      expect(detailsWith({ 'wants-Comment': '駐車場' })).toEqual([
        { question: 'wants', message: '"wants-Comment" is only allowed when "other" is picked, got "駐車場"' },
      ]);
    });

    it('accepts a comment on a question with showCommentArea, within survey-wide text rules', () => {
      expect(detailsWith({ 'staff-Comment': 42 })).toEqual([
        { question: 'staff', message: '"staff-Comment": expected text, got 42' },
      ]);
    });

    it('refuses a ranking that is not a permutation of its items', () => {
      expect(detailsWith({ priorities: ['speed', 'clarity'] })).toEqual([
        { question: 'priorities', message: '["speed","clarity"] ranks 2 of the 3 items; missing "privacy"' },
      ]);
      expect(detailsWith({ priorities: ['speed', 'speed', 'privacy'] })).toEqual([
        { question: 'priorities', message: '"speed" is ranked more than once' },
      ]);
      expect(detailsWith({ priorities: ['speed', 'clarity', 'luck'] })).toEqual([
        { question: 'priorities', message: '"luck" is not one of the choices' },
      ]);
    });

    it('accepts a subset ranking only with selectToRankEnabled, up to maxSelectedChoices', () => {
      expect(detailsWith({ topPicks: ['r', 'p'] })).toEqual([]);
      expect(detailsWith({ topPicks: ['r', 'p', 'q'] })).toEqual([
        { question: 'topPicks', message: '["r","p","q"] has 3 ranked items, at most 2 allowed' },
      ]);
    });

    it('refuses ratings off the scale, off the step, or not among rateValues', () => {
      expect(detailsWith({ waiting: 6, score: 5, mood: 'great' })).toEqual([
        { question: 'waiting', message: '6 is outside the rating scale 1..5' },
        { question: 'score', message: '5 is not on the rating scale 0..10 (step 2)' },
        { question: 'mood', message: '"great" is not one of the rating values "bad", "ok", "good"' },
      ]);
    });

    it('refuses wrong JSON types', () => {
      expect(
        detailsWith({ counters: [2], wants: 'online', waiting: '4', contactOk: 'yes', age: '40', nickname: 7, free: ['x'] }),
      ).toEqual([
        { question: 'counters', message: 'expected one choice, got [2]' },
        { question: 'wants', message: 'expected an array of choices, got "online"' },
        { question: 'waiting', message: 'expected a number on the rating scale 1..5, got "4"' },
        { question: 'age', message: 'expected a number, got "40"' },
        { question: 'nickname', message: 'expected text, got 7' },
        { question: 'contactOk', message: 'expected true or false, got "yes"' },
        { question: 'free', message: 'expected text, got ["x"]' },
      ]);
    });

    it('refuses text and comments over their maxLength', () => {
      expect(detailsWith({ email: `${'a'.repeat(30)}@example.jp`, free: 'あ'.repeat(120) })).toEqual([
        { question: 'email', message: `"${'a'.repeat(30)}@example.jp" is 41 characters long, over the limit of 40` },
        // Long values are quoted only up to 100 characters.
        { question: 'free', message: `"${'あ'.repeat(99)}…" is 120 characters long, over the limit of 50` },
      ]);
    });

    it('refuses matrix rows and columns the definition does not have', () => {
      expect(detailsWith({ satisfaction: { guide: 6, parking: 1 }, used: { web: 'used', fax: ['used'] } })).toEqual([
        { question: 'satisfaction', message: 'row "guide": 6 is not one of the columns' },
        { question: 'satisfaction', message: '"parking" is not a row of this matrix' },
        { question: 'used', message: 'row "web": expected an array of columns, got "used"' },
        { question: 'used', message: '"fax" is not a row of this matrix' },
      ]);
      // More keys than rows is one problem, before the rows are read (issue 20: server/validation/check-size.ts).
      expect(detailsWith({ satisfaction: { wait: 3, guide: 6, parking: 1 } })).toEqual([
        { question: 'satisfaction', message: '3 keys, at most 2 allowed (one per row)' },
      ]);
    });

    it('refuses a matrix answer that is not an object', () => {
      expect(detailsWith({ satisfaction: [3, 5], byTask: 'online' })).toEqual([
        { question: 'satisfaction', message: 'expected an object with one answer per row, got [3,5]' },
        { question: 'byTask', message: 'expected an object with one object per row, got "online"' },
      ]);
    });

    it('refuses matrixdropdown rows, columns and cell values the definition does not have', () => {
      expect(detailsWith({ byTask: { move: { preferred: 'fax', note: 'あいうえおかきくけこさ', speed: 1 }, pension: {} } })).toEqual([
        { question: 'byTask', message: 'row "move", column "preferred": "fax" is not one of the choices' },
        { question: 'byTask', message: 'row "move", column "note": "あいうえおかきくけこさ" is 11 characters long, over the limit of 10' },
        { question: 'byTask', message: 'row "move": "speed" is not a column of this matrix' },
        { question: 'byTask', message: '"pension" is not a row of this matrix' },
      ]);
      expect(detailsWith({ byTask: { tax: 'online' } })).toEqual([
        { question: 'byTask', message: 'row "tax": expected an object keyed by column, got "online"' },
      ]);
    });

    it('refuses keys that are not questions of the survey', () => {
      expect(detailsWith({ ward: 'chuo', 'free-Comment': 'x' })).toEqual([
        { question: 'ward', message: '"ward" is not a question in this survey' },
        { question: 'free-Comment', message: '"free-Comment" is not a question in this survey' },
      ]);
    });

    it('refuses answers to questions hidden by their own, their panel\'s or their page\'s visibleIf', () => {
      expect(detailsWith({ purpose: 'family', online: false })).toEqual([
        { question: 'taxDetail', message: `"住民税の証明書" answers a question that is hidden for this response (its visibleIf "{purpose} = 'tax'" is false)` },
        { question: 'taxKind', message: `"resident" answers a question that is hidden for this response (its panel "taxPanel"'s visibleIf "{purpose} = 'tax'" is false)` },
        { question: 'onlineComment', message: `"便利" answers a question that is hidden for this response (its page "onlinePage"'s visibleIf "{online} = true" is false)` },
      ]);
    });
  });

  describe('response meta', () => {
    it('requires every declared meta variable', () => {
      expect(detailsWith({}, { meta: { locale: 'ja', kioskId: 'chuo-01' } })).toEqual([
        { question: 'meta.ward', message: 'meta.ward is required by this survey (it is analysed as "ward")' },
      ]);
    });

    it("refuses a meta value outside the variable's choices", () => {
      // The fixture's ward variable offers only chuo and kita.
      expect(detailsWith({}, { meta: { ward: 'teine', locale: 'ja' } })).toEqual([
        { question: 'meta.ward', message: '"teine" is not one of the choices for meta.ward' },
      ]);
    });
  });

  describe('untrusted keys', () => {
    it('reports "__proto__", "constructor" and "prototype" as unknown at the top, without touching any prototype', () => {
      const data = JSON.parse(
        '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "prototype": 1, "purpose": "family"}',
      ) as Record<string, unknown>;
      const details = validateResponse(definition, validSubmission('all-question-types', { data }));
      expect(details.slice(0, 3)).toEqual([
        { question: '__proto__', message: '"__proto__" is not a question in this survey' },
        { question: 'constructor', message: '"constructor" is not a question in this survey' },
        { question: 'prototype', message: '"prototype" is not a question in this survey' },
      ]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });

    it('reports them inside matrix and matrixdropdown rows too', () => {
      const changes = JSON.parse(
        '{"satisfaction": {"wait": 3, "__proto__": {"polluted": true}},' +
          ' "byTask": {"move": {"preferred": "online", "__proto__": {"polluted": true}}, "tax": {"preferred": "counter"}}}',
      ) as Record<string, unknown>;
      expect(detailsWith(changes)).toEqual([
        { question: 'satisfaction', message: '"__proto__" is not a row of this matrix' },
        { question: 'byTask', message: 'row "move": "__proto__" is not a column of this matrix' },
      ]);
      expect(Object.prototype).not.toHaveProperty('polluted');
    });
  });

  it('survives a hostile, deeply nested answer', () => {
    let nested: unknown = [];
    for (let depth = 0; depth < 100_000; depth++) nested = [nested];
    expect(detailsWith({ satisfaction: { wait: nested, guide: 4 } })).toEqual([
      // Quoted by its first 100 characters, read without recursing through the rest.
      { question: 'satisfaction', message: `row "wait": ${'['.repeat(100)}… is not one of the columns` },
    ]);
  });

  it('leaves the submitted data exactly as it came', () => {
    const submission = validSubmission('all-question-types', {
      data: { ...validResponseData('all-question-types'), purpose: 'other', 'purpose-Comment': ' 引っ越し ' },
    });
    const before = structuredClone(submission.data);
    validateResponse(definition, submission);
    expect(submission.data).toEqual(before);
  });

  it('gives a reused validator the same answers as fresh ones, in any order', () => {
    const cases = [
      {},
      validResponseData('all-question-types'),
      { ...validResponseData('all-question-types'), purpose: 'family' },
      { ...validResponseData('all-question-types'), online: false, waiting: 1 },
      { purpose: 'other', 'purpose-Comment': 'x', satisfaction: { wait: 1 } },
    ].map((data) => validSubmission('all-question-types', { data }));
    const fresh = cases.map((submission) => createResponseValidator(definition)(submission));
    const reused = createResponseValidator(definition);
    expect(cases.map(reused)).toEqual(fresh);
    expect([...cases].reverse().map(reused)).toEqual([...fresh].reverse());
  });
});

describe('definitions that strict validation cannot check faithfully', () => {
  const rejects = (elements: unknown[], extra: Record<string, unknown> = {}) => () =>
    createResponseValidator(definitionFromJson({ id: 'unsupported', version: 1, audience: 'citizen', elements, ...extra }, 'unsupported.json'));

  it('fail when the validator is built, naming the file, the question and the feature', () => {
    expect(rejects([{ type: 'file', name: 'upload', storeDataAsText: false }])).toThrow(
      'unsupported.json: question "upload": storeDataAsText: false (uploading files to another service through onUploadFiles) is not supported',
    );
    expect(rejects([{ type: 'checkbox', name: 'a', choices: ['x'] }, { type: 'ranking', name: 'b', choicesFromQuestion: 'a' }])).toThrow(
      'question "b": a ranking whose choices depend on the answers is not supported by strict validation yet',
    );
    // A value computed from the clock differs between the device that ran the form and the server (issue 22).
    expect(rejects([{ type: 'text', name: 'born', inputType: 'date' }, { type: 'expression', name: 'years', expression: 'age({born})' }])).toThrow(
      'question "years": function age() in "age({born})" depends on the clock of the device that ran the form',
    );
    expect(rejects([{ type: 'text', name: 'a' }], { calculatedValues: [{ name: 'c', expression: "propertyValue('a', 'title')" }] })).toThrow(
      'calculated value "c": function propertyValue() in',
    );
    // The respondent cannot change what survey-core sets on a read-only question, and the server does not recompute it yet.
    expect(rejects([{ type: 'text', name: 'a' }, { type: 'text', name: 'b', readOnly: true, defaultValueExpression: '{a}' }])).toThrow(
      'question "b": "defaultValueExpression" on a question the respondent cannot edit sets a value the server does not recompute yet',
    );
    expect(rejects([{ type: 'checkbox', name: 'a', choices: ['x'] }, { type: 'dropdown', name: 'b', choicesFromQuestion: 'zz' }])).toThrow(
      'question "b": choicesFromQuestion "zz" is not a question of this survey',
    );
    // Triggers other than complete, setvalue, copyvalue, runexpression and skip (build-triggers.ts).
    expect(rejects([{ type: 'text', name: 'a' }], { triggers: [{ type: 'visible', expression: '{a} = 1', questions: ['a'] }] })).toThrow(
      'unsupported.json: trigger 1: "triggers" of type "visible" are not supported by strict validation (supported: complete, setvalue, copyvalue, runexpression, skip); "visible" triggers are obsolete in survey-core, use visibleIf',
    );
    expect(rejects([{ type: 'text', name: 'a' }], { triggers: [{ type: 'setvalue', expression: '{a} = 1', setToName: 'v', setValue: 2, isVariable: true }] })).toThrow(
      'trigger 1: a setvalue trigger with "isVariable" sets a survey variable',
    );
    expect(rejects([{ type: 'text', name: 'a' }], { triggers: [{ type: 'runexpression', expression: '{a} = 1', setToName: 'b', runExpression: 'today()' }] })).toThrow(
      'trigger 1 (runexpression) runExpression: function today() in "today()" depends on the clock',
    );
    expect(rejects([{ type: 'text', name: 'a' }], { triggers: [{ type: 'complete', expression: "propertyValue('a', 'title') = 'x'" }] })).toThrow(
      'trigger 1 (complete) expression: function propertyValue() in',
    );
    expect(rejects([{ type: 'text', name: 'a', visibleIf: "propertyValue('b', 'title') = 'x'" }])).toThrow(
      'question "a" visibleIf: function propertyValue() in',
    );
  });
});
