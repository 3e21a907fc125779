/**
 * The report's `summaries` (単純集計): one entry per planned question, labelled in the plan's
 * language, from the columns of the response table. A question fewer than the minimum group
 * size answered shows only that it was suppressed (docs/analysis.md, "Question summaries").
 */
import type { FewerItem, NumericDescription, QuestionSummary, SummaryItem, SummaryRow, Suppression } from '../../contracts/report.ts';
import { localizeText } from '../../core/definitions/localize-text.ts';
import type { PlannedVariable, ReportPlan, SummaryPlan } from '../plan/plan-report.ts';
import { protectLineAndSums } from '../suppression/protect-line.ts';
import { describeCounts } from '../stats/describe-counts.ts';
import type { CountedAnswers } from '../table/count-answers.ts';
import type { CommentColumn, MultipleColumn, NumberColumn, ResponseTable, SingleColumn, TableColumn } from '../table/response-table.ts';
import { summarizeMultiple, summarizeNumeric, summarizeRanking, summarizeSingle, type ItemCount, type Rows } from './summarize-answers.ts';

export interface SummarizeOptions {
  weights?: Float64Array | null;
  mask?: ArrayLike<number> | null;
  /** The table's answers counted as it was read; used for the unweighted, unfiltered summaries. */
  counted?: CountedAnswers | null;
}

export function summarizeQuestions(
  table: ResponseTable,
  plan: ReportPlan,
  options: SummarizeOptions = {},
): { summaries: QuestionSummary[]; suppressed: Suppression[] } {
  const rows: Rows = { rowCount: table.rowCount, weights: options.weights, mask: options.mask, counted: options.counted };
  const variables = new Map(plan.variables.map((variable) => [variable.name, variable]));
  const suppressed: Suppression[] = [];
  const summaries = plan.summaries.map((summary) => {
    const result = summary.shape === 'matrixdropdown' ? summarizeCellColumn(table, summary, variables, rows, plan) : summarizeQuestion(table, summary, variables, rows, plan);
    // A matrixdropdown column is a place of its own: summaries.<question>.<column>.<row>.
    const at = `summaries.${summary.question}${summary.column !== undefined ? `.${summary.column}` : ''}`;
    // Each place also in words (issue 26): 「設問 — 行: 回答」 (a matrixdropdown column's label is already 「設問 — 列」).
    if (result.suppressed) suppressed.push({ where: at, label: result.label, reason: `fewer than ${plan.minGroupSize} respondents answered`, rule: 'small' });
    if (summary.column !== undefined && !result.suppressed) {
      for (const row of result.rows ?? []) {
        if (row.suppressed) suppressed.push({ where: `${at}.${row.row}`, label: `${result.label} — ${row.label}`, reason: `fewer than ${plan.minGroupSize} respondents answered`, rule: 'small' });
      }
    }
    const hiddenItems = [
      ...(result.items ?? []).map((item) => ({ item, where: at, place: result.label })),
      ...(result.rows ?? []).flatMap((row) => row.items.map((item) => ({ item, where: `${at}.${row.row}`, place: `${result.label} — ${row.label}` }))),
    ];
    for (const { item, where, place } of hiddenItems) {
      if (!item.suppressed) continue;
      const label = `${place}: ${item.label}`;
      suppressed.push(
        item.suppressed === 'small'
          ? { where: `${where}=${String(item.value)}`, label, reason: `fewer than ${plan.minGroupSize} respondents gave this answer`, rule: 'small' }
          : { where: `${where}=${String(item.value)}`, label, reason: 'hidden so that a smaller answer cannot be derived from the total', rule: 'complementary' },
      );
    }
    return result;
  });
  return { summaries, suppressed };
}

