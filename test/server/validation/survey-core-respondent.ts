/**
 * A respondent driven by survey-core's own Model (issue 21, item 4): it visits
 * the pages in order, and for each visible, enabled question sets a random
 * valid value through the model (choices from `visibleChoices`, rating
 * `visibleRateValues`, numbers and dates within min/max, texts within
 * maxLength, matrix rows, multipletext items, matrix cells, dynamic panels),
 * sometimes skipping an optional one, sometimes changing its mind about an
 * earlier answer. The model re-evaluates its conditions after each set, so
 * what is asked next is what the form would show.
 *
 * The questions come from the model, never from the server's question index,
 * so a case the index gets wrong can be found.
 */
import { Model, type Question } from 'survey-core';
import { randomInt, type RandomSource } from '../../../analysis/stats/seeded-random.ts';
import type { SurveyDefinitionJson } from '../../../core/definitions/survey-definition.ts';
import { dataUrl, makeJpeg, makePdf, makePng } from '../../fixtures/attachment-bytes.ts';

type AnyQuestion = Question & Record<string, any>;

export const SKIPPED_TYPES = new Set(['html', 'expression', 'image', 'panel']);

export interface FilledResponse {
  /** The model after `doComplete()` (clearInvisibleValues "onComplete"), or before it when it has errors. */
  model: Model;
  /** `model.data` after completion; undefined when survey-core's model still has errors. */
  data: Record<string, unknown> | undefined;
}

export function newModel(json: SurveyDefinitionJson): Model {
  const model = new Model(json);
  model.locale = 'en';
  return model;
}

/** Fills one response through the model, and completes it when survey-core finds no error. */
export function fillWithSurveyCore(json: SurveyDefinitionJson, random: RandomSource): FilledResponse {
  const model = newModel(json);
  model.clearInvisibleValues = 'onComplete';
  const answered: AnyQuestion[] = [];
  for (let pageIndex = 0; pageIndex < model.pages.length; pageIndex++) {
    const page = model.pages[pageIndex];
    if (!page.isVisible) continue;
    // Questions are read again after each set: an answer may show or hide the next.
    const done = new Set<AnyQuestion>();
    for (;;) {
      const next = (page.questions as AnyQuestion[]).find((q) => !done.has(q) && q.isVisible && !q.isReadOnly && !SKIPPED_TYPES.has(q.getType()));
      if (next === undefined) break;
      done.add(next);
      // An optional question may be skipped, unless survey-core finds it wrong when empty (minSelectedChoices).
      if (!next.isRequired && random() < 0.2 && !next.hasErrors(false)) continue;
      answerQuestion(next, random);
      answered.push(next);
    }
    // A change of mind about an earlier answer, as residents do (issue 21's chain).
    if (answered.length > 0 && random() < 0.3) {
      const earlier = answered[randomInt(random, answered.length)];
      if (earlier.isVisible && !earlier.isReadOnly) answerQuestion(earlier, random);
    }
  }
  // As a respondent does when the form shows errors: answer again what survey-core finds wrong.
  for (let pass = 0; pass < 2 && model.hasErrors(false, false); pass++) {
    for (const question of model.getAllQuestions(true, false, false) as AnyQuestion[]) {
      if (!question.isReadOnly && !SKIPPED_TYPES.has(question.getType()) && question.hasErrors(false)) answerQuestion(question, random);
    }
  }
  if (model.hasErrors(false, false)) return { model, data: undefined };
  model.doComplete();
  return { model, data: structuredClone(model.data) as Record<string, unknown> };
}

/** Sets a random valid value; a value survey-core finds an error in is taken back. */
export function answerQuestion(question: AnyQuestion, random: RandomSource): void {
  for (let attempt = 0; attempt < 4; attempt++) {
    const value = randomValue(question, random);
    if (value === undefined) return;
    question.value = value;
    fillNested(question, random);
    if (!question.hasErrors(false)) return;
  }
  question.clearValue();
}

function pick<T>(random: RandomSource, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[randomInt(random, items.length)];
}

function choiceValues(question: AnyQuestion): unknown[] {
  // A value listed twice is one answer: the form ticks both boxes and stores it once.
  return [...new Set(choiceValues1(question))];
}

