/**
 * Synthetic answers to the questions made of cells: multipletext (one text per item),
 * matrixdropdown (a cell per row and column) and matrixdynamic (rows the respondent adds).
 * A required item or column is always filled, because survey-core asks for it even when the
 * rest of the question is left empty; the other cells are filled now and then.
 */
import { cellQuestion, ratingValues, type CellColumn, type ChoiceItem, type ListedQuestion } from '../../core/definitions/list-questions.ts';
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
    const value = answerCell(question, column, columnJson.get(column.name) ?? {}, phrases, random);
    if (value !== undefined) cells[column.name] = value;
  }
  if (Object.keys(cells).length === 0 && mustAnswer) {
    for (const column of columns) {
      const value = answerCell(question, column, columnJson.get(column.name) ?? {}, phrases, random);
      if (value === undefined) continue;
      cells[column.name] = value;
      break;
    }
  }
  return Object.keys(cells).length > 0 ? cells : undefined;
}

/** A cell's answer, read as survey-core reads the column (cellQuestion): its choices, rating values, boolean values. */
function answerCell(matrix: ListedQuestion, column: CellColumn, json: Json, phrases: ReadonlyArray<string>, random: RandomSource): unknown {
  const cellType = column.cellType;
  const choices: ChoiceItem[] = column.choices ?? [];
  const pick = () => choices[Math.floor(random() * choices.length)].value;
  switch (cellType) {
    case 'dropdown':
    case 'radiogroup':
      return choices.length > 0 ? pick() : undefined;
    case 'checkbox':
    case 'tagbox':
      return choices.length > 0 ? [pick()] : undefined;
    case 'boolean': {
      // survey-core stores valueTrue / valueFalse when the column sets them.
      const yes = random() < 0.5;
      const stored = yes ? json.valueTrue : json.valueFalse;
      return stored === undefined ? yes : stored;
    }
    case 'rating': {
      // rateValues, else rateMin…rateMax by rateStep, as a rating question's.
      const values = ratingValues(cellQuestion(matrix, column));
      return values[Math.floor(random() * values.length)].value;
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
