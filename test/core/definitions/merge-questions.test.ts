/**
 * mergeQuestions with a name two questions of one version share (issue 21): survey-core stores
 * one value for both, so analysis sees one question, the first, counted once; a second question
 * whose answer has another shape is explained, not merged.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mergeQuestions } from '../../../core/definitions/merge-questions.ts';
import type { DefinitionVersion } from '../../../core/definitions/survey-definition.ts';

function version(version: number, elements: Array<Record<string, unknown>>): DefinitionVersion {
  return { version, json: { id: 's', version, pages: [{ name: 'p', elements }] } as DefinitionVersion['json'], metaVariables: [] };
}

const FIRST = { type: 'radiogroup', name: 'ward', title: 'Ward', choices: ['kita', 'chuo'] };
const AGAIN = { type: 'dropdown', name: 'ward', title: 'Ward, again', choices: ['kita', 'chuo', 'minami'] };

describe('mergeQuestions with one name twice in a version', () => {
  it('keeps the first question, counted once per version', () => {
    const merged = mergeQuestions([version(1, [FIRST, AGAIN]), version(2, [FIRST, AGAIN])]);
    const ward = merged.get('ward')!;
    expect([ward.type, ward.title, ward.versions, ward.values.map((item) => item.value)]).toEqual(['radiogroup', 'Ward', [1, 2], ['kita', 'chuo']]);
  });

  it('explains a second question whose answer has another shape', () => {
    const checkbox = { type: 'checkbox', name: 'ward', choices: ['kita'] };
    expect(() => mergeQuestions([version(3, [FIRST, checkbox])])).toThrow(
      'question "ward" is asked twice in version 3, as a radiogroup (single answer) and as a checkbox (multiple answer); the two share one value, so they must keep one kind of answer',
    );
  });
});

describe('mergeQuestions with a matrixdropdown', () => {
  const corpus = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/surveyjs-corpus/${name}`, import.meta.url), 'utf8')).pages[0].elements;

  it('describes each column as a question of its cell type, as survey-core builds the cells', () => {
    const facilities = mergeQuestions([version(1, corpus('matrixdropdown-every-celltype.json'))]).get('facilities')!;
    expect(facilities.shape).toBe('matrixdropdown');
    expect(facilities.rows.map((row) => row.value)).toEqual(['library', 'pool', 'center']);
    expect(facilities.cells!.map((cell) => [cell.name, cell.cellType, cell.shape, cell.values.map((item) => item.value)])).toEqual([
      ['freq', 'dropdown', 'single', ['週1以上', '月1以上', '年数回', '利用しない']],
      ['access', 'radiogroup', 'single', ['徒歩', '自転車', '車', 'バス・地下鉄']],
      ['purpose', 'checkbox', 'multiple', ['学習', '運動', '交流', 'イベント']],
      ['tags', 'tagbox', 'multiple', ['清潔', '混雑', '便利', '古い']],
      ['again', 'boolean', 'single', [true, false]],
      ['score', 'rating', 'single', [1, 2, 3, 4, 5]],
      ['minutes', 'text', 'numeric', []],
      ['remark', 'comment', 'text', []],
    ]);
  });

  it('gives columns without a cell type the matrix\'s, and without choices (or with none listed) the matrix\'s choices', () => {
    const elements = corpus('matrixdropdown-default-celltype.json');
    elements[0].columns.push({ name: 'evening', choices: [] }, { name: 'stars', cellType: 'rating', rateValues: ['low', 'high'] }, { name: 'sum', cellType: 'expression', expression: '1' });
    const waits = mergeQuestions([version(1, elements)]).get('waits')!;
    expect(waits.cells!.map((cell) => [cell.name, cell.cellType, cell.shape, cell.values.map((item) => item.value)])).toEqual([
      ['morning', 'dropdown', 'single', [1, 2, 3]],
      ['afternoon', 'dropdown', 'single', [1, 2, 3]],
      ['evening', 'dropdown', 'single', [1, 2, 3]],
      ['stars', 'rating', 'single', ['low', 'high']],
      ['sum', 'expression', 'other', []],
    ]);
  });

  it('merges the columns of several versions by name, and refuses a column whose kind of answer changes', () => {
    const grid = (columns: unknown[]) => ({ type: 'matrixdropdown', name: 'grid', rows: ['a'], columns });
    const merged = mergeQuestions([
      version(1, [grid([{ name: 'c', cellType: 'dropdown', choices: ['x', 'old'] }, { name: 'gone', cellType: 'comment' }])]),
      version(2, [grid([{ name: 'c', cellType: 'radiogroup', choices: ['x', 'y'] }])]),
    ]).get('grid')!;
    expect(merged.cells!.map((cell) => [cell.name, cell.cellType, cell.values.map((item) => item.value)])).toEqual([
      ['c', 'radiogroup', ['x', 'y', 'old']],
      ['gone', 'comment', []],
    ]);
    expect(() =>
      mergeQuestions([version(1, [grid([{ name: 'c', cellType: 'dropdown', choices: ['x'] }])]), version(2, [grid([{ name: 'c', cellType: 'checkbox', choices: ['x'] }])])]),
    ).toThrow('column "c" of matrix "grid" is a checkbox cell (multiple answer) in version 2 but a dropdown cell (single answer) in version 1; versions can only be analysed together when a column keeps its kind of answer');
  });

  it('refuses a matrix that turns into a checkbox matrix between versions', () => {
    const matrix = (cellType?: string) => ({ type: 'matrix', name: 'm', rows: ['a'], columns: ['x', 'y'], ...(cellType ? { cellType } : {}) });
    expect(mergeQuestions([version(1, [matrix('checkbox')])]).get('m')!.multipleCells).toBe(true);
    expect(() => mergeQuestions([version(1, [matrix()]), version(2, [matrix('checkbox')])])).toThrow(
      'question "m" is a matrix (checkbox matrix answer) in version 2 but a matrix (matrix answer) in version 1',
    );
  });
});
