/**
 * The 集計表 workbook (server/report/write-report-workbook.ts) as a municipal analyst gets it (issue 26):
 * written from a hand-made report with hidden cells, a hidden group, その他（少数） and a ranking that
 * only goes three places deep, saved again by a real LibreOffice (Debian's libreoffice-calc-nogui),
 * and read back from the XML it wrote: borders, number formats, wrapping, widths, headers, sheet
 * names, the 目次's links, the print setup, 全体 rows, ＊ for every hidden number, and no word of
 * the other language.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Crosstab, CrosstabCell, Report } from '../../../contracts/report.ts';
import type { Locale } from '../../../core/i18n/locale.ts';
import { fillText, tabulationTexts } from '../../../core/report-view/tabulation-texts.ts';
import { workbookTexts } from '../../../server/report/workbook-texts.ts';
import { writeReportWorkbook } from '../../../server/report/write-report-workbook.ts';
import { findRow, readXlsx, rowValues, type Xlsx, type XlsxCell } from './read-xlsx-xml.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'write-report-workbook-'));

const WORDS = {
  ja: {
    title: '区役所利用者調査 & 試行',
    age: '年代', young: '若年', old: '高齢', tiny: '少数の区分',
    mode: '来庁の交通手段', bus: 'バス', car: '自家用車', walk: '徒歩', taxi: 'タクシー',
    ward: '区', chuo: '中央区', kita: '北区',
    channels: '知った経路', web: 'ウェブ', paper: '広報さっぽろ',
    satisfaction: '満足度', wait: '待ち時間', staff: '職員の対応', good: '満足', bad: '不満',
    priorities: '優先してほしい取組', r1: '窓口予約', r2: 'オンライン手続', r3: '書かない窓口', r4: '夜間窓口', r5: '案内表示',
    long: '保健福祉（高齢者・障がいのある方の福祉、介護保険、生活保護など）の相談をするとき、区役所の窓口で最も重視することは何ですか。',
    yes: 'はい', no: 'いいえ',
    longGroup: '保健福祉（高齢者・障がいのある方の福祉、介護保険など）の窓口を利用したことがある',
  },
  en: {
    title: 'Ward office visitors & pilot',
    age: 'Age band', young: 'Younger', old: 'Older', tiny: 'Small group',
    mode: 'How did you come?', bus: 'Bus', car: 'Car', walk: 'On foot', taxi: 'Taxi',
    ward: 'Ward', chuo: 'Chuo', kita: 'Kita',
    channels: 'Where did you hear of it?', web: 'Web', paper: 'Koho Sapporo',
    satisfaction: 'Satisfaction', wait: 'Waiting time', staff: 'Staff manner', good: 'Satisfied', bad: 'Dissatisfied',
    priorities: 'What should the city do first?', r1: 'Counter booking', r2: 'Online procedures', r3: 'No-writing counter', r4: 'Evening counter', r5: 'Signage',
    long: 'When you consult the health and welfare counter (elderly and disability welfare, long-term care insurance, public assistance), what matters most to you at the ward office?',
    yes: 'Yes', no: 'No',
    longGroup: 'Has used the health and welfare counter (elderly and disability welfare, long-term care insurance)',
  },
};

const MIN = 5;

function cell(value: string, count: number | null, share: number | null, mark: CrosstabCell['mark'] = '', suppressed?: 'small' | 'complementary'): CrosstabCell {
  return { value, count, share, residual: count === null ? null : 0.5, mark, ...(suppressed ? { suppressed } : {}) };
}

/** A report as the lead's analysis (issue 26) will write it: hidden cells null, 全体 rows, fewer, shallow ranks. */
function fixture(locale: Locale): Report {
  const w = WORDS[locale];
  const modeValues = [
    { value: 'bus', label: w.bus },
    { value: 'car', label: w.car },
    { value: 'walk', label: w.walk },
    { value: 'taxi', label: w.taxi },
  ];
  const test = { statistic: 12.3, df: 3, p: 0.006, pAdjusted: 0.02, cramersV: 0.21, method: 'pearson' as const };
  const modeByAge: Crosstab = {
    question: 'mode', label: w.mode, by: 'age', byLabel: w.age, kind: 'single', values: modeValues,
    groups: [
      { value: 'young', label: w.young, n: 1200, cells: [cell('bus', 600, 0.5, '▲▲'), cell('car', 300, 0.25), cell('walk', 290, 0.2417, '▽'), cell('taxi', 10, 0.0083)] },
      { value: 'old', label: w.longGroup, n: 333, cells: [cell('bus', 200, 0.6006), cell('car', 120, 0.3604), cell('walk', null, null, '', 'complementary'), cell('taxi', null, null, '', 'small')] },
      { value: 'tiny', label: w.tiny, n: null, suppressed: 'small', cells: [cell('bus', null, null, '', 'small'), cell('car', 0, null), cell('walk', null, null, '', 'small'), cell('taxi', 0, null)] },
    ],
    total: { n: 1536, cells: [cell('bus', 802, 0.5221), cell('car', 420, 0.2734), cell('walk', 301, 0.196), cell('taxi', 13, 0.0085)] },
    test,
  };
  const modeByWard: Crosstab = {
    question: 'mode', label: w.mode, by: 'ward', byLabel: w.ward, kind: 'single', values: modeValues,
    groups: [
      { value: 'chuo', label: w.chuo, n: 800, cells: [cell('bus', 400, 0.5), cell('car', 200, 0.25), cell('walk', 190, 0.2375), cell('taxi', 10, 0.0125)] },
      { value: 'kita', label: w.kita, n: 736, cells: [cell('bus', 402, 0.5462), cell('car', 220, 0.2989), cell('walk', 111, 0.1508), cell('taxi', 3, 0.0041)] },
    ],
    total: { n: 1536, cells: [cell('bus', 802, 0.5221), cell('car', 420, 0.2734), cell('walk', 301, 0.196), cell('taxi', 13, 0.0085)] },
    test: null,
  };
  const longByAge: Crosstab = {
    question: 'long', label: w.long, by: 'age', byLabel: w.age, kind: 'single',
    values: [{ value: 'yes', label: w.yes }, { value: 'no', label: w.no }],
    groups: [
      { value: 'young', label: w.young, n: 1200, cells: [cell('yes', 700, 0.5833), cell('no', 500, 0.4167)] },
      { value: 'old', label: w.longGroup, n: 333, cells: [cell('yes', 133, 0.3994), cell('no', 200, 0.6006)] },
    ],
    total: { n: 1533, cells: [cell('yes', 833, 0.5434), cell('no', 700, 0.4566)] },
    test,
  };
  const satisfactionByAge: Crosstab = {
    question: 'satisfaction', label: w.satisfaction, row: 'wait', rowLabel: w.wait, by: 'age', byLabel: w.age, kind: 'single',
    values: [{ value: 'good', label: w.good }, { value: 'bad', label: w.bad }],
    groups: [
      { value: 'young', label: w.young, n: 1200, cells: [cell('good', 900, 0.75), cell('bad', 300, 0.25)] },
      { value: 'old', label: w.longGroup, n: 333, cells: [cell('good', 300, 0.9009), cell('bad', 33, 0.0991)] },
    ],
    total: { n: 1533, cells: [cell('good', 1200, 0.7828), cell('bad', 333, 0.2172)] },
    test,
  };
  return {
    survey: { id: 'ward-office-exit', versions: [1], title: { [locale]: w.title } },
    responses: 3000,
    minGroupSize: MIN,
    seed: 1,
    weighting: null,
    needs: [], ipa: [], comments: [],
    gaps: { by: null, label: null, groups: [], items: [], untested: [] },
    suppressed: [],
    overview: { period: { from: '2026-06-01', to: '2026-08-31' }, byChannel: [{ value: 'kiosk', n: 1533 }, { value: 'online', n: 1467 }], byWard: [{ value: 'chuo', label: w.chuo, n: 1600 }, { value: 'kita', label: w.kita, n: 1400 }], responseRate: 0.05, population: 60000, completionMinutes: { n: 2900, q1: 2.5, median: 3.25, q3: 5 }, method: null },
    summaries: [
      { question: 'age', label: w.age, type: 'radiogroup', answered: 1536, noAnswer: 3, ordered: false, items: [
        { value: 'young', label: w.young, count: 1200, share: 0.7813 },
        { value: 'old', label: w.longGroup, count: 333, share: 0.2168 },
        { value: 'tiny', label: w.tiny, count: 3, share: 0.0019 },
      ] },
      { question: 'mode', label: w.mode, type: 'radiogroup', answered: 1536, noAnswer: 0, ordered: false, items: [
        { value: 'bus', label: w.bus, count: 802, share: 0.5221 },
        { value: 'car', label: w.car, count: 420, share: 0.2734 },
        { value: 'walk', label: w.walk, count: null, share: null, suppressed: 'complementary' },
        { value: 'taxi', label: w.taxi, count: null, share: null, suppressed: 'small' },
      ], fewer: { values: ['walk', 'taxi'], count: 314, share: 0.2045 } },
      { question: 'channels', label: w.channels, type: 'checkbox', answered: 1500, noAnswer: 36, ordered: false, items: [
        { value: 'web', label: w.web, count: 1100, share: 0.7333 },
        { value: 'paper', label: w.paper, count: 900, share: 0.6 },
      ] },
      { question: 'satisfaction', label: w.satisfaction, type: 'matrix', answered: 1533, noAnswer: 3, ordered: true, rows: [
        { row: 'wait', label: w.wait, answered: 1533, items: [{ value: 'good', label: w.good, count: 1200, share: 0.7828 }, { value: 'bad', label: w.bad, count: 333, share: 0.2172 }], mean: 1.22, topTwo: 0.7828 },
        { row: 'staff', label: w.staff, answered: 1533, items: [{ value: 'good', label: w.good, count: 1530, share: 0.998 }, { value: 'bad', label: w.bad, count: null, share: null, suppressed: 'small' }], mean: 1.0, topTwo: 0.998 },
      ] },
      { question: 'priorities', label: w.priorities, type: 'ranking', answered: 1400, noAnswer: 136, ordered: false, ranks: [
        { value: 'r1', label: w.r1, ranked: 900, shares: [0.3, 0.2, 0.1], meanRank: 1.7 },
        { value: 'r2', label: w.r2, ranked: 800, shares: [0.25, 0.2, 0.15], meanRank: 1.9 },
        { value: 'r3', label: w.r3, ranked: 700, shares: [0.2, 0.2, 0.2], meanRank: 2.0 },
        { value: 'r4', label: w.r4, ranked: 600, shares: [0.15, 0.2, 0.25], meanRank: 2.1 },
        { value: 'r5', label: w.r5, ranked: 500, shares: [0.1, 0.2, 0.3], meanRank: 2.2 },
      ] },
      { question: 'long', label: w.long, type: 'radiogroup', answered: 1533, noAnswer: 3, ordered: false, items: [
        { value: 'yes', label: w.yes, count: 833, share: 0.5434 },
        { value: 'no', label: w.no, count: 700, share: 0.4566 },
      ], numeric: { mean: 1.46, sd: 0.5, min: 1, q1: 1, median: 1, q3: 2, max: 2 } },
    ],
    breakdowns: [
      { by: 'age', label: w.age, source: 'cohort', groups: [] },
      { by: 'ward', label: w.ward, source: 'meta', groups: [] },
    ],
    // 平均値の比較 (issue 25): a scale by age, one group hidden, so its sheet says both in the workbook's language.
    means: [
      {
        question: 'satisfaction', label: w.satisfaction, row: 'wait', rowLabel: w.wait, by: 'age', byLabel: w.age, scale: true,
        groups: [
          { value: 'young', label: w.young, n: 1200, mean: 1.25, sd: 0.43, median: 1 },
          { value: 'old', label: w.longGroup, n: 333, mean: 1.1, sd: 0.3, median: 1 },
          { value: 'tiny', label: w.tiny, n: null, mean: null, sd: null, median: null, suppressed: 'small' },
        ],
        total: { n: 1536, mean: 1.22, sd: 0.41, median: 1 },
        test: { method: 'kruskal', statistic: 30.2, df1: 1, df2: null, p: 0.00001, pAdjusted: 0.00002 },
      },
    ],
    // Enough tables on Q06 to fill more than a printed page.
    crosstabs: [modeByAge, satisfactionByAge, longByAge, ...Array.from({ length: 14 }, (_, k) => ({ ...longByAge, by: `age${k}`, byLabel: `${w.age}${k + 2}` })), modeByWard],
  };
}

