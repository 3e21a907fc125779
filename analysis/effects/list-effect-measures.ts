/**
 * What 効果検証 compares, for every summary item of the plan (issue 28), in survey order:
 * - a single answer that is not a scale, a matrix row of words: each choice's share;
 * - a checkbox (needs questions included): each option's share of those who answered;
 * - a ranking (a needs ranking): each item's share of those who ranked anything ("chose" it, as
 *   the needs section counts);
 * - an ordered scale (a rating, a Likert matrix row): the top-two share and the mean score;
 * - a number answer: the mean.
 * Meta variables and the channel (where the answer was given, not what), the pilot variable and,
 * for now, matrixdropdown cells (whose column the contract's effect cannot name yet) are left out.
 * `y` is built on demand (one row array at a time, so a million rows stay cheap): 0/1 for a
 * share, the score or number for a mean, NaN for a respondent without an answer.
 */
import { localizeText } from '../../core/definitions/localize-text.ts';
import type { AnswerValue } from '../../contracts/report.ts';
import type { PlannedVariable, ReportPlan } from '../plan/plan-report.ts';
import type { MultipleColumn, NumberColumn, ResponseTable, SingleColumn } from '../table/response-table.ts';

export interface EffectMeasure {
  question: string;
  label: string;
  row?: string;
  rowLabel?: string;
  option?: AnswerValue;
  optionLabel?: string;
  topTwo?: boolean;
  measure: 'share' | 'mean';
  y: () => Float64Array;
}

export function listEffectMeasures(table: ResponseTable, plan: ReportPlan, exclude: ReadonlySet<string> = new Set()): EffectMeasure[] {
  const variables = new Map(plan.variables.map((variable) => [variable.name, variable]));
  const measures: EffectMeasure[] = [];
  const rows = table.rowCount;
  for (const summary of plan.summaries) {
    if (summary.notSummarised !== undefined) continue;
    const label = localizeText(summary.title, plan.language, summary.question);
    for (const name of summary.variables) {
      const variable = variables.get(name);
      const column = table.byName.get(name);
      // Answers only: not the response meta (the ward, the channel), which say where it was answered.
      if (!variable || !column || exclude.has(name) || (variable.source.from !== 'data' && variable.source.from !== 'matrix')) continue;
      const base = { question: summary.question, label, ...(variable.row !== undefined ? { row: variable.row, rowLabel: localizeText(variable.rowText, plan.language, variable.row) } : {}) };
      const option = (code: number) => ({ option: variable.values[code], optionLabel: localizeText(variable.valueTexts[code], plan.language, String(variable.values[code])) });
      if (column.kind === 'single') {
        const codes = (column as SingleColumn).codes;
        if (variable.ordinal) {
          const top = topTwoCodes(variable);
          measures.push({ ...base, topTwo: true, measure: 'share', y: () => fill(rows, (row) => (codes[row] < 0 ? Number.NaN : top.has(codes[row]) ? 1 : 0)) });
          measures.push({ ...base, measure: 'mean', y: () => fill(rows, (row) => (codes[row] < 0 ? Number.NaN : variable.scores[codes[row]])) });
        } else {
          variable.values.forEach((_, code) => {
            measures.push({ ...base, ...option(code), measure: 'share', y: () => fill(rows, (row) => (codes[row] < 0 ? Number.NaN : codes[row] === code ? 1 : 0)) });
          });
        }
      } else if (column.kind === 'multiple' || column.kind === 'ranking') {
        const { answered, cells } = column as MultipleColumn;
        variable.values.forEach((_, code) => {
          measures.push({ ...base, ...option(code), measure: 'share', y: () => fill(rows, (row) => (answered[row] ? (cells[code][row] > 0 ? 1 : 0) : Number.NaN)) });
        });
      } else if (column.kind === 'number') {
        const { numbers } = column as NumberColumn;
        // The column is as long as the table's capacity: its rows only.
        measures.push({ ...base, measure: 'mean', y: () => numbers.slice(0, rows) });
      }
    }
  }
  return measures;
}

/** The two best points of a scale (the highest scores), as the summaries' top-two share. */
function topTwoCodes(variable: PlannedVariable): Set<number> {
  const ranked = variable.scores.map((score, code) => ({ score, code })).sort((a, b) => b.score - a.score);
  return new Set(ranked.slice(0, 2).map(({ code }) => code));
}

function fill(rows: number, value: (row: number) => number): Float64Array {
  const y = new Float64Array(rows);
  for (let row = 0; row < rows; row++) y[row] = value(row);
  return y;
}