function summarizeQuestion(
  table: ResponseTable,
  summary: SummaryPlan,
  variables: Map<string, PlannedVariable>,
  rows: Rows,
  plan: ReportPlan,
): QuestionSummary {
  const label = localizeText(summary.title, plan.language, summary.question);
  const first = variables.get(summary.variables[0]);
  const base = { question: summary.question, label, type: summary.type, ordered: first?.ordinal ?? false };
  if (!first) return { ...base, answered: null, noAnswer: 0, notSummarised: summary.notSummarised };
  const hide = (answered: number) => answered > 0 && answered < plan.minGroupSize;

  if (summary.shape === 'text') {
    const column = table.byName.get(first.name) as CommentColumn;
    let answered = 0;
    let considered = 0;
    for (let row = 0; row < table.rowCount; row++) {
      if (rows.mask && !rows.mask[row]) continue;
      considered += 1;
      answered += column.answered[row];
    }
    return { ...base, answered: hide(answered) ? null : answered, noAnswer: considered - answered, notSummarised: summary.notSummarised, ...(hide(answered) ? { suppressed: true } : {}) };
  }

  if (summary.shape === 'numeric') {
    const result = summarizeNumeric((table.byName.get(first.name) as NumberColumn).numbers, rows);
    if (hide(result.answered)) return { ...base, answered: null, noAnswer: result.noAnswer, suppressed: true };
    return { ...base, answered: result.answered, noAnswer: result.noAnswer, numeric: result.numeric, histogram: result.histogram };
  }

  if (summary.shape === 'matrix') {
    const matrixRows: SummaryRow[] = summary.variables.map((name) => {
      const variable = variables.get(name)!;
      const rowLabel = localizeText(variable.rowText, plan.language, variable.row ?? name);
      const answers = table.byName.get(name)!;
      if (answers.kind === 'multiple') {
        // A checkbox matrix: each row's columns as a checkbox's options (each stands alone).
        const chosen = summarizeMultiple(answers.answered, answers.cells, rows, rows.counted?.totals(name));
        if (hide(chosen.answered)) return { row: variable.row!, label: rowLabel, answered: null, items: [], suppressed: true };
        return { row: variable.row!, label: rowLabel, answered: chosen.answered, items: itemsOf(variable, chosen.items, plan, 'multiple').items };
      }
      const column = answers as SingleColumn;
      const result = summarizeSingle(column.codes, variable.values.length, rows, variable.ordinal ? { scores: variable.scores, best: 'high' } : undefined, rows.counted?.totals(column.name));
      if (hide(result.answered)) return { row: variable.row!, label: rowLabel, answered: null, items: [], suppressed: true };
      const { items, topTwoShown } = itemsOf(variable, result.items, plan, 'single');
      const fewer = fewerOf(items, result.items);
      return {
        row: variable.row!,
        label: rowLabel,
        answered: result.answered,
        items,
        ...(fewer ? { fewer } : {}),
        ...(variable.ordinal ? { mean: result.mean ?? null, topTwo: topTwoShown ? (result.topTwo ?? null) : null } : {}),
      };
    });
    const answered = Math.max(0, ...matrixRows.map((row) => row.answered ?? 0));
    const considered = countRows(rows);
    return { ...base, answered, noAnswer: considered - answered, rows: matrixRows };
  }

  const column = table.byName.get(first.name)!;
  if (summary.shape === 'ranking') {
    const ranking = column as MultipleColumn;
    const result = summarizeRanking(ranking.answered, ranking.cells, rows, rows.counted?.rankings(ranking.name));
    if (hide(result.answered)) return { ...base, answered: null, noAnswer: result.noAnswer, suppressed: true };
    const depth = Math.max(1, ...result.items.map((item) => item.ranks.reduce((deepest, rank, position) => (rank.share > 0 ? position + 1 : deepest), 0)));
    return {
      ...base,
      answered: result.answered,
      noAnswer: result.noAnswer,
      ranks: result.items.map((item, code) => ({
        value: first.values[code],
        label: valueLabel(first, code, plan),
        ranked: item.ranked,
        // Only as deep as anyone ranked: the question caps that (selectToRankEnabled with
        // maxSelectedChoices), so 4位–8位 of a top-3 ranking are not columns of zeros.
        shares: item.ranks.slice(0, depth).map((rank) => rank.share),
        meanRank: item.meanRank,
      })),
    };
  }
  const result =
    column.kind === 'single'
      ? summarizeSingle(column.codes, first.values.length, rows, first.ordinal ? { scores: first.scores, best: 'high' } : undefined, rows.counted?.totals(column.name))
      : summarizeMultiple((column as MultipleColumn).answered, (column as MultipleColumn).cells, rows, rows.counted?.totals(column.name));
  if (hide(result.answered)) return { ...base, answered: null, noAnswer: result.noAnswer, suppressed: true };
  const { items, topTwoShown } = itemsOf(first, result.items, plan, column.kind === 'single' ? 'single' : 'multiple');
  const fewer = column.kind === 'single' ? fewerOf(items, result.items) : undefined;
  return {
    ...base,
    answered: result.answered,
    noAnswer: result.noAnswer,
    items,
    ...(fewer ? { fewer } : {}),
    ...(first.ordinal ? { mean: result.mean ?? null, topTwo: topTwoShown ? (result.topTwo ?? null) : null } : {}),
    ...(column.kind === 'single' && first.ordinal && first.values.every((value) => typeof value === 'number')
      ? { numeric: describeScale(first, column as SingleColumn, result.items, rows) }
      : {}),
  };
}

