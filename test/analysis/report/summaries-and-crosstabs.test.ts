/**
 * The report's backbone (issue 11): a summary of every question and a cross-tab of every
 * question by every breakdown, for each shipped survey and for a survey without annotations.
 * The statistics themselves are checked against R and scipy in test/analysis/crosstabs and
 * test/analysis/summaries; here every count is recounted from the records themselves.
 */
import { describe, expect, it } from 'vitest';
import type { AnswerValue, Crosstab, Report } from '../../../contracts/report.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { listQuestions } from '../../../core/definitions/list-questions.ts';
import type { SurveyDefinition } from '../../../core/definitions/survey-definition.ts';
import { buildReport } from '../../../analysis/report/build-report.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { chiSquareTest } from '../../../analysis/stats/chi-square-test.ts';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { readShipped, SHIPPED_SURVEY_IDS, shippedSource } from '../definitions/shipped-definition-files.ts';
import { defineSurvey, record } from './define-survey.ts';
import { expectClose } from '../../helpers/expect-close.ts';

/** A question's answer, or a meta variable's value (e.g. the kiosk's ward), as stored. */
function valueOf(r: ResponseRecord, name: string, definition: SurveyDefinition): unknown {
  const meta = definition.metaVariables.find((m) => m.name === name);
  return meta ? (r.meta as Record<string, unknown>)[meta.from] : r.data[name];
}

function answerOf(r: ResponseRecord, crosstab: Pick<Crosstab, 'question' | 'row'>, definition: SurveyDefinition): unknown {
  const value = valueOf(r, crosstab.question, definition);
  return crosstab.row === undefined ? value : (value as Record<string, unknown> | undefined)?.[crosstab.row];
}

/**
 * Recounts a single-answer cross-tab from the records and checks counts, n and the χ²: a shown
 * number is the recount, a hidden one is not empty, the 「その他（少数）」 row adds up its members,
 * the 全体 row adds up the rows, and no shown number is under the minimum (issue 26).
 */
function expectRecounted(crosstab: Crosstab, records: ResponseRecord[], definition: SurveyDefinition, k: number): void {
  const recount = (group: AnswerValue) =>
    crosstab.values.map(
      (value) => records.filter((r) => valueOf(r, crosstab.by, definition) === group && answerOf(r, crosstab, definition) === value.value).length,
    );
  const merged = crosstab.groups.find((group) => group.members);
  const table = crosstab.groups.map((group) =>
    group.members
      ? group.members.map(recount).reduce((a, b) => a.map((v, c) => v + b[c]))
      : recount(group.value),
  );
  crosstab.groups.forEach((group, g) => {
    const where = `${crosstab.question} by ${crosstab.by}, ${String(group.value)}`;
    const n = table[g].reduce((a, b) => a + b, 0);
    if (merged?.members!.includes(group.value)) {
      expect(group.n, where).toBeNull();
      expect(group.cells.every((cell) => cell.count === null), where).toBe(true);
      return;
    }
    group.cells.forEach((cell, c) => {
      if (cell.count === null) expect(table[g][c], `${where}, hidden ${String(cell.value)}`).toBeGreaterThan(0);
      else expect(cell.count, `${where}, ${String(cell.value)}`).toBe(table[g][c]);
      if (cell.count !== null) expect(cell.count === 0 || cell.count >= k, `${where}: ${cell.count} shown`).toBe(true);
    });
    if (group.n !== null) expect(group.n).toBe(n);
  });
  const totals = crosstab.values.map((_, c) => table.reduce((sum, row) => sum + row[c], 0));
  crosstab.total.cells.forEach((cell, c) => cell.count !== null && expect(cell.count).toBe(totals[c]));
  if (crosstab.test && crosstab.groups.every((group) => group.suppressed === undefined)) {
    const kept = table.filter((row) => row.some((cell) => cell > 0));
    expectClose(crosstab.test.statistic, chiSquareTest(kept).statistic, 1e-9, `${crosstab.question} by ${crosstab.by}`);
  }
}

