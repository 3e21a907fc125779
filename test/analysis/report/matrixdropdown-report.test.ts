/**
 * A matrixdropdown summarised once per cell column (issue 25, contracts/report.ts): every cell
 * type, through the record path (appendRecord) and the JSONL scanner alike, with the figures of
 * number, rating, dropdown and checkbox cells checked against R
 * (test/reference/generate-matrixdropdown-reference.R) and the counts recounted from the records.
 */
import { describe, expect, it } from 'vitest';
import type { QuestionSummary, Report } from '../../../contracts/report.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { buildReport, planFor } from '../../../analysis/report/build-report.ts';
import { createJsonlAppender } from '../../../analysis/table/create-jsonl-appender.ts';
import { createResponseTable } from '../../../analysis/table/create-response-table.ts';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import { listQuestions } from '../../../core/definitions/list-questions.ts';
import { expectClose } from '../../helpers/expect-close.ts';
import { readReferenceFixture } from '../../helpers/read-reference-fixture.ts';
import { readFileSync } from 'node:fs';
import { defineSurvey, record } from './define-survey.ts';

interface RowReference {
  minutes: { n: number; mean: number; sd: number; quantiles: number[] };
  minutesWelch: { statistic: number; df1: number; df2: number; p: number };
  score: { n: number; mean: number; topTwo: number };
  scoreKruskal: { statistic: number; df: number; p: number };
  freqChisq: { statistic: number; df: number; p: number };
  purpose: { answered: number; shares: number[] };
}
interface Fixture {
  respondents: Array<{ place: string; visits?: Record<string, Record<string, unknown>> }>;
  rows: Record<'library' | 'pool', RowReference>;
  weighted: {
    margins: Array<{ question: string; value: string; population: number }>;
    rows: Record<'library' | 'pool', { minutes: { mean: number; sd: number; quartiles: number[] }; score: { mean: number; topTwo: number } }>;
  };
}
const fixture = readReferenceFixture<Fixture>('matrixdropdown.json');

const definition = defineSurvey({
  minGroupSize: 5,
  elements: [
    { type: 'radiogroup', name: 'place', title: { ja: '地区', en: 'Area' }, choices: ['north', 'south', 'east'], analysis: { role: 'segment' } },
    {
      type: 'matrixdropdown',
      name: 'visits',
      title: { ja: '施設の利用', en: 'Facilities' },
      rows: [
        { value: 'library', text: { ja: '図書館', en: 'Library' } },
        { value: 'pool', text: { ja: 'プール', en: 'Pool' } },
      ],
      // Shared by the columns that list none (survey-core's rule), here `shared`.
      choices: ['x', 'y'],
      columns: [
        { name: 'freq', title: { ja: '頻度', en: 'How often' }, cellType: 'dropdown', choices: ['weekly', 'monthly', 'rarely'] },
        { name: 'purpose', title: { ja: '目的', en: 'Purpose' }, cellType: 'checkbox', choices: ['study', 'sport', 'meet'] },
        { name: 'again', title: { ja: 'また使う', en: 'Again' }, cellType: 'boolean' },
        { name: 'score', title: { ja: '評価', en: 'Score' }, cellType: 'rating', rateMax: 5 },
        { name: 'minutes', title: { ja: '所要時間（分）', en: 'Minutes' }, cellType: 'text', inputType: 'number' },
        { name: 'remark', title: { ja: '備考', en: 'Remark' }, cellType: 'comment' },
        { name: 'total', title: { ja: '合計', en: 'Total' }, cellType: 'expression', expression: '{row.minutes} * 2' },
        { name: 'shared', title: { ja: '共通', en: 'Shared' } },
      ],
    },
  ],
});
const records = fixture.respondents.map((r) => record({ place: r.place, ...(r.visits ? { visits: r.visits } : {}) }));