/**
 * One column of a matrixdropdown (issue 25): a row per matrix row, read as the column's cell
 * type reads. Choices are summarised as a matrix row's (single: the one-line rule with its
 * 「その他（少数）」; checkbox: each option alone; a rating also gets mean and top-two); numbers
 * as a number question's (`numeric`, no items); text and computed cells only count who answered.
 * `answered` is the respondents with any cell of the column; under the minimum the column is
 * hidden whole, and a row under it is hidden alone.
 */
function summarizeCellColumn(table: ResponseTable, summary: SummaryPlan, variables: Map<string, PlannedVariable>, rows: Rows, plan: ReportPlan): QuestionSummary {
  const label = localizeText(summary.title, plan.language, summary.question);
  const cells = summary.variables.map((name) => ({ variable: variables.get(name)!, column: table.byName.get(name)! }));
  const base = {
    question: summary.question,
    label,
    type: summary.type,
    column: summary.column,
    cellType: summary.cellType,
    ordered: cells[0]?.variable.ordinal ?? false,
  };
  const hide = (answered: number) => answered > 0 && answered < plan.minGroupSize;
  const hasAnswer = (column: TableColumn, row: number) =>
    column.kind === 'single' ? column.codes[row] >= 0 : column.kind === 'number' ? !Number.isNaN(column.numbers[row]) : column.answered[row] === 1;
  let answered = 0;
  let considered = 0;
  for (let row = 0; row < table.rowCount; row++) {
    if (rows.mask && !rows.mask[row]) continue;
    considered += 1;
    if (cells.some(({ column }) => hasAnswer(column, row))) answered += 1;
  }
  if (hide(answered)) return { ...base, answered: null, noAnswer: considered - answered, suppressed: true };
  const summaryRows: SummaryRow[] = cells.map(({ variable, column }) => {
    const rowLabel = localizeText(variable.rowText, plan.language, variable.row!);
    const hidden = { row: variable.row!, label: rowLabel, answered: null, items: [], suppressed: true };
    if (column.kind === 'number') {
      const result = summarizeNumeric(column.numbers, rows);
      if (hide(result.answered)) return hidden;
      const numeric = result.numeric ? (({ n: _n, ...description }) => description)(result.numeric) : null;
      return { row: variable.row!, label: rowLabel, answered: result.answered, items: [], numeric };
    }
    if (column.kind === 'comment') {
      let n = 0;
      for (let row = 0; row < table.rowCount; row++) if ((!rows.mask || rows.mask[row]) && column.answered[row]) n += 1;
      return hide(n) ? hidden : { row: variable.row!, label: rowLabel, answered: n, items: [] };
    }
    if (column.kind === 'single') {
      const result = summarizeSingle(column.codes, variable.values.length, rows, variable.ordinal ? { scores: variable.scores, best: 'high' } : undefined, rows.counted?.totals(column.name));
      if (hide(result.answered)) return hidden;
      const { items, topTwoShown } = itemsOf(variable, result.items, plan, 'single');
      const fewer = fewerOf(items, result.items);
      return {
        row: variable.row!,
        label: rowLabel,
        answered: result.answered,
        items,
        ...(fewer ? { fewer } : {}),
        ...(variable.ordinal ? { mean: result.mean ?? null, topTwo: topTwoShown ? (result.topTwo ?? null) : null } : {}),
      };
    }
    const result = summarizeMultiple(column.answered, column.cells, rows, rows.counted?.totals(column.name));
    if (hide(result.answered)) return hidden;
    return { row: variable.row!, label: rowLabel, answered: result.answered, items: itemsOf(variable, result.items, plan, 'multiple').items };
  });
  return { ...base, answered, noAnswer: considered - answered, rows: summaryRows };
}

