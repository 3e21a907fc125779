import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../analysis/report/build-report.ts';
import { defineSurvey, record } from './define-survey.ts';

const ward = {
  name: 'ward',
  from: 'ward',
  title: { ja: '区', en: 'Ward' },
  choices: [
    { value: 'chuo', text: { ja: '中央区', en: 'Chuo' } },
    { value: 'kita', text: { ja: '北区', en: 'Kita' } },
  ],
  analysis: { role: 'segment' },
};

describe('several versions', () => {
  it('analyses responses to every version together, matched by question name', () => {
    const v1 = defineSurvey({
      version: 1,
      minGroupSize: 1,
      elements: [{ type: 'checkbox', name: 'wants', choices: ['a', 'b'], analysis: { role: 'need' } }],
    });
    // v2 adds an option and a question.
    const v2 = defineSurvey({
      version: 2,
      minGroupSize: 1,
      elements: [
        { type: 'checkbox', name: 'wants', choices: ['a', 'b', 'c'], analysis: { role: 'need' } },
        { type: 'ranking', name: 'order', choices: ['x', 'y'], analysis: { role: 'need' } },
      ],
    });
    const records = [
      record({ wants: ['a'] }, { surveyVersion: 1 }),
      record({ wants: ['b'] }, { surveyVersion: 1 }),
      record({ wants: ['c', 'a'], order: ['y', 'x'] }, { surveyVersion: 2 }),
      record({ wants: ['a'], order: ['x', 'y'] }, { surveyVersion: 2 }),
    ];
    const report = buildReport({ definitions: [v2, v1], records });
    expect(report.survey.versions).toEqual([1, 2]);
    expect(report.responses).toBe(4);
    const [wants, order] = report.needs;
    expect(wants.answered).toBe(4);
    expect(wants.items.map((item) => [item.value, item.count, item.share])).toEqual([
      ['a', 3, 0.75],
      ['b', 1, 0.25],
      ['c', 1, 0.25],
    ]);
    // Only v2 asks the ranking: its 2 answerers are its base.
    expect(order.answered).toBe(2);
    expect(order.items.map((item) => [item.value, item.borda])).toEqual([
      ['x', 1.5],
      ['y', 1.5],
    ]);
  });

  it('refuses to merge a name whose kind of answer changed between versions', () => {
    const v1 = defineSurvey({ version: 1, elements: [{ type: 'radiogroup', name: 'wants', choices: ['a'] }] });
    const v2 = defineSurvey({ version: 2, elements: [{ type: 'checkbox', name: 'wants', choices: ['a'], analysis: { role: 'need' } }] });
    expect(() => buildReport({ definitions: [v1, v2], records: [] })).toThrow(
      'question "wants" is a checkbox (multiple answer) in version 2 but a radiogroup (single answer) in version 1',
    );
  });
});

describe('meta variables', () => {
  it('treats the kiosk ward exactly like an answered segment question', () => {
    const definition = defineSurvey({
      minGroupSize: 1,
      metaVariables: [ward],
      elements: [{ type: 'radiogroup', name: 'likes', choices: ['yes', 'no'], analysis: { role: 'attitude' } }],
    });
    const records = [
      record({ likes: 'yes' }, { meta: { ward: 'chuo', locale: 'ja' } }),
      record({ likes: 'yes' }, { meta: { ward: 'chuo', locale: 'ja' } }),
      record({ likes: 'no' }, { meta: { ward: 'kita', locale: 'ja' } }),
      record({ likes: 'no' }, { meta: { locale: 'ja' } }),
    ];
    const { gaps } = buildReport({ definitions: [definition], records, options: { by: 'ward' } });
    expect(gaps.groups).toEqual([
      { value: 'chuo', label: '中央区', n: 2 },
      { value: 'kita', label: '北区', n: 1 },
    ]);
    expect(gaps.items[0].groups.map((group) => group.distribution?.map((cell) => cell.count))).toEqual([
      [2, 0],
      [0, 1],
    ]);
  });
});

describe('bad records', () => {
  const definition = defineSurvey({ elements: [{ type: 'checkbox', name: 'wants', choices: ['a', 'b'], analysis: { role: 'need' } }] });
  const cases: Array<[string, unknown, string]> = [
    ['another survey', record({}, { surveyId: 'other' }), 'record 2: a record of survey "other", not "test-survey"'],
    ['an unknown version', record({}, { surveyVersion: 7 }), 'record 2: surveyVersion 7 has no definition (known versions: 1)'],
    ['not an object', [1, 2], 'record 2: not a JSON object: [1,2]'],
    ['a value the definitions lack', record({ wants: ['zz'] }), 'record 2: answer to "wants" is "zz", which the definitions do not offer (["a","b"])'],
    ['a wrong type', record({ wants: 'a' }), 'record 2: answer to "wants" must be an array, got "a"'],
  ];
  it.each(cases)('names the record and the problem: %s', (_, bad, message) => {
    expect(() => buildReport({ definitions: [definition], records: [record({ wants: ['a'] }), bad] })).toThrow(message);
  });
});
