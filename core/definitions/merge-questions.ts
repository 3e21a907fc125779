/**
 * The questions of every version of one survey, merged by name: responses to several versions
 * are analysed together, so a question's allowed values are the union over the versions that
 * have it (newest version's order first), and its title, type and annotation are the newest's.
 * Meta variables (e.g. the kiosk's ward) become questions of the same shape, as the
 * definitions contract asks: analysis treats them exactly like an answered segment question.
 */
import { cellQuestion, listQuestions, ratingValues, type ChoiceItem, type ListedQuestion } from './list-questions.ts';
import type { AnalysisAnnotation, DefinitionVersion, LocalizableText } from './survey-definition.ts';
import type { AnswerValue } from '../../contracts/report.ts';
import { ReportInputError } from './report-input-error.ts';
import { WARDS } from '../../contracts/wards.ts';
import { CHANNELS } from '../../contracts/submission.ts';
import { tabulationTexts } from '../report-view/tabulation-texts.ts';

export type AnswerShape = 'single' | 'multiple' | 'ranking' | 'matrix' | 'matrixdropdown' | 'text' | 'numeric' | 'other';

/**
 * One column of a matrixdropdown: a cell question asked once per row, described as a question of
 * its cell type (cellQuestion): its shape and allowed values. "other" is a cell nobody answers
 * (expression: survey-core computes and stores it) or of a type analysis does not read.
 */
export interface MergedCell {
  name: string;
  cellType: string;
  title?: LocalizableText;
  shape: Exclude<AnswerShape, 'matrix' | 'matrixdropdown' | 'ranking'> | 'other';
  values: ChoiceItem[];
  /**
   * The cell may store a text beside its answer under `<column><commentSuffix>` in the row (an
   * "other" item, or a comment area), as survey-core does and the server accepts.
   */
  comment?: boolean;
}

export interface MergedQuestion {
  name: string;
  /** SurveyJS type of the newest version that has it; "meta" for a meta variable. */
  type: string;
  shape: AnswerShape;
  title?: LocalizableText;
  analysis?: AnalysisAnnotation;
  /** Allowed answer values (choices, rating values, or matrix columns). */
  values: ChoiceItem[];
  /** Matrix rows. */
  rows: ChoiceItem[];
  /** A matrix with `cellType: "checkbox"`: each row answers a list of columns, not one. */
  multipleCells?: boolean;
  /** matrixdropdown: its cell columns, in the newest version's order (then older versions' columns). */
  cells?: MergedCell[];
  /** Read from `meta[metaKey]` instead of `data[name]`. */
  metaKey?: string;
  /** Read from the record's `channel` (kiosk, online) instead of `data[name]`: see RESPONSE_META. */
  channel?: boolean;
  /** Added by responseMeta, not declared by the definitions: a report keeps it only where the data has groups to compare. */
  implicit?: boolean;
  /** Versions that ask it, ascending. */
  versions: number[];
}

/** Texts for the values SurveyJS adds itself (showOtherItem, showNoneItem, …). */
const SPECIAL_TEXTS: Record<string, LocalizableText> = {
  other: { ja: 'その他', en: 'Other' },
  none: { ja: '該当なし', en: 'None' },
  refused: { ja: '回答しない', en: 'Prefer not to answer' },
  dontknow: { ja: 'わからない', en: "Don't know" },
};

const SINGLE_TYPES = new Set(['radiogroup', 'dropdown', 'rating', 'boolean', 'buttongroup']);
const MULTIPLE_TYPES = new Set(['checkbox', 'tagbox']);
const TEXT_TYPES = new Set(['text', 'comment']);
/** A text question with these input types answers a number, as survey-core stores it. */
const NUMBER_INPUT_TYPES = new Set(['number', 'range']);