describe('summaries and cross-tabs of the shipped surveys', () => {
  for (const id of SHIPPED_SURVEY_IDS) {
    it(id, () => {
      const definition = loadDefinition(readShipped(id), shippedSource(id));
      const records = [...synthesizeResponses(definition, { count: 600, seed: 11 })];
      const report = buildReport({ definitions: [definition], records });
      const names = listQuestions(definition.json)
        .filter((q) => q.scope === undefined && !['html', 'image', 'expression'].includes(q.type))
        .map((q) => q.name);
      // Then what every record carries (issue 25): the tablet's ward unless a meta variable reads it, and the
      // channel, named apart from a question of the same name; each only where two of its groups reach the minimum.
      const declaresWard = definition.metaVariables.some((m) => m.from === 'ward');
      const comparable = (groupOf: (r: (typeof records)[number]) => unknown) => {
        const counts = new Map<unknown, number>();
        for (const r of records) if (groupOf(r) !== undefined) counts.set(groupOf(r), (counts.get(groupOf(r)) ?? 0) + 1);
        return [...counts.values()].filter((n) => n >= report.minGroupSize).length >= 2;
      };
      const candidates: Array<[string, (r: (typeof records)[number]) => unknown]> = [
        ...(declaresWard ? [] : [['ward', (r: (typeof records)[number]) => (r.meta as Record<string, unknown>).ward] as [string, (r: (typeof records)[number]) => unknown]]),
        ['channel', (r) => r.channel],
      ];
      const responseMeta = candidates.filter(([, groupOf]) => comparable(groupOf)).map(([name]) => (names.includes(name) ? `meta.${name}` : name));
      expect(report.summaries!.map((s) => s.question)).toEqual([...names, ...definition.metaVariables.map((m) => m.name), ...responseMeta]);
      for (const summary of report.summaries!) {
        expect(summary.answered === null || summary.answered + summary.noAnswer === records.length, summary.question).toBe(true);
        // Every respondent who answered is in some answer, unless an answer is hidden (too few gave it).
        if (summary.items && !summary.items.some((item) => item.suppressed)) {
          expect(summary.items.reduce((sum, item) => sum + item.count!, 0)).toBeGreaterThanOrEqual(summary.answered ?? 0);
        }
      }
      // Every single- or multiple-answer question (and matrix row) by every breakdown but itself.
      const breakdowns = report.breakdowns!.map((b) => b.by);
      expect(breakdowns.length).toBeGreaterThan(0);
      for (const by of breakdowns) {
        const tabulated = new Set(report.crosstabs!.filter((c) => c.by === by).map((c) => c.question));
        for (const summary of report.summaries!) {
          if (summary.question === by || !(summary.items || summary.rows) || summary.type === 'ranking') continue;
          expect(tabulated.has(summary.question), `${summary.question} by ${by}`).toBe(true);
        }
      }
      for (const crosstab of report.crosstabs!.filter((c) => c.kind === 'single').slice(0, 12)) expectRecounted(crosstab, records, definition, report.minGroupSize);
      // Holm over every test of the report: adjusted ≥ raw, and at most 1.
      const tests = report.crosstabs!.flatMap((c) => [c.test, ...(c.optionTests ?? [])]).filter((t) => t !== null && t !== undefined);
      for (const test of tests) expect(test!.pAdjusted >= test!.p && test!.pAdjusted <= 1).toBe(true);
    });
  }
});

