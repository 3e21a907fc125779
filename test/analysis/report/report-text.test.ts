/**
 * The report's `text` section (issue 27, 自由記述) from buildReport with a real kuromoji analyser: present only when
 * asked, one per comment question, grouped by the report's first breakdown, masked, with the small-group rule and
 * one Holm family over every code test of the report.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, planFor } from '../../../analysis/report/build-report.ts';
import { appendRecord } from '../../../analysis/table/append-record.ts';
import { createResponseTable } from '../../../analysis/table/create-response-table.ts';
import { composeComment } from '../../../analysis/text/compose-comment.ts';
import { loadTokenizer, type MorphologicalAnalyzer } from '../../../analysis/text/load-tokenizer.ts';
import { parseCodingRules } from '../../../analysis/text/parse-coding-rules.ts';
import type { ExtractedWord } from '../../../analysis/text/extract-words.ts';
import { holmAdjust } from '../../../analysis/stats/holm-adjust.ts';
import { createSeededRandom } from '../../../analysis/stats/seeded-random.ts';
import { readKuromojiDictionary } from '../../../server/text/read-kuromoji-dictionary.ts';
import { defineSurvey, record } from './define-survey.ts';

let analyzer: MorphologicalAnalyzer;
beforeAll(async () => {
  analyzer = await loadTokenizer(readKuromojiDictionary);
}, 60_000);

const AGES = ['20s', '40s', '60s', '80s'];
const definition = defineSurvey({
  minGroupSize: 5,
  elements: [
    { type: 'radiogroup', name: 'place', title: '場所', choices: ['north', 'south'], analysis: { role: 'segment' } },
    { type: 'radiogroup', name: 'age', title: '年代', choices: AGES.map((value, i) => ({ value, text: ['20代', '40代', '60代', '80代'][i] })), analysis: { role: 'segment' } },
    { type: 'comment', name: 'opinion', title: 'ご意見', analysis: { role: 'comment' } },
    { type: 'comment', name: 'request', title: 'ご要望', analysis: { role: 'comment' } },
    { type: 'comment', name: 'rare', title: 'めったに書かれない', analysis: { role: 'comment' } },
  ],
});
const RULES = parseCodingRules(['*待ち時間', '待ち時間 | 待つ | 混雑', '*紙・書類', '書類 | 押印 | 紙', '*駐車場', '駐車場', '*オンライン', 'オンライン | web | 電子申請 | スマホ'].join('\n'));

function records(count: number) {
  const random = createSeededRandom(27);
  return Array.from({ length: count }, (_, i) => {
    const group = i % AGES.length;
    const attributes = { age: group / (AGES.length - 1) };
    return record({
      place: i % 3 ? 'north' : 'south',
      age: AGES[group],
      opinion: composeComment(random, attributes, { personalDataRate: 0.2 }).text,
      request: composeComment(random, attributes).text,
      ...(i < 3 ? { rare: '駐車場が狭い' } : {}),
    });
  });
}
const RECORDS = records(800);

describe('buildReport: the text section', () => {
  it('has no text key without text options', () => {
    expect('text' in buildReport({ definitions: [definition], records: RECORDS.slice(0, 50) })).toBe(false);
  });

  it('analyses every comment question by each breakdown, masked, with marks and one Holm family', () => {
    const report = buildReport({ definitions: [definition], records: RECORDS, options: { text: { analyzer, codingRules: RULES } } });
    const text = report.text!;
    expect(text.map((section) => section.question)).toEqual(['opinion', 'request', 'rare']);
    const opinion = text[0];
    // byGroup and codeCrosstabs are by the first breakdown; `breakdowns` has each, the age band second.
    expect(opinion).toMatchObject({ label: 'ご意見', by: 'place', byLabel: '場所', comments: { n: 800 }, hidden: false });
    expect(opinion.breakdowns!.map((b) => b.by)).toEqual(['place', 'age']);
    expect(opinion.breakdowns![0]).toEqual({ by: 'place', byLabel: '場所', byGroup: opinion.byGroup, codeCrosstabs: opinion.codeCrosstabs });
    const byAge = opinion.breakdowns![1];
    const words = opinion.words.map((w) => w.word);
    for (const word of ['駐車場', '書類', '待ち時間']) expect(words).toContain(word);
    // Masked before anything reads it: 20 % carry personal data, and no digit run or placeholder becomes a word.
    expect(words.some((word) => /[0-9０-９@]|電話番号|メール/.test(word))).toBe(false);
    expect(byAge.byGroup.groups.map((g) => g.label)).toEqual(['20代', '40代', '60代', '80代']);
    // The same words by each breakdown, counted within its groups.
    expect(byAge.byGroup.rows.map((row) => row.word)).toEqual(words);
    const parking = byAge.byGroup.rows.find((row) => row.word === '駐車場')!;
    expect(parking.cells.reduce((sum, cell) => sum + cell.count!, 0)).toBe(opinion.words.find((w) => w.word === '駐車場')!.count);
    expect(opinion.codes.map((code) => code.code)).toEqual(['待ち時間', '紙・書類', '駐車場', 'オンライン']);
    // Topics lean on age (compose-comment.ts), so the codes by age band carry marks.
    const marks = byAge.codeCrosstabs!.groups.flatMap((group) => group.cells.map((cell) => cell.mark));
    expect(marks.some((mark) => mark !== '')).toBe(true);
    // Holm over the report's family: every code test of both analysed questions by both breakdowns together.
    const tests = text.flatMap((section) => (section.breakdowns ?? []).flatMap((b) => b.codeCrosstabs?.tests ?? [])).filter((test) => test !== null);
    expect(tests.length).toBeGreaterThan(4);
    expect(tests.map((test) => test.pAdjusted)).toEqual(holmAdjust(tests.map((test) => test.p)));
    // …which is not what each question's own family would give (so the re-adjustment is seen).
    const perQuestion = text.flatMap((section) => (section.breakdowns ?? []).flatMap((b) => holmAdjust((b.codeCrosstabs?.tests ?? []).filter((test) => test !== null).map((test) => test.p))));
    expect(perQuestion).not.toEqual(tests.map((test) => test.pAdjusted));
    // The question three wrote: only the number, hidden, and listed as suppressed.
    expect(text[2]).toMatchObject({ comments: { n: 3 }, hidden: true, words: [], codeCrosstabs: null });
    expect(report.suppressed.some((entry) => entry.where === 'text.rare' && entry.rule === 'small')).toBe(true);
  }, 60_000);

  it('reuses a token cache keyed by the masked text: the same section, without tokenizing again', () => {
    const cache = new Map<string, ExtractedWord[]>();
    const input = { definitions: [definition], records: RECORDS.slice(0, 200) };
    const fresh = buildReport({ ...input, options: { text: { analyzer, codingRules: RULES } } });
    const cached = buildReport({ ...input, options: { text: { analyzer, codingRules: RULES, tokenCache: cache } } });
    expect(cached.text).toEqual(fresh.text);
    expect(cache.size).toBeGreaterThan(100);
    // A second report takes every text's words from the cache: an analyser that fails proves it is never called.
    const failing: MorphologicalAnalyzer = { tokenize: (t) => { throw new Error(`tokenized ${t}`); } };
    expect(buildReport({ ...input, options: { text: { analyzer: failing, codingRules: RULES, tokenCache: cache } } }).text).toEqual(fresh.text);
  }, 60_000);

  it('refuses a table that was read without the texts, naming the question', () => {
    const table = createResponseTable(planFor([definition]).tableSpec);
    RECORDS.slice(0, 10).forEach((r, i) => appendRecord(table, r, i + 1));
    expect(() => buildReport({ definitions: [definition], table, options: { text: { analyzer } } })).toThrow(/not prepared for text analysis: it lacks the texts of opinion/);
  });
});