/**
 * A scale of numbers (a rating) summarised as numbers too (issue 25): from the counts when
 * unweighted, one pass; weighted through the answers, as a number question's.
 */
function describeScale(variable: PlannedVariable, column: SingleColumn, counts: ItemCount[], rows: Rows): NumericDescription | null {
  if (rows.weights) {
    const scores = new Float64Array(rows.rowCount);
    for (let row = 0; row < rows.rowCount; row++) scores[row] = column.codes[row] < 0 ? Number.NaN : variable.scores[column.codes[row]];
    const { numeric } = summarizeNumeric(scores, rows);
    if (!numeric) return null;
    const { n: _n, ...description } = numeric;
    return description;
  }
  const order = variable.scores.map((score, code) => ({ score, code })).sort((a, b) => a.score - b.score);
  const described = describeCounts(
    order.map(({ score }) => score),
    order.map(({ code }) => counts[code].count),
  );
  if (!described) return null;
  const { n: _n, ...description } = described;
  return description;
}

/**
 * An answer fewer than the minimum group size gave is hidden, as a small group is everywhere
 * else: a single-choice question's answers add up to those who answered, so one hidden answer
 * takes the next-smallest with it (the complementary rule), and the hidden ones are shown added
 * up (`fewer`), which must reach the minimum too; a checkbox's options do not add up, so each
 * stands alone. `topTwoShown`: whether the top-two share can stand beside the hidden answers
 * without giving one away.
 */
function itemsOf(variable: PlannedVariable, items: ItemCount[], plan: ReportPlan, kind: 'single' | 'multiple'): { items: SummaryItem[]; topTwoShown: boolean } {
  const counts = items.map((item) => item.count);
  const line =
    kind === 'single'
      ? protectLineAndSums(counts, plan.minGroupSize, { shownTogether: true, sums: variable.ordinal ? scaleSums(variable) : [] })
      : { hidden: counts.map((n) => (n > 0 && n < plan.minGroupSize ? ('small' as const) : null)), sumsShown: true };
  const hidden = line.hidden;
  const summaryItems = items.map((item, code) => {
    const base = { value: variable.values[code], label: valueLabel(variable, code, plan) };
    const reason = hidden[code];
    return reason ? { ...base, count: null, share: null, suppressed: reason } : { ...base, count: item.count, share: item.share };
  });
  return { items: summaryItems, topTwoShown: line.sumsShown };
}

/**
 * What else an ordered scale's summary shows about its counts by subtraction: the top-two share,
 * the sum of two of them. A hidden answer is then protected inside its half of the scale too.
 * The mean (Σ score × count) is not listed: see docs/analysis.md, "Suppression", "Not covered".
 */
export function scaleSums(variable: PlannedVariable): number[][] {
  const ranked = variable.scores.map((score, code) => ({ score, code })).sort((a, b) => b.score - a.score);
  const topTwo = new Set(ranked.slice(0, 2).map(({ code }) => code));
  return [variable.scores.map((_, code) => (topTwo.has(code) ? 1 : 0))];
}

/** The hidden answers added up: 「その他（少数）」, so a single answer's bars reach 100 %. */
function fewerOf(items: SummaryItem[], counts: ItemCount[]): FewerItem | undefined {
  const hidden = items.flatMap((item, code) => (item.suppressed ? [code] : []));
  if (hidden.length === 0) return undefined;
  return {
    values: hidden.map((code) => items[code].value),
    count: hidden.reduce((sum, code) => sum + counts[code].count, 0),
    share: hidden.reduce((sum, code) => sum + counts[code].share, 0),
  };
}

export function valueLabel(variable: PlannedVariable, code: number, plan: ReportPlan): string {
  return localizeText(variable.valueTexts[code], plan.language, String(variable.values[code]));
}

function countRows(rows: Rows): number {
  if (!rows.mask) return rows.rowCount;
  let n = 0;
  for (let row = 0; row < rows.rowCount; row++) if (rows.mask[row]) n += 1;
  return n;
}
