/**
 * 自由記述's text analysis (issue 27, report.text) for the printed report and the workbook: the
 * word frequencies (top 30 with their share, and by the first breakdown's groups), the
 * co-occurrence network as a picture (layout-network.ts), and the coding rules' codes by group with
 * the cross-tabs' marks and test lines. The figures are defined in docs/text-analysis.md. Pure.
 */
import type { Report, TextAnalysis, TextCodeCell, TextCodeTest } from '../../contracts/report.ts';
import { defineTexts } from '../i18n/define-texts.ts';
import type { Locale } from '../i18n/locale.ts';
import { formatCount, formatPercent } from '../i18n/number-format.ts';
import type { TextNetwork } from '../../contracts/report.ts';
import { describeCrosstabTest, fillText, tabulationTexts } from './tabulation-texts.ts';
import type { Section, Table } from './view-types.ts';

/** Words the frequency tables list. */
export const TOP_WORDS = 30;

export const textTexts = defineTexts({
  ja: {
    analysed: (n: string, withWords: string) => `分析した記入 ${n}件（うち語を含むもの ${withWords}件）`,
    hidden: (min: number) => `記入者が ${min} 人未満のため、語と分類は示していません。`,
    wordsHeading: (shown: number) => `よく使われた語（上位${shown}語）`,
    wordsNote: '件数＝その語を含む記入の数、割合＝件数 ÷ 分析した記入。名詞・動詞・形容詞を基本形で数え、複合名詞はつなげています。',
    rank: '順位',
    word: '語',
    count: '件数',
    share: '割合',
    byGroupHeading: (by: string) => `よく使われた語（区分別: ${by}）`,
    byGroupNote: '各区分の記入のうち、その語を含むものの割合。',
    networkHeading: '語の共起ネットワーク',
    networkNote: (words: number, edges: number, min: number) =>
      `同じ記入に一緒に現れる語を線で結んでいます（頻出 ${words}語のうち、Jaccard 係数の大きい ${edges}本まで、${min}件以上の記入で共起したもの）。円の面積は語を含む記入の数、色は Louvain 法で求めたまとまり、線の太さと濃さは Jaccard 係数。`,
    noNetwork: '線で結べる語の組がありません。',
    codesHeading: (by: string) => `分類（コーディングルール）× ${by}`,
    codesTotalHeading: '分類（コーディングルール）',
    codesNote: '各分類の条件に当てはまる記入の割合（一つの記入が複数の分類に当てはまります）。',
    code: '分類',
  },
  en: {
    analysed: (n, withWords) => `${n} comments analysed (${withWords} with at least one word)`,
    hidden: (min) => `Fewer than ${min} respondents wrote one, so words and codes are not shown.`,
    wordsHeading: (shown) => `Most frequent words (top ${shown})`,
    wordsNote: 'Count = comments containing the word; share = count ÷ comments analysed. Nouns, verbs and adjectives in their base forms, compound nouns joined.',
    rank: 'Rank',
    word: 'Word',
    count: 'Count',
    share: 'Share',
    byGroupHeading: (by) => `Most frequent words by ${by}`,
    byGroupNote: 'The share of each group’s comments that contain the word.',
    networkHeading: 'Co-occurrence network',
    networkNote: (words, edges, min) =>
      `Words written in the same comment are joined (up to ${edges} pairs with the highest Jaccard coefficient among the ${words} most frequent words, written together in at least ${min} comments). Circle area: comments containing the word; colour: Louvain community; line width and darkness: Jaccard.`,
    noNetwork: 'No pair of words to join.',
    codesHeading: (by) => `Codes (coding rules) by ${by}`,
    codesTotalHeading: 'Codes (coding rules)',
    codesNote: 'The share of comments each code’s condition holds for (a comment can have several codes).',
    code: 'Code',
  },
});

export interface TextView {
  notes: string[];
  words?: Section;
  byGroup?: Section;
  network?: { heading: string; notes: string[]; network: TextNetwork };
  codes?: Section;
}

/** A code cell as the cross-tabs write a share: ＊ when hidden, the mark after the share. */
function codeShare(cell: TextCodeCell | undefined, locale: Locale): string {
  const t = tabulationTexts(locale);
  if (!cell) return '—';
  if (cell.count === null) return t.hidden;
  if (cell.share === null) return cell.count === 0 ? formatPercent(0, locale) : t.hidden;
  return cell.mark ? `${formatPercent(cell.share, locale)} ${cell.mark}` : formatPercent(cell.share, locale);
}