function choiceValues1(question: AnyQuestion): unknown[] {
  return ((question.visibleChoices ?? []) as Array<{ value: unknown; isEnabled?: boolean }>)
    .filter((choice) => choice.isEnabled !== false)
    .map((choice) => choice.value)
    .filter((value) => !['none', 'other', 'selectall', 'refuse', 'dontknow'].includes(String(value)) || random01Keep(value));
}

// "other"/"none" are special: kept out of generated answers (their comment rules differ).
function random01Keep(_value: unknown): boolean {
  return false;
}

function numberOr(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : fallback;
}

function randomText(question: AnyQuestion, random: RandomSource): string {
  const words = ['はい', 'ok', 'Sapporo', '北区の窓口', 'quiet', 'ramen 2'];
  const text = pick(random, words)!;
  const max = numberOr(question.maxLength, -1);
  return max > 0 ? text.slice(0, max) : text;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function randomDate(question: AnyQuestion, random: RandomSource): string {
  const min = Date.parse(typeof question.min === 'string' && question.min !== '' ? question.min : '2020-01-01');
  const max = Date.parse(typeof question.max === 'string' && question.max !== '' ? question.max : '2026-12-31');
  const low = Number.isFinite(min) ? min : Date.parse('2020-01-01');
  const high = Number.isFinite(max) && max >= low ? max : low + 365 * 86400000;
  const day = new Date(low + randomInt(random, Math.floor((high - low) / 86400000) + 1) * 86400000);
  return `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
}

function randomTextValue(question: AnyQuestion, random: RandomSource): unknown {
  switch (question.inputType) {
    case 'number':
    case 'range': {
      const min = numberOr(question.min, 0);
      const max = numberOr(question.max, min + 100);
      const step = numberOr(question.step, 1) || 1;
      const steps = Math.max(0, Math.floor((max - min) / step));
      return min + randomInt(random, steps + 1) * step;
    }
    case 'date':
      return randomDate(question, random);
    case 'datetime-local':
      return `${randomDate(question, random)}T${pad(randomInt(random, 24))}:${pad(randomInt(random, 60))}`;
    case 'month':
      return randomDate(question, random).slice(0, 7);
    case 'time':
      return `${pad(randomInt(random, 24))}:${pad(randomInt(random, 60))}`;
    case 'week':
      return `2025-W${pad(1 + randomInt(random, 52))}`;
    case 'email':
      return 'resident@example.jp';
    case 'url':
      return 'https://www.city.sapporo.jp/';
    case 'tel':
      return '011-211-2111';
    case 'color':
      return '#336699';
    default:
      return randomText(question, random);
  }
}

function randomSelection(question: AnyQuestion, values: unknown[], random: RandomSource): unknown[] {
  const min = Math.max(numberOr(question.minSelectedChoices, 0), question.isRequired ? 1 : 0);
  const maxAllowed = numberOr(question.maxSelectedChoices, 0) > 0 ? numberOr(question.maxSelectedChoices, 0) : values.length;
  const count = Math.min(values.length, min + randomInt(random, Math.max(1, maxAllowed - min + 1)));
  const shuffled = [...values].sort(() => random() - 0.5);
  return shuffled.slice(0, Math.max(count, Math.min(1, values.length)));
}

function randomValue(question: AnyQuestion, random: RandomSource): unknown {
  switch (question.getType()) {
    case 'text':
      return randomTextValue(question, random);
    case 'comment':
      return randomText(question, random);
    case 'radiogroup':
    case 'dropdown':
      return pick(random, choiceValues(question));
    case 'imagepicker':
      return question.multiSelect ? randomSelection(question, choiceValues(question), random) : pick(random, choiceValues(question));
    case 'checkbox':
    case 'tagbox':
      return randomSelection(question, choiceValues(question), random);
    case 'ranking': {
      const values = choiceValues(question);
      // With selectToRankEnabled the respondent ranks only what they pick, within min/maxSelectedChoices.
      if (question.selectToRankEnabled) return randomSelection(question, values, random);
      return [...values].sort(() => random() - 0.5);
    }
    case 'boolean':
      return random() < 0.5 ? question.valueTrue ?? true : question.valueFalse ?? false;
    case 'rating':
      return pick(random, ((question.visibleRateValues ?? []) as Array<{ value: unknown }>).map((item) => item.value));
    case 'matrix': {
      const columns = (question.visibleColumns as Array<{ value: unknown }>).map((column) => column.value);
      const value: Record<string, unknown> = {};
      for (const row of question.visibleRows as Array<{ name: string }>) {
        if (question.isAllRowRequired || random() < 0.8) value[row.name] = pick(random, columns);
      }
      return value;
    }
    case 'multipletext': {
      const value: Record<string, unknown> = {};
      for (const item of question.items as Array<Record<string, any>>) {
        if (item.isRequired || random() < 0.8) value[item.name] = randomTextValue(item.editor, random);
      }
      return value;
    }
    case 'matrixdropdown':
      return {};
    case 'matrixdynamic': {
      const min = numberOr(question.minRowCount, 0);
      const max = Math.min(numberOr(question.maxRowCount, min + 3), min + 3);
      question.rowCount = min + randomInt(random, Math.max(1, max - min + 1));
      return undefined === question.value ? [] : question.value;
    }
    case 'paneldynamic': {
      const min = numberOr(question.minPanelCount, 0);
      const max = Math.min(numberOr(question.maxPanelCount, min + 3), min + 3);
      question.panelCount = Math.max(min, min + randomInt(random, Math.max(1, max - min + 1)));
      return question.value ?? [];
    }
    case 'signaturepad':
      // What the pad's canvas gives (toDataURL in its dataFormat), at the pad's size.
      return question.dataFormat === 'jpeg' ? SIGNATURE_JPEG : SIGNATURE_PNG;
    case 'file': {
      // What FileReader.readAsDataURL gives for files the chooser offers (acceptedTypes), one or up to maxFiles.
      const offered = FILES.filter((file) => accepts(String(question.renderedAcceptedTypes ?? ''), file.type));
      const most = question.allowMultiple ? Math.min(numberOr(question.maxFiles, 3), 3) : 1;
      return Array.from({ length: 1 + randomInt(random, most) }, (_, index) => ({ ...pick(random, offered)!, name: `photo-${index + 1}` }));
    }
    default:
      return undefined;
  }
}

/** Cells of matrices and questions of dynamic panels, set through their own editors. */
function fillNested(question: AnyQuestion, random: RandomSource): void {
  const type = question.getType();
  if (type === 'matrixdropdown' || type === 'matrixdynamic') {
    for (const row of question.visibleRows as Array<Record<string, any>>) {
      for (const cell of row.cells as Array<Record<string, any>>) {
        const editor = cell.question as AnyQuestion;
        if (!editor || !editor.isVisible || editor.isReadOnly || SKIPPED_TYPES.has(editor.getType())) continue;
        if (!editor.isRequired && random() < 0.3) continue;
        answerSimple(editor, random);
      }
    }
  } else if (type === 'paneldynamic') {
    for (const panel of question.panels as Array<Record<string, any>>) {
      const done = new Set<AnyQuestion>();
      for (;;) {
        const next = (panel.questions as AnyQuestion[]).find((q) => !done.has(q) && q.isVisible && !q.isReadOnly && !SKIPPED_TYPES.has(q.getType()));
        if (next === undefined) break;
        done.add(next);
        if (!next.isRequired && random() < 0.2) continue;
        answerSimple(next, random);
      }
    }
  }
}

function answerSimple(question: AnyQuestion, random: RandomSource): void {
  answerQuestion(question, random);
}

const SIGNATURE_PNG = dataUrl('image/png', makePng(300, 200));
const SIGNATURE_JPEG = dataUrl('image/jpeg', makeJpeg(296, 200));
const FILES = [
  { type: 'image/png', content: dataUrl('image/png', makePng(64, 48)) },
  { type: 'image/jpeg', content: dataUrl('image/jpeg', makeJpeg(64, 48)) },
  { type: 'application/pdf', content: dataUrl('application/pdf', makePdf()) },
];

/** Whether the file chooser's accept list ("image/*,.pdf") offers files of `type` (empty: any). */
function accepts(accept: string, type: string): boolean {
  if (accept.trim() === '') return true;
  const extensions: Record<string, string[]> = { 'image/png': ['.png'], 'image/jpeg': ['.jpg', '.jpeg'], 'application/pdf': ['.pdf'] };
  return accept.split(',').some((token) => {
    const t = token.trim().toLowerCase();
    return t === type || t === `${type.split('/')[0]}/*` || (extensions[type] ?? []).includes(t);
  });
}