/** Definitions must all be of one survey; the result is in the newest version's question order. */
export function mergeQuestions(definitions: ReadonlyArray<DefinitionVersion>): Map<string, MergedQuestion> {
  const newestFirst = [...definitions].sort((a, b) => b.version - a.version);
  const merged = new Map<string, MergedQuestion>();
  for (const definition of newestFirst) {
    const questions: Array<Omit<MergedQuestion, 'versions'>> = [
      ...listQuestions(definition.json)
        .filter((question) => question.scope === undefined) // answers inside dynamic panels are not analysed
        .map(describeQuestion),
      ...definition.metaVariables.map((meta) => ({
        name: meta.name,
        type: 'meta',
        shape: 'single' as const,
        title: meta.title,
        analysis: meta.analysis,
        values: meta.choices.map((choice) => ({ value: choice.value, text: choice.text })),
        rows: [],
        metaKey: meta.from,
      })),
    ];
    const inThisVersion = new Map<string, Omit<MergedQuestion, 'versions'>>();
    for (const question of questions) {
      // Two questions of one version may share a name, and so one value (survey-core allows it; check warns):
      // the first stands for both, counted once.
      const sibling = inThisVersion.get(question.name);
      if (sibling !== undefined) {
        if (sibling.shape !== question.shape || sibling.metaKey !== question.metaKey || sibling.multipleCells !== question.multipleCells) {
          throw new ReportInputError(
            `question ${JSON.stringify(question.name)} is asked twice in version ${definition.version}, as a ${describeShape(sibling)} ` +
              `and as a ${describeShape(question)}; the two share one value, so they must keep one kind of answer`,
          );
        }
        continue;
      }
      inThisVersion.set(question.name, question);
      const known = merged.get(question.name);
      if (!known) {
        merged.set(question.name, { ...question, versions: [definition.version] });
        continue;
      }
      if (known.shape !== question.shape || known.metaKey !== question.metaKey || known.multipleCells !== question.multipleCells) {
        throw new ReportInputError(
          `question ${JSON.stringify(question.name)} is a ${describeShape(known)} in version ${known.versions.at(-1)} ` +
            `but a ${describeShape(question)} in version ${definition.version}; versions can only be analysed together when a name keeps its kind of answer`,
        );
      }
      known.values = unionOf(known.values, question.values);
      known.rows = unionOf(known.rows, question.rows);
      if (known.cells && question.cells) known.cells = mergeCells(known, known.cells, question.cells, definition.version);
      known.versions.unshift(definition.version);
    }
  }
  for (const question of responseMeta(merged, newestFirst.map((definition) => definition.version).reverse())) merged.set(question.name, question);
  return merged;
}

/** How the shipped surveys' ward meta variable reads (survey-definitions/ward-office-exit). */
const WARD_META_TITLE = { ja: '回答した区役所', en: 'Ward office where the survey was answered' };
const CHANNEL_TITLE = { ja: '回答方法', en: 'Channel' };

/**
 * What every stored record carries whatever its definitions declare (issue 25), as meta variables
 * after the declared ones: `meta.ward`, which the server writes for an enrolled tablet
 * (server/enrollment/admit-submission.ts), with the ten wards of contracts/wards.ts as a shipped
 * survey's ward meta variable lists them, when no meta variable of the definitions reads it; and
 * the record's `channel` (kiosk, online; named as 調査概要 names them), always. Each is named
 * `ward` / `channel`, or `meta.ward` / `meta.channel` when a question already has that name.
 */
function responseMeta(merged: Map<string, MergedQuestion>, versions: number[]): MergedQuestion[] {
  const nameFor = (name: string) => (merged.has(name) ? `meta.${name}` : name);
  const base = { type: 'meta', shape: 'single' as const, rows: [], versions, implicit: true };
  const added: MergedQuestion[] = [];
  if (![...merged.values()].some((question) => question.metaKey === 'ward')) {
    added.push({ ...base, name: nameFor('ward'), title: WARD_META_TITLE, values: WARDS.map((ward) => ({ value: ward.code, text: { ja: ward.ja, en: ward.en } })), metaKey: 'ward' });
  }
  const [ja, en] = [tabulationTexts('ja').channelNames, tabulationTexts('en').channelNames];
  added.push({ ...base, name: nameFor('channel'), title: CHANNEL_TITLE, values: CHANNELS.map((channel) => ({ value: channel, text: { ja: ja[channel] ?? channel, en: en[channel] ?? channel } })), channel: true });
  return added;
}

/** The kind of answer a question stores, as analysis reads it ("matrixdropdown" and the like are "other"). */
export function answerShapeOf(question: ListedQuestion): AnswerShape {
  return describeQuestion(question).shape;
}