/** The same records through the JSONL scanner; every line must stay on the fast path. */
function reportThroughJsonl(lines: ResponseRecord[]): { report: Report; slowLines: number } {
  const table = createResponseTable(planFor([definition]).tableSpec);
  const append = createJsonlAppender(table);
  lines.forEach((r, i) => {
    const bytes = new TextEncoder().encode(`${JSON.stringify(r)}\n`);
    append(bytes, 0, bytes.length - 1, i + 1, i + 1);
  });
  return { report: buildReport({ definitions: [definition], table }), slowLines: append.slowLines };
}

const cell = (r: ResponseRecord, row: string, column: string) => ((r.data.visits as Record<string, Record<string, unknown>> | undefined)?.[row] ?? {})[column];
const columnSummary = (report: Report, column: string) => report.summaries!.find((s) => s.question === 'visits' && s.column === column)!;
const rowOf = (summary: QuestionSummary, row: string) => summary.rows!.find((r) => r.row === row)!;

describe('a matrixdropdown', () => {
  const report = buildReport({ definitions: [definition], records });

  it('is summarised once per column, labelled 「設問 — 列」, with a row per matrix row and the cell type', () => {
    const summaries = report.summaries!.filter((s) => s.question === 'visits');
    expect(summaries.map((s) => [s.column, s.cellType])).toEqual([
      ['freq', 'dropdown'],
      ['purpose', 'checkbox'],
      ['again', 'boolean'],
      ['score', 'rating'],
      ['minutes', 'text'],
      ['remark', 'comment'],
      ['total', 'expression'],
      ['shared', 'dropdown'],
    ]);
    for (const summary of summaries) {
      expect(summary.type).toBe('matrixdropdown');
      expect(summary.notSummarised).toBeUndefined();
      expect(summary.rows!.map((r) => [r.row, r.label])).toEqual([['library', '図書館'], ['pool', 'プール']]);
    }
    expect(columnSummary(report, 'freq').label).toBe('施設の利用 — 頻度');
    expect(buildReport({ definitions: [definition], records, options: { language: 'en' } }).summaries!.find((s) => s.column === 'freq')!.label).toBe('Facilities — How often');
    // The default cell type takes the matrix's choices.
    expect(rowOf(columnSummary(report, 'shared'), 'library').items.map((item) => item.value)).toEqual(['x', 'y']);
  });

  it('counts each choice cell per row as a matrix row (recounted), and the column answered by anyone', () => {
    for (const row of ['library', 'pool']) {
      const freq = rowOf(columnSummary(report, 'freq'), row);
      for (const item of freq.items) expect(item.count, `${row} ${String(item.value)}`).toBe(records.filter((r) => cell(r, row, 'freq') === item.value).length);
      const again = rowOf(columnSummary(report, 'again'), row);
      expect(again.items.map((item) => item.value)).toEqual([true, false]);
      for (const item of again.items) expect(item.count).toBe(records.filter((r) => cell(r, row, 'again') === item.value).length);
      const remark = rowOf(columnSummary(report, 'remark'), row);
      expect([remark.answered, remark.items]).toEqual([records.filter((r) => typeof cell(r, row, 'remark') === 'string').length, []]);
      const total = rowOf(columnSummary(report, 'total'), row);
      expect(total.answered).toBe(records.filter((r) => cell(r, row, 'total') !== undefined).length);
    }
    const answeredFreq = records.filter((r) => cell(r, 'library', 'freq') !== undefined || cell(r, 'pool', 'freq') !== undefined).length;
    expect([columnSummary(report, 'freq').answered, columnSummary(report, 'freq').noAnswer]).toEqual([answeredFreq, records.length - answeredFreq]);
  });

  it('describes a number cell per row as R does (mean, sd, quantile type 7), with no items', () => {
    for (const row of ['library', 'pool'] as const) {
      const expected = fixture.rows[row].minutes;
      const summaryRow = rowOf(columnSummary(report, 'minutes'), row);
      expect([summaryRow.answered, summaryRow.items]).toEqual([expected.n, []]);
      const numeric = summaryRow.numeric!;
      expectClose(numeric.mean, expected.mean, 1e-12, `${row} mean`);
      expectClose(numeric.sd!, expected.sd, 1e-12, `${row} sd`);
      [numeric.min, numeric.q1, numeric.median, numeric.q3, numeric.max].forEach((value, k) => expectClose(value, expected.quantiles[k], 1e-12, `${row} quantile ${k}`));
    }
  });

  it('weights a number cell and a rating cell as R\'s survey package does (svymean, svyvar, svyquantile hf7)', () => {
    const weighted = buildReport({ definitions: [definition], records, options: { weights: fixture.weighted.margins } });
    for (const row of ['library', 'pool'] as const) {
      const expected = fixture.weighted.rows[row];
      const numeric = rowOf(columnSummary(weighted, 'minutes'), row).numeric!;
      expectClose(numeric.mean, expected.minutes.mean, 1e-9, `${row} weighted mean`);
      expectClose(numeric.sd!, expected.minutes.sd, 1e-9, `${row} weighted sd`);
      [numeric.q1, numeric.median, numeric.q3].forEach((value, k) => expectClose(value, expected.minutes.quartiles[k], 1e-9, `${row} weighted quartile ${k + 1}`));
      const score = rowOf(columnSummary(weighted, 'score'), row);
      expectClose(score.mean!, expected.score.mean, 1e-9, `${row} weighted score mean`);
      expectClose(score.topTwo!, expected.score.topTwo, 1e-9, `${row} weighted top two`);
      // Counts stay unweighted.
      expect(score.answered).toBe(fixture.rows[row].score.n);
    }
  });

  it('gives a rating cell its mean and top-two share, and a checkbox cell its option shares, as R does', () => {
    for (const row of ['library', 'pool'] as const) {
      const score = rowOf(columnSummary(report, 'score'), row);
      expect(score.answered).toBe(fixture.rows[row].score.n);
      expectClose(score.mean!, fixture.rows[row].score.mean, 1e-12, `${row} score mean`);
      expectClose(score.topTwo!, fixture.rows[row].score.topTwo, 1e-12, `${row} top two`);
      const purpose = rowOf(columnSummary(report, 'purpose'), row);
      expect(purpose.answered).toBe(fixture.rows[row].purpose.answered);
      purpose.items.forEach((item, k) => expectClose(item.share!, fixture.rows[row].purpose.shares[k], 1e-12, `${row} ${String(item.value)}`));
    }
    expect(columnSummary(report, 'score').ordered).toBe(true);
  });

  it('cross-tabulates choice cells per row by each breakdown, labelled 「設問 — 列」 with the row apart (χ² as R)', () => {
    const tabs = report.crosstabs!.filter((c) => c.question === 'visits' && c.by === 'place');
    // Choice cells only (number, text and computed cells are not tables of counts), one per row, by `place`.
    expect(tabs.map((c) => [c.label, c.row, c.kind])).toEqual(
      ['freq', 'purpose', 'again', 'score', 'shared'].flatMap((column) =>
        ['library', 'pool'].map((row) => [columnSummary(report, column).label, row, column === 'purpose' ? 'multiple' : 'single']),
      ),
    );
    for (const row of ['library', 'pool'] as const) {
      const freq = tabs.find((c) => c.label === '施設の利用 — 頻度' && c.row === row)!;
      expect(freq.rowLabel).toBe(row === 'library' ? '図書館' : 'プール');
      expect(freq.by).toBe('place');
      expectClose(freq.test!.statistic, fixture.rows[row].freqChisq.statistic, 1e-10, `${row} χ²`);
      expect(freq.test!.df).toBe(fixture.rows[row].freqChisq.df);
      expectClose(freq.test!.p, fixture.rows[row].freqChisq.p, 1e-8, `${row} p`);
      const purpose = tabs.find((c) => c.kind === 'multiple' && c.row === row)!;
      expect(purpose.optionTests).toHaveLength(3);
    }
  });

  it('compares the means of number and rating cells per row by each breakdown (Welch, Kruskal–Wallis as R)', () => {
    for (const row of ['library', 'pool'] as const) {
      const minutes = report.means!.find((m) => m.question === 'visits' && m.by === 'place' && m.row === row && m.label.endsWith('所要時間（分）'))!;
      expect([minutes.scale, minutes.test!.method, minutes.rowLabel]).toEqual([false, 'welch', row === 'library' ? '図書館' : 'プール']);
      expectClose(minutes.test!.statistic, fixture.rows[row].minutesWelch.statistic, 1e-10, `${row} F`);
      expectClose(minutes.test!.df2!, fixture.rows[row].minutesWelch.df2, 1e-10, `${row} df2`);
      expectClose(minutes.test!.p, fixture.rows[row].minutesWelch.p, 1e-8, `${row} Welch p`);
      const score = report.means!.find((m) => m.question === 'visits' && m.by === 'place' && m.row === row && m.label.endsWith('評価'))!;
      expect([score.scale, score.test!.method]).toEqual([true, 'kruskal']);
      expectClose(score.test!.statistic, fixture.rows[row].scoreKruskal.statistic, 1e-10, `${row} H`);
      expectClose(score.test!.p, fixture.rows[row].scoreKruskal.p, 1e-8, `${row} Kruskal p`);
    }
    expect(report.means!.filter((m) => m.question === 'visits' && m.by === 'place')).toHaveLength(4);
  });

  it('reads the same through the JSONL scanner as from records, every line on the fast path', () => {
    const { report: fromJsonl, slowLines } = reportThroughJsonl(records);
    expect(slowLines).toBe(0);
    expect(fromJsonl.summaries).toEqual(report.summaries);
    expect(fromJsonl.crosstabs).toEqual(report.crosstabs);
    expect(fromJsonl.means).toEqual(report.means);
    expect(fromJsonl.suppressed).toEqual(report.suppressed);
  });

  it('stops at a row, a column or a value the definitions lack, naming it, through either path', () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ gym: { freq: 'weekly' } }, /"visits" has a row "gym" the definitions do not have/],
      [{ pool: { colour: 'red' } }, /"visits", row "pool" has a column "colour" the definitions do not have/],
      [{ pool: { freq: 'daily' } }, /"visits\.pool\.freq" is "daily", which the definitions do not offer/],
      [{ pool: { minutes: 'ten' } }, /"visits\.pool\.minutes" must be a number, got "ten"/],
      [{ pool: 'weekly' }, /"visits", row "pool" must be an object of column → answer, got "weekly"/],
      [{ pool: { purpose: 'study' } }, /"visits\.pool\.purpose" must be an array, got "study"/],
    ];
    for (const [visits, message] of bad) {
      const lines = [...records.slice(0, 3), record({ place: 'north', visits })];
      expect(() => buildReport({ definitions: [definition], records: lines }), JSON.stringify(visits)).toThrow(message);
      expect(() => reportThroughJsonl(lines), JSON.stringify(visits)).toThrow(message);
    }
  });

  it('hides a row fewer than the minimum answered, and lists it in words', () => {
    // Only the first 3 who wrote a remark about the pool keep it.
    let kept = 0;
    const few = records.map((r) => {
      const visits = r.data.visits as Record<string, Record<string, unknown>> | undefined;
      if (visits?.pool?.remark === undefined || ++kept <= 3) return r;
      const { remark: _remark, ...pool } = visits.pool;
      return { ...r, data: { ...r.data, visits: { ...visits, pool } } };
    });
    const pool = few.filter((r) => cell(r, 'pool', 'remark') !== undefined).length;
    expect(pool).toBe(3);
    const hidden = buildReport({ definitions: [definition], records: few });
    expect(rowOf(columnSummary(hidden, 'remark'), 'pool')).toMatchObject({ answered: null, suppressed: true });
    expect(hidden.suppressed.find((s) => s.where === 'summaries.visits.remark.pool')?.label).toBe('施設の利用 — 備考 — プール');
  });

  it('hides a whole column fewer than the minimum answered in any row', () => {
    // Only the first 2 respondents keep their "again" cells.
    const few = records.map((r, i) => {
      const visits = r.data.visits as Record<string, Record<string, unknown>> | undefined;
      if (!visits || i < 2) return r;
      const stripped = Object.fromEntries(Object.entries(visits).map(([row, cells]) => [row, Object.fromEntries(Object.entries(cells).filter(([column]) => column !== 'again'))]));
      return { ...r, data: { ...r.data, visits: stripped } };
    });
    const answered = few.filter((r) => cell(r, 'library', 'again') !== undefined || cell(r, 'pool', 'again') !== undefined).length;
    expect(answered).toBe(2);
    const hidden = buildReport({ definitions: [definition], records: few });
    const again = columnSummary(hidden, 'again');
    expect([again.answered, again.suppressed, again.rows]).toEqual([null, true, undefined]);
    expect(hidden.suppressed.find((s) => s.where === 'summaries.visits.again')).toMatchObject({ label: '施設の利用 — また使う', rule: 'small' });
  });
});

