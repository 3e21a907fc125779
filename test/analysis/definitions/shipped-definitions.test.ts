/**
 * What the other parts rely on in the shipped definitions: they load in
 * survey-core, switch between Japanese and English, use the contract's ward
 * codes, and each has a condition for the validator to exercise.
 */
import { Model } from 'survey-core';
import 'survey-core/i18n/japanese';
import { describe, expect, it } from 'vitest';
import { WARD_CODES } from '../../../contracts/wards.ts';
import { listQuestions } from '../../../core/definitions/list-questions.ts';
import { readShipped, SHIPPED_SURVEY_IDS } from './shipped-definition-files.ts';

describe.each(SHIPPED_SURVEY_IDS)('%s', (id) => {
  it('shows Japanese by default and English after model.locale = "en", for every question title and choice', () => {
    const model = new Model(readShipped(id));
    const texts = () => [
      model.title,
      ...model.getAllQuestions().flatMap((q) => [q.title, ...((q as unknown as { choices?: Array<{ text: string }> }).choices ?? []).map((c) => c.text)]),
    ];
    expect(model.locale).toBe('ja');
    const japanese = texts();
    expect(model.completeText).toBe('完了');
    model.locale = 'en';
    const english = texts();
    expect(model.completeText).toBe('Complete');
    expect(japanese.every((text) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(text))).toBe(true);
    expect(english.filter((text) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(text))).toEqual([]);
  });

  it('has a visibleIf, a required question and length-limited comments', () => {
    const questions = listQuestions(readShipped(id));
    expect(questions.some((q) => q.visibleIf)).toBe(true);
    expect(questions.some((q) => q.isRequired)).toBe(true);
    for (const question of questions.filter((q) => q.type === 'comment' || q.type === 'text')) {
      expect([question.name, question.maxLength]).toEqual([question.name, 2000]);
      expect([question.name, question.isRequired]).toEqual([question.name, false]);
    }
  });
});

describe('ward codes', () => {
  it('are exactly the contract codes, in the exit survey meta and the citizen ward question', () => {
    const exitWard = readShipped('ward-office-exit').metaVariables[0];
    const citizenWard = listQuestions(readShipped('citizen-needs')).find((q) => q.name === 'ward')!;
    expect(exitWard.choices.map((c: { value: string }) => c.value)).toEqual(WARD_CODES);
    expect(citizenWard.choices!.map((c) => c.value)).toEqual(WARD_CODES);
    expect(citizenWard.analysis).toEqual({ role: 'segment' });
  });

  it('are never asked in the exit survey', () => {
    const names = listQuestions(readShipped('ward-office-exit')).map((q) => q.name);
    expect(names).not.toContain('ward');
  });
});