/** The code test as the cross-tabs' test line (Pearson's χ², Holm over every code test of the report). */
function codeTestLine(test: TextCodeTest | null, locale: Locale): string {
  return describeCrosstabTest(test && { ...test, method: 'pearson' }, locale);
}

export function describeText(text: TextAnalysis, report: Report, locale: Locale): TextView {
  const words = textTexts(locale);
  const t = tabulationTexts(locale);
  const count = (n: number) => formatCount(n, locale);
  if (text.hidden) return { notes: [words.hidden(report.minGroupSize)] };
  const notes = [words.analysed(count(text.comments.n), count(text.comments.withWords))];
  const top = text.words.slice(0, TOP_WORDS);
  const view: TextView = { notes };
  if (top.length > 0) {
    view.words = {
      heading: words.wordsHeading(top.length),
      notes: [words.wordsNote],
      table: {
        columns: [words.rank, words.word, words.count, words.share],
        numeric: [true, false, true, true],
        rows: top.map((word, index) => [String(index + 1), word.word, count(word.count), formatPercent(word.share, locale)]),
        repeat: 2,
      },
    };
  }
  if (text.byGroup && top.length > 0) {
    const groups = text.byGroup.groups;
    const table: Table = {
      columns: [words.word, ...groups.map((group) => `${group.label} (n = ${group.n === null ? t.hidden : count(group.n)})`)],
      numeric: [false, ...groups.map(() => true)],
      rows: text.byGroup.rows.slice(0, TOP_WORDS).map((row) => [row.word, ...row.cells.map((cell) => (cell.share === null ? t.hidden : formatPercent(cell.share, locale)))]),
    };
    if (table.rows.some((row) => row.includes(t.hidden)) || groups.some((group) => group.n === null)) table.hides = true;
    view.byGroup = { heading: words.byGroupHeading(text.byLabel ?? text.by ?? ''), notes: [words.byGroupNote], table };
  }
  const rule = text.network.rule;
  view.network = {
    heading: words.networkHeading,
    notes: [text.network.edges.length > 0 ? words.networkNote(rule.candidateWords, rule.maxEdges, rule.minCooccurrence) : words.noNetwork],
    network: text.network,
  };
  if (text.codes.length > 0) {
    const crosstab = text.codeCrosstabs;
    const codeNames = text.codes.map((code) => code.code);
    const rows: string[][] = [];
    const footnotes: string[] = [words.codesNote];
    if (crosstab) {
      rows.push([t.total, crosstab.total.n === null ? t.hidden : count(crosstab.total.n), ...crosstab.total.cells.map((cell) => codeShare(cell, locale))]);
      for (const group of crosstab.groups) rows.push([group.label, group.n === null ? t.hidden : count(group.n), ...group.cells.map((cell) => codeShare(cell, locale))]);
      if (crosstab.merged) {
        rows.push([t.fewer, crosstab.merged.n === null ? t.hidden : count(crosstab.merged.n), ...crosstab.merged.cells.map((cell) => codeShare(cell, locale))]);
        const members = crosstab.merged.members.map((index) => crosstab.groups[index]?.label ?? String(index));
        footnotes.push(fillText(t.fewerGroupNote, { min: report.minGroupSize, members: members.join(locale === 'ja' ? '、' : ', ') }));
      }
      crosstab.tests.forEach((test, index) => footnotes.push(`${codeNames[index]}: ${codeTestLine(test, locale)}`));
      footnotes.push(t.marksNote);
    } else {
      rows.push([t.total, count(text.comments.n), ...text.codes.map((code) => formatPercent(code.share, locale))]);
    }
    const table: Table = { columns: [t.group, t.n, ...codeNames], numeric: [false, true, ...codeNames.map(() => true)], rows, repeat: 2 };
    if (rows.some((row) => row.includes(t.hidden))) table.hides = true;
    view.codes = { heading: crosstab ? words.codesHeading(text.byLabel ?? text.by ?? '') : words.codesTotalHeading, notes: [], table, footnotes };
  }
  return view;
}
