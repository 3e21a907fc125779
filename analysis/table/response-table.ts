/**
 * The respondents of one survey as columns of small typed arrays: only the answers a report
 * needs, each coded as an index into the values the definitions allow. A million responses
 * then take a few tens of megabytes instead of a million JS objects
 * (docs/decisions/0040-columnar-streaming-report.md).
 *
 * - `single` (radiogroup, dropdown, rating, boolean, one matrix row, a meta variable):
 *   `codes[row]` is the value's index in `values`, or −1 when the respondent gave no answer.
 * - `multiple` (checkbox, tagbox): `answered[row]` is 1 when the respondent chose anything;
 *   `cells[code][row]` is 1 when they chose that value.
 * - `ranking`: `answered[row]` is 1 when they ranked anything; `cells[code][row]` is the
 *   1-based rank they gave that value, 0 when they did not rank it.
 * - `number` (a text question with `inputType: "number"`): `numbers[row]` is the answer, NaN when
 *   the respondent gave none.
 * - `comment` (text, comment): `answered[row]` is 1 when they wrote something; the texts
 *   themselves are kept only for a seeded sample, and, for the variables the spec names in
 *   `keepTexts` (text analysis, issue 27), every non-blank text with its row.
 *
 * Every row also keeps when the response was completed and through which channel it came, for
 * the report's 調査概要 (fieldwork period, n by channel; issue 11).
 */
import { CHANNELS } from '../../contracts/submission.ts';

import type { AnswerValue } from '../../contracts/report.ts';

export type { AnswerValue };

export type VariableKind = 'single' | 'multiple' | 'ranking' | 'number' | 'comment';

/** Where a variable's answer sits in a stored record. */
export type VariableSource =
  | { from: 'data'; key: string }
  /** One row of a matrix question: `data[key][row]`. */
  | { from: 'matrix'; key: string; row: string }
  | { from: 'meta'; key: string }
  /**
   * One cell of a matrixdropdown: `data[key][row][column]`. `computed`: a cell nobody types
   * (an expression column, stored by survey-core as any JSON value): only whether it holds
   * something is read, into a comment column without texts.
   */
  | { from: 'matrixCell'; key: string; row: string; column: string; computed?: boolean }
  /** The record's `channel` (kiosk, online): a single answer whose values are TABLE_CHANNELS, none when unknown. */
  | { from: 'channel' };

export interface VariableSpec {
  /** Unique in the table: the question name, the meta variable name, `matrix.row`, or `matrix.row.column` (a matrixdropdown cell). */
  name: string;
  kind: VariableKind;
  source: VariableSource;
  /** Every value the definitions allow, in their order: a value's code is its index here. */
  values: AnswerValue[];
}

export interface TableSpec {
  surveyId: string;
  /** Definition versions a record may name. */
  versions: number[];
  variables: VariableSpec[];
  /** How many comment texts to keep per comment question (a seeded sample). */
  commentSampleSize: number;
  /**
   * Comment variables whose every non-blank text is kept with its row (CommentColumn.texts), for text analysis
   * (issue 27). Absent or empty: only the sample, so a report without text analysis costs nothing more.
   */
  keepTexts?: readonly string[];
  seed: number;
}

export interface SingleColumn extends VariableSpec {
  kind: 'single';
  codes: Int16Array;
  codeOf: Map<AnswerValue, number>;
}

export interface MultipleColumn extends VariableSpec {
  kind: 'multiple' | 'ranking';
  codeOf: Map<AnswerValue, number>;
  answered: Uint8Array;
  /** One array per value code: chosen (0/1) or rank (0 = not ranked). */
  cells: Uint8Array[];
}

export interface CommentColumn extends VariableSpec {
  kind: 'comment';
  /** 1 when the respondent wrote something. */
  answered: Uint8Array;
  /** A seeded sample of the texts (offer-comment.ts); `key` orders it. */
  sample: Array<{ row: number; key: number; text: string }>;
  /**
   * Every non-blank text and its row, rows ascending, when the spec names the variable in `keepTexts`; else
   * absent. Unmasked, as stored: whoever shows or analyses them masks them first.
   */
  texts?: CommentTexts;
}

export interface CommentTexts {
  rows: number[];
  texts: string[];
}

export interface NumberColumn extends VariableSpec {
  kind: 'number';
  /** The answer; NaN for none. */
  numbers: Float64Array;
}

export type TableColumn = SingleColumn | MultipleColumn | NumberColumn | CommentColumn;

export interface ResponseTable {
  spec: TableSpec;
  rowCount: number;
  capacity: number;
  /** The definition version each record named. */
  version: Int32Array;
  /** Where each row came from: the JSONL line number, or the index in the records given. */
  origin: Int32Array;
  /** The record's `completedAt` as epoch milliseconds; NaN when it has none that parses. */
  completedAt: Float64Array;
  /** The record's `startedAt`, likewise: with completedAt, how long answering took (調査概要). */
  startedAt: Float64Array;
  /** The record's `channel` as an index into TABLE_CHANNELS; NO_CHANNEL when unknown. */
  channel: Uint8Array;
  /**
   * 1 when the record's meta names a kiosk: the server stores `kioskId` only for a tablet that sent an
   * enrolled credential (issue 20), so these rows came from enrolled tablets. Left 0 when a meta
   * variable reads `kioskId` itself: that column then says it (see kioskIdColumn).
   */
  kiosk: Uint8Array;
  columns: TableColumn[];
  byName: Map<string, TableColumn>;
}

/** Ranks are stored in a byte; SurveyJS rankings this long do not exist in practice. */
export const MAX_RANKED_ITEMS = 255;
/** Codes are Int16. */
export const MAX_VALUES = 32767;

/** The meta key an enrolled tablet's id is stored under. */
export const KIOSK_ID_KEY = 'kioskId';

/** The column that reads meta.kioskId, if a meta variable does; else the table's `kiosk` flags hold it. */
export function kioskIdColumn(columns: ReadonlyArray<TableColumn>): TableColumn | undefined {
  return columns.find((column) => column.source.from === 'meta' && column.source.key === KIOSK_ID_KEY);
}

/** The channels a row's `channel` code indexes. */
export const TABLE_CHANNELS: ReadonlyArray<string> = CHANNELS;
export const NO_CHANNEL = 255;
