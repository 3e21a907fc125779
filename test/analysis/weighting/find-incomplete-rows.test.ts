import { describe, expect, it } from 'vitest';
import { findIncompleteRows } from '../../../analysis/weighting/find-incomplete-rows.ts';

describe('findIncompleteRows', () => {
  it('lists each row lacking a margin variable, with the variables it lacks', () => {
    const margins = [
      { question: 'ward', value: 'chuo', population: 1 },
      { question: 'age', value: '30-39', population: 1 },
      { question: 'ward', value: 'kita', population: 1 },
    ];
    const rows = [{ ward: 'chuo', age: '30-39' }, { ward: 'kita' }, { ward: null, age: '' }, { ward: 'teine', age: '30-39' }];
    expect(findIncompleteRows(rows, margins)).toEqual([
      { row: 1, missing: ['age'] },
      { row: 2, missing: ['ward', 'age'] },
    ]);
  });
});