describe('a survey without annotations', () => {
  const definition = defineSurvey({
    elements: [
      { type: 'radiogroup', name: 'visit', title: { ja: '来庁回数', en: 'Visits' }, choices: ['first', 'again'] },
      { type: 'checkbox', name: 'wants', title: { ja: '希望', en: 'Wishes' }, choices: ['online', 'booking', 'parking'] },
      { type: 'rating', name: 'score', title: { ja: '満足度', en: 'Satisfaction' } },
      { type: 'boolean', name: 'again', title: { ja: 'また来たいか', en: 'Come again' } },
      { type: 'comment', name: 'note', title: { ja: 'ご意見', en: 'Comments' } },
    ],
  });
  const records = Array.from({ length: 60 }, (_, i) =>
    record({
      visit: i % 3 === 0 ? 'first' : 'again',
      wants: ['online', ...(i % 2 ? ['booking'] : [])],
      score: 1 + (i % 5),
      again: i % 4 !== 0,
      ...(i % 6 === 0 ? { note: '駐車場が狭い' } : {}),
    }),
  );

  it('summarises every question, and says which it could not', () => {
    const report: Report = buildReport({ definitions: [definition], records, options: { language: 'en' } });
    const byName = new Map(report.summaries!.map((s) => [s.question, s]));
    // Every response came online: no channel or tablet ward to compare (keep-present-breakdowns.test.ts has both).
    expect([...byName.keys()]).toEqual(['visit', 'wants', 'score', 'again', 'note']);
    expect(byName.get('visit')!.items!.map((i) => [i.value, i.count])).toEqual([['first', 20], ['again', 40]]);
    expect(byName.get('wants')!.items!.map((i) => i.share)).toEqual([1, 0.5, 0]);
    expect(byName.get('score')).toMatchObject({ ordered: true, mean: 3, topTwo: 0.4, label: 'Satisfaction' });
    expect(byName.get('again')!.items!.map((i) => [i.value, i.count])).toEqual([[true, 45], [false, 15]]);
    expect(byName.get('note')).toMatchObject({ answered: 10, noAnswer: 50, notSummarised: expect.stringContaining('free text') });
    // No role says what to break down by: the single-choice questions that are not scales are chosen.
    expect(report.breakdowns!.map((b) => [b.by, b.source])).toEqual([['visit', 'auto'], ['again', 'auto']]);
    // Every question with a table by every breakdown but itself.
    const tabulated = ['visit', 'wants', 'score', 'again'];
    expect(report.crosstabs!.map((c) => `${c.question} by ${c.by}`)).toEqual(
      ['visit', 'again'].flatMap((by) => tabulated.filter((question) => question !== by).map((question) => `${question} by ${by}`)),
    );
  });

  it('chooses at most 8 breakdowns, of 2 to 12 options, never a scale, and none when --crosstab-by names some', () => {
    const many = defineSurvey({
      elements: [
        { type: 'rating', name: 'sat', title: '満足度' },
        { type: 'dropdown', name: 'big', title: '13択', choices: Array.from({ length: 13 }, (_, i) => `c${i}`) },
        ...Array.from({ length: 10 }, (_, i) => ({ type: 'radiogroup', name: `q${i}`, title: `設問${i}`, choices: ['a', 'b', 'c'] })),
      ],
    });
    const rows = Array.from({ length: 20 }, (_, i) => record({ sat: (i % 5) + 1, big: `c${i % 13}`, ...Object.fromEntries(Array.from({ length: 10 }, (_, q) => [`q${q}`, 'abc'[(i + q) % 3]])) }));
    const auto = buildReport({ definitions: [many], records: rows });
    expect(auto.breakdowns!.map((b) => b.by)).toEqual(['q0', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7']);
    const named = buildReport({ definitions: [many], records: rows, options: { crosstabBy: ['q9'] } });
    expect(named.breakdowns!.map((b) => [b.by, b.source])).toEqual([['q9', 'option']]);
  });

  it('says why a question has no table in the report\'s language', () => {
    const ja = buildReport({ definitions: [definition], records, options: { language: 'ja' } });
    const note = ja.summaries!.find((s) => s.question === 'note')!;
    expect(note.notSummarised).toMatch(/自由記述/);
    expect(note.notSummarised).not.toMatch(/[A-Za-z]/);
  });

  it('cross-tabulates by a question named with crosstabBy, and refuses an unknown one', () => {
    const report = buildReport({ definitions: [definition], records, options: { crosstabBy: ['visit'] } });
    expect(report.breakdowns!.map((b) => [b.by, b.source])).toEqual([['visit', 'option']]);
    expect(report.crosstabs!.filter((c) => c.by === 'visit').map((c) => c.question)).toEqual(['wants', 'score', 'again']);
    const wants = report.crosstabs!.find((c) => c.question === 'wants' && c.by === 'visit')!;
    expect(wants.kind).toBe('multiple');
    expect(wants.groups.map((g) => g.cells!.map((cell) => cell.count))).toEqual([[20, 10, 0], [40, 20, 0]]);
    expect(() => buildReport({ definitions: [definition], records, options: { crosstabBy: ['nope'] } })).toThrow(/--crosstab-by "nope": no single-answer question/);
  });

  it('hides an answer fewer than the minimum gave, and the next-smallest with it for a single choice', () => {
    const few = records.map((r, i) => (i < 2 ? { ...r, data: { ...r.data, visit: 'first', wants: ['parking'] } } : { ...r, data: { ...r.data, visit: 'again' } }));
    const report = buildReport({ definitions: [definition], records: few });
    const visit = report.summaries!.find((s) => s.question === 'visit')!;
    // 2 chose "first": hidden; "again" is then the only other answer and would give it away.
    expect(visit.items!.map((i) => [i.value, i.count, i.suppressed])).toEqual([['first', null, 'small'], ['again', null, 'complementary']]);
    const wants = report.summaries!.find((s) => s.question === 'wants')!;
    // A checkbox's options do not add up: only the small one is hidden.
    expect(wants.items!.map((i) => [i.value, i.count])).toEqual([['online', 58], ['booking', 29], ['parking', null]]);
    expect(report.suppressed.filter((s) => s.where.startsWith('summaries.')).map((s) => [s.where, s.rule])).toEqual([
      ['summaries.visit=first', 'small'],
      ['summaries.visit=again', 'complementary'],
      ['summaries.wants=parking', 'small'],
    ]);
  });

  it('hides a summary fewer than the minimum answered', () => {
    const few = records.slice(0, 3);
    const report = buildReport({ definitions: [definition], records: few });
    expect(report.summaries!.find((s) => s.question === 'visit')).toMatchObject({ answered: null, suppressed: true });
    expect(report.suppressed.some((s) => s.where === 'summaries.visit')).toBe(true);
  });
});