const books = new Map<Locale, Xlsx>();
beforeAll(async () => {
  const files = [];
  for (const locale of ['ja', 'en'] as const) {
    const file = join(dir, `report-${locale}.xlsx`);
    await writeFile(file, await writeReportWorkbook(fixture(locale), locale));
    files.push(file);
  }
  // Saved again by LibreOffice: what it kept is what a colleague's spreadsheet program understood.
  await run('libreoffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'xlsx', '--outdir', join(dir, 'saved'), ...files], { timeout: 180_000 });
  for (const locale of ['ja', 'en'] as const) books.set(locale, await readXlsx(join(dir, 'saved', `report-${locale}.xlsx`)));
}, 240_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const questionSheet = (book: Xlsx, number: string) => book.sheets.find((sheet) => sheet.name.startsWith(`${number} `))!;
const texts = (cells: XlsxCell[] | undefined) => (cells ?? []).map((c) => c.text ?? c.number);

describe.each(['ja', 'en'] as const)('the 集計表 workbook (%s), saved again by LibreOffice', (locale) => {
  const t = tabulationTexts(locale);
  const w = workbookTexts(locale);
  const words = WORDS[locale];

  it('starts with a 目次 linking to every sheet, and names each question sheet Q01 …', () => {
    const book = books.get(locale)!;
    const names = book.sheets.map((sheet) => sheet.name);
    expect(names.slice(0, 4)).toEqual([w.contents, t.overview, t.gt, w.meansSheet]);
    // Q02 mode, Q04 satisfaction, Q06 the long question: numbered as in the 単純集計, one sheet each.
    expect(names.slice(4).map((name) => name.slice(0, 4))).toEqual(['Q02 ', 'Q04 ', 'Q06 ']);
    for (const name of names) {
      expect(name.length, name).toBeLessThanOrEqual(31);
      expect(name, name).not.toMatch(/[[\]:*?/\\']/);
    }
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
    expect(questionSheet(book, 'Q02').name).toBe(`Q02 ${words.mode.replace(/[?？]$/, '')}`);
    expect(questionSheet(book, 'Q06').name).toMatch(/…$/);

    const links = [...book.sheet(w.contents).xml.matchAll(/<hyperlink [^>]*>/g)].map(([tag]) => tag.replace(/&apos;/g, "'"));
    for (const name of names.slice(1)) expect(links.some((tag) => tag.includes(`location="'${name}'!A1"`)), name).toBe(true);
    // A link within the workbook, not to a file beside it.
    expect(links.every((tag) => !tag.includes('r:id='))).toBe(true);
  });

  it('prints every sheet on A4, one page wide, with repeated header rows and the survey and page in the footer', () => {
    const book = books.get(locale)!;
    for (const sheet of book.sheets) {
      const setup = sheet.xml.match(/<pageSetup [^>]*>/)?.[0] ?? '';
      expect(setup, sheet.name).toMatch(/paperSize="9"/);
      expect(setup, sheet.name).toMatch(/fitToWidth="1"/);
      expect(setup, sheet.name).toMatch(/fitToHeight="0"/);
      expect(sheet.xml, sheet.name).toMatch(/<pageSetUpPr fitToPage="(1|true)"/);
      const footer = sheet.xml.match(/<oddFooter>([\s\S]*?)<\/oddFooter>/)?.[1].replace(/&amp;/g, '&') ?? '';
      expect(footer, sheet.name).toContain(words.title.replace('&', '&&'));
      expect(footer, sheet.name).toContain('&P');
      expect(footer, sheet.name).toContain('&N');
    }
    const titles = [...book.workbookXml.matchAll(/<definedName [^>]*name="_xlnm.Print_Titles"[^>]*>([^<]*)/g)].map(([, range]) => range.replace(/&apos;/g, "'"));
    for (const number of ['Q02', 'Q04', 'Q06']) expect(titles).toContain(`'${questionSheet(book, number).name}'!$1:$2`);
  });

  it('draws each cross-tab with thin borders, a 全体 row, #,##0 counts, 0.0% shares, wrapped labels and set widths', () => {
    const book = books.get(locale)!;
    const sheet = questionSheet(book, 'Q02');
    const first = [...sheet.xml.matchAll(/<col [^>]*>/g)].map(([tag]) => tag).find((tag) => /\smin="1"/.test(tag))!;
    expect(first).toMatch(/customWidth="(1|true)"/);
    expect(Number(first.match(/\swidth="([\d.]+)"/)![1])).toBeGreaterThan(12);
    expect(rowValues(sheet, 2)).toEqual([t.group, t.n, words.bus, words.car, words.walk, words.taxi]);

    const totals = [...sheet.rows.values()].filter((cells) => cells[0].column === 1 && cells[0].text === t.total);
    expect(totals).toHaveLength(2);
    const [total] = totals;
    expect(texts(total)).toEqual([t.total, 1536, 0.5221, 0.2734, 0.196, 0.0085]);
    expect(total.every((c) => c.bordered)).toBe(true);
    expect(total[1].numFmt).toBe('#,##0');
    for (const share of total.slice(2)) expect(share.numFmt).toBe('0.0%');

    const young = findRow(sheet, words.young)!;
    expect(young.every((c) => c.bordered)).toBe(true);
    expect(young[1]).toMatchObject({ number: 1200, numFmt: '#,##0' });
    expect(young[2]).toMatchObject({ number: 0.5, numFmt: '0.0%" ▲▲"' });
    expect(young[3].numFmt).toBe('0.0%');
    const longGroup = findRow(sheet, words.longGroup)!;
    expect(longGroup[0].wrap).toBe(true);
    // The hidden answers are ＊, with no number behind them.
    expect(texts(longGroup)).toEqual([words.longGroup, 333, 0.6006, 0.3604, t.hidden, t.hidden]);
    expect(longGroup.slice(4).every((c) => c.number === null && c.bordered)).toBe(true);
    // A hidden group: its size and its hidden cells ＊, its empty cells 0.
    expect(texts(findRow(sheet, words.tiny))).toEqual([words.tiny, t.hidden, t.hidden, 0, t.hidden, 0]);

    const all = sheet.cells.map((c) => c.text ?? '');
    expect(all).toContain(w.hiddenLegend);
    expect(all).toContain(fillText(t.suppressionRule, { min: MIN, min_1: MIN - 1 }));
    expect(all.some((text) => text.includes(String(MIN - 1)))).toBe(true);
    // A sheet that hides nothing does not explain hiding.
    expect(questionSheet(book, 'Q06').cells.map((c) => c.text)).not.toContain(w.hiddenLegend);
    // The rule once more on the 目次.
    expect(book.sheet(w.contents).cells.map((c) => c.text)).toContain(fillText(t.suppressionRule, { min: MIN, min_1: MIN - 1 }));
  });

  it('says in 調査概要 how the survey was fielded and how long answering took (issue 25)', () => {
    const cells = books.get(locale)!.sheet(t.overview).cells.map((c) => c.text ?? '');
    expect(cells).toContain(t.completion);
    expect(cells).toContain(fillText(t.completionValue, { median: locale === 'ja' ? '3.3' : '3.3', q1: '2.5', q3: '5.0', n: '2,900' }));
    expect(cells).toContain(t.methodFromChannels([t.channelNames.kiosk, t.channelNames.online]));
  });

  it('breaks printed pages between tables, not inside one', () => {
    const sheet = questionSheet(books.get(locale)!, 'Q06');
    const breaks = [...sheet.xml.matchAll(/<brk [^>]*id="(\d+)"/g)].map(([, id]) => Number(id));
    expect(breaks.length).toBeGreaterThan(0);
    const heading = fillText(w.byHeading, { by: words.age });
    for (const id of breaks) {
      // A break after row id: the next page starts with a table's heading (the row after the blank one).
      expect(rowValues(sheet, id)).toEqual([]);
      expect(String(rowValues(sheet, id + 1)[0]), `break after row ${id}`).toMatch(new RegExp(`^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d+$`));
    }
  });

  it('heads the 単純集計 tables with what their columns hold, adds その他（少数） and ranks only as deep as the shares go', () => {
    const book = books.get(locale)!;
    const gt = book.sheet(t.gt);
    const all = [...gt.rows.keys()].map((row) => rowValues(gt, row));
    expect(all).not.toContainEqual([t.question, t.answered, t.noAnswer]);
    const modeAt = [...gt.rows.entries()].find(([, cells]) => cells[0].text === `Q02 ${words.mode}`)![0];
    expect(rowValues(gt, modeAt + 1)).toEqual([w.answer, t.count, t.share]);
    const bus = findRow(gt, words.bus, modeAt)!;
    expect(bus.map((c) => c.numFmt)).toEqual(['General', '#,##0', '0.0%']);
    expect(bus.every((c) => c.bordered)).toBe(true);
    expect(texts(findRow(gt, words.walk, modeAt))).toEqual([words.walk, t.hidden, t.hidden]);
    const fewer = findRow(gt, t.fewer, modeAt)!;
    expect(texts(fewer)).toEqual([t.fewer, 314, 0.2045]);
    expect(fewer.map((c) => c.numFmt)).toEqual(['General', '#,##0', '0.0%']);
    expect(0.5221 + 0.2734 + (fewer[2].number ?? 0)).toBeCloseTo(1, 6);
    const members = [words.walk, words.taxi].join(w.listSeparator);
    expect(gt.cells.some((c) => c.text === fillText(t.fewerNote, { min: MIN, members }))).toBe(true);

    const age = findRow(gt, t.answered)!;
    expect(age[1]).toMatchObject({ number: 1536, numFmt: '#,##0' });

    // A question with answers and numbers (issue 25): both tables, the numbers' as wide as its nine columns.
    const longAt = [...gt.rows.entries()].find(([, cells]) => cells[0].text === `Q06 ${words.long}`)![0];
    const numbersAt = [...gt.rows.keys()].find((row) => row > longAt && rowValues(gt, row).includes(t.sd))!;
    expect(rowValues(gt, numbersAt)).toEqual([t.answered, t.mean, t.sd, t.min, t.q1, t.median, t.q3, t.max]);
    expect(rowValues(gt, numbersAt + 1)).toEqual([1533, 1.46, 0.5, 1, 1, 1, 2, 2]);
    expect(gt.rows.get(numbersAt + 1)!.filter((c) => c.bordered)).toHaveLength(9);

    const rankingAt = [...gt.rows.entries()].find(([, cells]) => cells[0].text === `Q05 ${words.priorities}`)![0];
    expect(rowValues(gt, rankingAt + 1)).toEqual([w.item, t.n, ...[1, 2, 3].map((rank) => fillText(t.rank, { rank })), t.meanRank]);
  });

  it('writes no word of the other language, apart from the data', () => {
    const book = books.get(locale)!;
    const data = [...Object.values(words), 'ward-office-exit'].sort((a, b) => b.length - a.length);
    const ours = (text: string) => data.reduce((rest, word) => rest.split(word).join(' '), text);
    const shown = book.sheets.flatMap((sheet) => [sheet.name, ...sheet.cells.map((c) => c.text ?? ''), sheet.xml.match(/<oddFooter>([\s\S]*?)<\/oddFooter>/)?.[1] ?? '']).map(ours);
    if (locale === 'en') {
      expect(shown.filter((text) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text))).toEqual([]);
    } else {
      // The statistics keep their names (χ², Holm, Cramér's V) as Japanese reports print them.
      const names = /Q\d+|Holm|Cramér|Rao–Scott|Kruskal–Wallis|Welch|amp|&[A-Z]/g;
      expect(shown.filter((text) => /[A-Za-z]{2,}/.test(text.replace(names, '')))).toEqual([]);
    }
  });
});