describe('the report of a definition with every question type', () => {
  it('summarises every question but free text, a matrixdropdown per column', () => {
    const json = JSON.parse(readFileSync(new URL('../../fixtures/definitions/all-question-types.json', import.meta.url), 'utf8'));
    const definition = loadDefinition(json, 'test/fixtures/definitions/all-question-types.json');
    const records = [...synthesizeResponses(definition, { count: 400, seed: 25 })];
    const report = buildReport({ definitions: [definition], records });
    const questions = listQuestions(definition.json).filter((q) => q.scope === undefined && !['html', 'image', 'expression'].includes(q.type));
    for (const question of questions) {
      const summaries = report.summaries!.filter((s) => s.question === question.name);
      expect(summaries.length, question.name).toBeGreaterThan(0);
      const freeText = (question.type === 'text' && question.json.inputType !== 'number') || question.type === 'comment';
      for (const summary of summaries) {
        if (freeText) expect(summary.notSummarised, question.name).toMatch(/自由記述/);
        else expect(summary.notSummarised, `${question.name}: ${summary.notSummarised}`).toBeUndefined();
      }
    }
    const byTask = report.summaries!.filter((s) => s.question === 'byTask');
    expect(byTask.map((s) => [s.column, s.cellType])).toEqual([['preferred', 'dropdown'], ['minutes', 'text'], ['note', 'comment']]);
    // The required dropdown cell was answered in every row the synthesizer filled.
    expect(byTask[0].rows!.every((row) => row.answered !== null && row.answered > 0 && row.items.length === 3)).toBe(true);
    expect(byTask[1].rows!.some((row) => row.numeric && row.numeric.mean > 0)).toBe(true);
    // A checkbox matrix (cellType "checkbox") answers a list of columns per row: counted per column, recounted here.
    const used = report.summaries!.find((s) => s.question === 'used')!;
    for (const row of used.rows!) {
      for (const item of row.items) {
        const chose = records.filter((r) => ((r.data.used as Record<string, unknown[]> | undefined)?.[row.row] ?? []).includes(item.value)).length;
        if (item.count !== null) expect(item.count, `${row.row} ${String(item.value)}`).toBe(chose);
      }
    }
    expect(report.crosstabs!.filter((c) => c.question === 'used' && c.by === 'ward').map((c) => [c.row, c.kind])).toEqual([['web', 'multiple'], ['phone', 'multiple']]);
    // The JSONL scanner reads every question type of it on the fast path, into the same report.
    const table = createResponseTable(planFor([definition]).tableSpec);
    const append = createJsonlAppender(table);
    records.forEach((r, i) => {
      const bytes = new TextEncoder().encode(`${JSON.stringify(r)}\n`);
      append(bytes, 0, bytes.length - 1, i + 1, i + 1);
    });
    expect(append.slowLines).toBe(0);
    const fromJsonl = buildReport({ definitions: [definition], table });
    expect([fromJsonl.summaries, fromJsonl.crosstabs, fromJsonl.means]).toEqual([report.summaries, report.crosstabs, report.means]);
  });
});
