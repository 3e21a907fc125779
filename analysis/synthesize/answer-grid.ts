/**
 * Synthetic answers to the questions made of cells: multipletext (one text per item),
 * matrixdropdown (a cell per row and column) and matrixdynamic (rows the respondent adds).
 * A required item or column is always filled, because survey-core asks for it even when the
 * rest of the question is left empty; the other cells are filled now and then.
 */
import type { ChoiceItem, ListedQuestion } from '../../core/definitions/list-questions.ts';
import type { RandomSource } from '../stats/seeded-random.ts';
import { writeTypedText } from './write-typed-text.ts';

type Json = Record<string, unknown>;
type Cells = Record<string, unknown>;

/** How often an optional item or cell gets an answer. */
const OPTIONAL_RATE = 0.5;

export function answerMultipleText(question: ListedQuestion, required: boolean, phrases: ReadonlyArray<string>, random: RandomSource): Cells | undefined {
  const items = Array.isArray(question.json.items) ? (question.json.items as Json[]).filter((item) => typeof item.name === 'string') : [];
  const answer: Cells = {};
  for (const item of items) {
    if (item.isRequired === true || random() < OPTIONAL_RATE) answer[item.name as string] = writeTypedText(item, phrases, random);
  }
  if (Object.keys(answer).length === 0 && required && items.length > 0) {
    answer[items[0].name as string] = writeTypedText(items[0], phrases, random);
  }
  return Object.keys(answer).length > 0 ? answer : undefined;
}

export function answerMatrixDropdown(question: ListedQuestion, required: boolean, phrases: ReadonlyArray<string>, random: RandomSource): Record<string, Cells> | undefined {
  const answer: Record<string, Cells> = {};
  for (const row of question.rows ?? []) {
    const cells = answerRow(question, phrases, random, required && Object.keys(answer).length === 0);
    if (cells) answer[String(row.value)] = cells;
  }
  return Object.keys(answer).length > 0 ? answer : undefined;
}

export function answerMatrixDynamic(question: ListedQuestion, required: boolean, phrases: ReadonlyArray<string>, random: RandomSource): Cells[] | undefined {
  const json = question.json;
  const number = (value: unknown, fallback: number) => (typeof value === 'number' && value >= 0 ? Math.floor(value) : fallback);
  const minRows = Math.max(number(json.minRowCount, 0), required ? 1 : 0);
  const maxRows = Math.max(minRows, Math.min(number(json.maxRowCount, 5), 5));
  const rowCount = minRows + Math.floor(random() * (maxRows - minRows + 1));
  const rows: Cells[] = [];
  for (let index = 0; index < rowCount; index++) rows.push(answerRow(question, phrases, random, true) ?? {});
  return rows.length > 0 ? rows : undefined;
}

/** One row's cells: every required column, and each other column now and then. */
function answerRow(question: ListedQuestion, phrases: ReadonlyArray<string>, random: RandomSource, mustAnswer: boolean): Cells | undefined {
  const columns = question.cellColumns ?? [];
  const columnJson = new Map(
    (Array.isArray(question.json.columns) ? (question.json.columns as Json[]) : []).map((column) => [column.name as string, column]),
  );
  const cells: Cells = {};
  for (const column of columns) {
    if (!column.isRequired && random() >= OPTIONAL_RATE) continue;
    const value = answerCell(column.cellType, column.choices ?? [], columnJson.get(column.name) ?? {}, phrases, random);
    if (value !== undefined) cells[column.name] = value;
  }
  if (Object.keys(cells).length === 0 && mustAnswer) {
    for (const column of columns) {
      const value = answerCell(column.cellType, column.choices ?? [], columnJson.get(column.name) ?? {}, phrases, random);
      if (value === undefined) continue;
      cells[column.name] = value;
      break;
    }
  }
  return Object.keys(cells).length > 0 ? cells : undefined;
}

function answerCell(cellType: string, choices: ChoiceItem[], json: Json, phrases: ReadonlyArray<string>, random: RandomSource): unknown {
  const pick = () => choices[Math.floor(random() * choices.length)].value;
  switch (cellType) {
    case 'dropdown':
    case 'radiogroup':
      return choices.length > 0 ? pick() : undefined;
    case 'checkbox':
    case 'tagbox':
      return choices.length > 0 ? [pick()] : undefined;
    case 'boolean':
      return random() < 0.5;
    case 'rating': {
      const min = typeof json.rateMin === 'number' ? json.rateMin : 1;
      const max = typeof json.rateMax === 'number' ? json.rateMax : 5;
      return min + Math.floor(random() * (max - min + 1));
    }
    case 'text':
      return writeTypedText(json, phrases, random);
    case 'comment':
      return writeTypedText({ ...json, inputType: 'text' }, phrases, random);
    default:
      // expression cells are computed by survey-core, never answered.
      return undefined;
  }
}
