/**
 * The kiosk's page rule (client/survey/split-long-pages.ts, issue 29): pages
 * heavier than 16 portrait answer rows are split between questions, never
 * inside one; questions keep their order and conditions, so a survey answered
 * on split pages has the same questions as the definition.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { answerRows, KIOSK_PAGE_ROWS, splitLongPages } from '../../client/survey/split-long-pages.ts';
import type { SurveyDefinitionJson } from '../../client/survey/fetch-survey-definition.ts';

const DEFINITIONS = join(import.meta.dirname, '../../survey-definitions');
const shipped = (id: string) => JSON.parse(readFileSync(join(DEFINITIONS, id, 'v1.json'), 'utf8')) as SurveyDefinitionJson;
type Page = { name: string; visibleIf?: string; elements: Array<{ name: string; type: string }> };

describe('splitLongPages', () => {
  it('splits the exit survey’s long pages between questions: the 4,842 px page 3 becomes three', () => {
    const split = splitLongPages(shipped('ward-office-exit'));
    const pages = split.pages as Page[];
    expect(pages.map((page) => [page.name, page.elements.map((element) => element.name)])).toEqual([
      // 7 + 5 + 6 rows: 7 | 11 is more even than 12 | 6.
      ['visit', ['purpose']],
      ['visit-2', ['countersVisited', 'waitingTime']],
      // 5 + 7 + 4 + 4 (counterReasons counts, though it shows only after some answers): 12 | 8.
      ['online', ['couldBeOnline', 'counterReasons']],
      ['online-2', ['awareOnline', 'awareNavigator']],
      // 11 + 13 + 8 + 3: no two neighbours fit together except the last two.
      ['evaluation', ['satisfaction']],
      ['evaluation-2', ['improvements']],
      ['evaluation-3', ['ageBand', 'comment']],
    ]);
  });

  it('every page of every shipped survey weighs at most the limit, unless it is one question; order and names are kept', () => {
    for (const id of ['ward-office-exit', 'citizen-needs', 'staff-workstyle']) {
      const definition = shipped(id);
      const pages = splitLongPages(definition).pages as Page[];
      for (const page of pages) {
        const rows = page.elements.reduce((sum, element) => sum + answerRows(element), 0);
        if (page.elements.length > 1) expect(rows, `${id} ${page.name}`).toBeLessThanOrEqual(KIOSK_PAGE_ROWS);
      }
      expect(new Set(pages.map((page) => page.name)).size, 'page names are unique').toBe(pages.length);
      const names = (json: SurveyDefinitionJson) => new Model(json).getAllQuestions().map((question) => question.name);
      expect(names(splitLongPages(definition))).toEqual(names(definition));
    }
  });

  it('a part keeps its page’s condition, and a page within the limit is left as it is (the same object)', () => {
    const question = (name: string) => ({ type: 'radiogroup', name, choices: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] });
    const short = { name: 'short', elements: [question('q0')] };
    const long = { name: 'long', visibleIf: '{q0} = "a"', elements: [question('q1'), question('q2')] };
    const split = splitLongPages({ id: 'x', version: 1, pages: [short, long] });
    expect(split.pages).toEqual([
      short,
      { name: 'long', visibleIf: '{q0} = "a"', elements: [question('q1')] },
      { name: 'long-2', visibleIf: '{q0} = "a"', elements: [question('q2')] },
    ]);
    expect((split.pages as unknown[])[0]).toBe(short);
  });

  it('a part’s name never collides with a page the definition already has', () => {
    const question = (name: string) => ({ type: 'comment', name });
    const pages = [
      { name: 'a', elements: [question('q1'), question('q2'), question('q3'), question('q4'), question('q5'), question('q6')] },
      { name: 'a-2', elements: [question('q7')] },
    ];
    const names = (splitLongPages({ id: 'x', version: 1, pages }).pages as Page[]).map((page) => page.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('a-2');
  });
});
