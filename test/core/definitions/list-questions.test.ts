import { describe, expect, it } from 'vitest';
import { listQuestions } from '../../../core/definitions/list-questions.ts';
import { readShipped } from '../../analysis/definitions/shipped-definition-files.ts';

describe('listQuestions', () => {
  it('flattens pages, panels and dynamic panels, with SurveyJS defaults filled in', () => {
    const radio = { type: 'radiogroup', name: 'purpose', isRequired: true, showOtherItem: true, choices: ['tax', { value: 'family', text: { ja: '戸籍', en: 'Family register' } }], analysis: { role: 'segment' } };
    const rating = { type: 'rating', name: 'waiting' };
    const matrix = { type: 'matrix', name: 'sat', rows: [{ value: 'wait', text: 'Waiting' }], columns: [1, 2] };
    const dropdownMatrix = { type: 'matrixdropdown', name: 'byTask', rows: ['move'], choices: ['counter', 'online'], columns: [{ name: 'preferred' }, { name: 'note', cellType: 'comment', maxLength: 10 }] };
    const inner = { type: 'text', name: 'child', maxLength: 20 };
    const json = {
      pages: [
        { name: 'one', elements: [radio, { type: 'html', name: 'intro' }, { type: 'panel', name: 'box', elements: [rating] }] },
        { name: 'two', elements: [matrix, dropdownMatrix, { type: 'paneldynamic', name: 'kids', templateElements: [inner] }] },
      ],
    };
    expect(listQuestions(json)).toEqual([
      {
        name: 'purpose', type: 'radiogroup', path: 'pages[0].elements[0]', isRequired: true, json: radio,
        choices: [{ value: 'tax' }, { value: 'family', text: { ja: '戸籍', en: 'Family register' } }],
        specialChoiceValues: ['other'], analysis: { role: 'segment' },
      },
      { name: 'waiting', type: 'rating', path: 'pages[0].elements[2].elements[0]', isRequired: false, json: rating, rateMin: 1, rateMax: 5, rateStep: 1 },
      { name: 'sat', type: 'matrix', path: 'pages[1].elements[0]', isRequired: false, json: matrix, rows: [{ value: 'wait', text: 'Waiting' }], columns: [{ value: 1 }, { value: 2 }] },
      {
        name: 'byTask', type: 'matrixdropdown', path: 'pages[1].elements[1]', isRequired: false, json: dropdownMatrix, rows: [{ value: 'move' }],
        cellColumns: [
          { name: 'preferred', cellType: 'dropdown', isRequired: false, choices: [{ value: 'counter' }, { value: 'online' }] },
          { name: 'note', cellType: 'comment', isRequired: false, maxLength: 10, choices: [{ value: 'counter' }, { value: 'online' }] },
        ],
      },
      { name: 'kids', type: 'paneldynamic', path: 'pages[1].elements[2]', isRequired: false, json: { type: 'paneldynamic', name: 'kids', templateElements: [inner] } },
      { name: 'child', type: 'text', path: 'pages[1].elements[2].templateElements[0]', scope: 'kids', isRequired: false, json: inner, maxLength: 20 },
    ]);
  });

  it('lists the shipped exit survey, whose ward is meta, not a question', () => {
    const questions = listQuestions(readShipped('ward-office-exit'));
    expect(questions.map((q) => [q.name, q.type, q.analysis?.role])).toEqual([
      ['purpose', 'radiogroup', 'segment'],
      ['countersVisited', 'radiogroup', 'segment'],
      ['waitingTime', 'radiogroup', 'segment'],
      ['couldBeOnline', 'radiogroup', 'attitude'],
      ['counterReasons', 'checkbox', 'attitude'],
      ['awareOnline', 'radiogroup', 'segment'],
      ['awareNavigator', 'radiogroup', 'segment'],
      ['satisfaction', 'matrix', 'attitude'],
      ['improvements', 'checkbox', 'need'],
      ['ageBand', 'radiogroup', 'segment'],
      ['comment', 'comment', 'comment'],
    ]);
    const improvements = questions.find((q) => q.name === 'improvements')!;
    expect(improvements.maxSelectedChoices).toBe(3);
    expect(questions.find((q) => q.name === 'comment')!.maxLength).toBe(2000);
  });
});
