/**
 * Exports mask personal data in free text by default (issue 14,
 * docs/decisions/0093-personal-data-masked-exports-and-audit.md): what residents
 * typed goes through analysis/text/mask-personal-data.ts; choice codes, numbers
 * and meta fields are never touched. The store keeps the original: records are
 * copied, never changed.
 *
 * Free text is, wherever it sits in the answers (issue 20, finding 3):
 * - the answer of a text or comment question, and each item of a multipletext;
 * - every `<name>-Comment` ("other" text, comment areas), at the top, in a dynamic panel or in a matrix row;
 * - text and comment cells of matrixdynamic and matrixdropdown questions (the column's `cellType`, or the
 *   matrix's), and the text questions of a matrix's detail panel;
 * - all of these inside dynamic panels, nested to any depth.
 * The plan of where to look is built once per export from every kept version of the definition.
 */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { listQuestions } from '../../core/definitions/list-questions.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { toLocale } from '../../core/i18n/locale.ts';
import { maskText } from '../../analysis/text/mask-personal-data.ts';

const FREE_TEXT_TYPES = new Set(['text', 'comment', 'multipletext']);
const TEXT_CELL_TYPES = new Set(['text', 'comment']);
const MATRIX_TYPES = new Set(['matrixdynamic', 'matrixdropdown']);

/** How to mask the value stored under one key. A key may be several of these across versions. */
export interface MaskNode {
  /** A text or comment answer (a string), or a multipletext's ({item: string}). */
  text: boolean;
  /** A matrixdynamic / matrixdropdown: its rows' keys that hold text (text and comment cells, detail-panel text). */
  cells?: Set<string>;
  /** A dynamic panel: how to mask the keys of each of its panels. */
  panel?: MaskPlan;
}

/** Value key → how to mask it. */
export type MaskPlan = Map<string, MaskNode>;

function nodeIn(plan: MaskPlan, key: string): MaskNode {
  let node = plan.get(key);
  if (!node) plan.set(key, (node = { text: false }));
  return node;
}

/** Where free text sits in the answers of any of `versions`. */
export function freeTextPlan(versions: readonly SurveyDefinition[]): MaskPlan {
  const root: MaskPlan = new Map();
  // A dynamic panel's template questions carry the panel's name as `scope` (listQuestions lists the panel first):
  // its plan, by that name. One plan per value key across versions, so what any version held as text is masked.
  const panels = new Map<string, MaskPlan>();
  for (const version of versions) {
    for (const question of listQuestions(version.json)) {
      const key = typeof question.json.valueName === 'string' ? question.json.valueName : question.name;
      const plan = question.scope === undefined ? root : (panels.get(question.scope) ?? root);
      if (FREE_TEXT_TYPES.has(question.type)) nodeIn(plan, key).text = true;
      else if (question.type === 'paneldynamic') {
        const node = nodeIn(plan, key);
        node.panel ??= panels.get(question.name) ?? new Map();
        panels.set(question.name, node.panel);
      } else if (MATRIX_TYPES.has(question.type)) {
        const node = nodeIn(plan, key);
        const cells = (node.cells ??= new Set());
        for (const column of question.cellColumns ?? []) if (TEXT_CELL_TYPES.has(column.cellType)) cells.add(column.name);
        for (const name of detailTextQuestions(question.json.detailElements)) cells.add(name);
      }
    }
  }
  return root;
}

/** Text and comment questions of a matrix's detail panel, whose answers sit in the row beside the cells. */
function detailTextQuestions(elements: unknown): string[] {
  const names: string[] = [];
  const walk = (items: unknown) => {
    if (!Array.isArray(items)) return;
    for (const item of items) {
      if (item === null || typeof item !== 'object') continue;
      const element = item as Record<string, unknown>;
      if (element.type === 'panel') walk(element.elements);
      else if (typeof element.type === 'string' && FREE_TEXT_TYPES.has(element.type) && typeof element.name === 'string') {
        names.push(typeof element.valueName === 'string' ? element.valueName : element.name);
      }
    }
  };
  walk(elements);
  return names;
}

/** `records` with free text masked, placeholders in `locale` (the export's language). */
export async function* maskFreeText(records: AsyncIterable<ResponseRecord>, versions: readonly SurveyDefinition[], locale: string): AsyncGenerator<ResponseRecord> {
  const plan = freeTextPlan(versions);
  const language = toLocale(locale);
  for await (const record of records) yield { ...record, data: maskObject(record.data, plan, undefined, language) };
}

type Language = 'ja' | 'en';

/**
 * A copy of `data` (the answers, one dynamic panel, or one matrix row) with free text masked:
 * keys in `plan` by their node, keys in `cells` and every `-Comment` key as text.
 */
function maskObject(data: Record<string, unknown>, plan: MaskPlan | undefined, cells: Set<string> | undefined, locale: Language): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const node = plan?.get(key);
    if (node) out[key] = maskNode(value, node, locale);
    else if (cells?.has(key) || key.endsWith('-Comment')) out[key] = maskString(value, locale);
    else out[key] = value;
  }
  return out;
}

function maskNode(value: unknown, node: MaskNode, locale: Language): unknown {
  if (typeof value === 'string') return node.text ? maskText(value, locale) : value;
  if (Array.isArray(value)) {
    // matrixdynamic rows, or dynamic panels: objects, each masked by the cells and the panel's plan.
    if (!node.cells && !node.panel) return value;
    return value.map((item) => (isPlainObject(item) ? maskObject(item, node.panel, node.cells, locale) : item));
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === 'string') out[key] = node.text ? maskText(inner, locale) : inner; // a multipletext item
      else if (node.cells && isPlainObject(inner)) out[key] = maskObject(inner, undefined, node.cells, locale); // a matrixdropdown row
      else out[key] = inner;
    }
    return out;
  }
  return value;
}

function maskString(value: unknown, locale: Language): unknown {
  return typeof value === 'string' ? maskText(value, locale) : value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