function describeQuestion(question: ListedQuestion): Omit<MergedQuestion, 'versions'> {
  const base = { name: question.name, type: question.type, title: question.title, analysis: question.analysis, rows: [] as ChoiceItem[] };
  const type = question.type;
  const multiSelect = question.json.multiSelect === true;
  if (type === 'matrix') {
    return { ...base, shape: 'matrix', values: question.columns ?? [], rows: question.rows ?? [], ...(question.json.cellType === 'checkbox' ? { multipleCells: true } : {}) };
  }
  if (type === 'matrixdropdown') {
    const cells = (question.cellColumns ?? []).map((column): MergedCell => {
      const cell = cellQuestion(question, column);
      const described = describeQuestion(cell);
      const shape = described.shape === 'single' || described.shape === 'multiple' || described.shape === 'numeric' || described.shape === 'text' ? described.shape : 'other';
      const comment = cell.specialChoiceValues?.includes('other') === true || cell.json.showCommentArea === true || cell.json.hasComment === true;
      return { name: column.name, cellType: column.cellType, ...(column.title !== undefined ? { title: column.title } : {}), shape, values: shape === 'other' ? [] : described.values, ...(comment ? { comment } : {}) };
    });
    return { ...base, shape: 'matrixdropdown', values: [], rows: question.rows ?? [], cells };
  }
  if (type === 'rating') return { ...base, shape: 'single', values: ratingValues(question) };
  if (type === 'boolean') {
    const valueTrue = question.json.valueTrue;
    const valueFalse = question.json.valueFalse;
    return {
      ...base,
      shape: 'single',
      values: [
        { value: isScalar(valueTrue) ? valueTrue : true, text: (question.json.labelTrue as LocalizableText) ?? { ja: 'はい', en: 'Yes' } },
        { value: isScalar(valueFalse) ? valueFalse : false, text: (question.json.labelFalse as LocalizableText) ?? { ja: 'いいえ', en: 'No' } },
      ],
    };
  }
  // Two choices with one value store the same answer (survey-core allows it; check warns): the first names it.
  const choices = firstOfEach([
    ...(question.choices ?? []),
    ...(question.specialChoiceValues ?? []).map((value) => ({ value, text: SPECIAL_TEXTS[value] })),
  ]);
  if (SINGLE_TYPES.has(type) || (type === 'imagepicker' && !multiSelect)) return { ...base, shape: 'single', values: choices };
  if (MULTIPLE_TYPES.has(type) || (type === 'imagepicker' && multiSelect)) return { ...base, shape: 'multiple', values: choices };
  if (type === 'ranking') return { ...base, shape: 'ranking', values: firstOfEach(question.choices ?? []) };
  if (type === 'text' && NUMBER_INPUT_TYPES.has(question.json.inputType as string)) return { ...base, shape: 'numeric', values: [] };
  if (TEXT_TYPES.has(type)) return { ...base, shape: 'text', values: [] };
  return { ...base, shape: 'other', values: [] };
}

/**
 * A matrixdropdown's columns over versions: by name, newest first; a column keeps its kind of
 * answer (a dropdown column that becomes a checkbox stores another kind of value) and its values
 * are the union, as a question's are.
 */
function mergeCells(question: Pick<MergedQuestion, 'name' | 'versions'>, newer: MergedCell[], older: MergedCell[], olderVersion: number): MergedCell[] {
  const merged = newer.map((cell) => ({ ...cell }));
  for (const cell of older) {
    const known = merged.find((candidate) => candidate.name === cell.name);
    if (!known) {
      merged.push({ ...cell });
      continue;
    }
    if (known.shape !== cell.shape) {
      throw new ReportInputError(
        `column ${JSON.stringify(cell.name)} of matrix ${JSON.stringify(question.name)} is a ${known.cellType} cell (${known.shape} answer) in version ${question.versions.at(-1)} ` +
          `but a ${cell.cellType} cell (${cell.shape} answer) in version ${olderVersion}; versions can only be analysed together when a column keeps its kind of answer`,
      );
    }
    known.values = unionOf(known.values, cell.values);
    if (cell.comment) known.comment = true;
  }
  return merged;
}

function firstOfEach(items: ChoiceItem[]): ChoiceItem[] {
  const seen = new Set<AnswerValue>();
  return items.filter((item) => !seen.has(item.value) && Boolean(seen.add(item.value)));
}

function unionOf(newer: ChoiceItem[], older: ChoiceItem[]): ChoiceItem[] {
  const seen = new Set<AnswerValue>(newer.map((item) => item.value));
  return [...newer, ...older.filter((item) => !seen.has(item.value))];
}

function describeShape(question: Pick<MergedQuestion, 'shape' | 'type' | 'metaKey' | 'multipleCells'>): string {
  if (question.metaKey !== undefined) return `meta variable (meta.${question.metaKey})`;
  return `${question.type} (${question.multipleCells ? 'checkbox matrix' : question.shape} answer)`;
}

function isScalar(value: unknown): value is AnswerValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
