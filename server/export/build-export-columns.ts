/**
 * The columns of a response export, built once per export from the survey's
 * definitions; the CSV, XLSX and codebook writers all use them, for the API
 * route and the CLI alike (docs/decisions/0064-export-layout-and-streaming.md).
 *
 * - one column per question;
 * - checkbox/tagbox: one 0/1 column per option (blank when the question was not answered);
 * - matrix: one column per row; matrixdropdown: one per row and column;
 * - ranking: one column per item holding its rank (1 = first);
 * - `<name>-Comment` (the "other" text or a comment area): a column of its own;
 * - matrixdynamic: its row count, then wide columns `q[1].col … q[N].col`, N = maxRowCount up to
 *   DYNAMIC_WIDE_ROWS (rows beyond it are only in the question's long table, build-long-tables.ts);
 * - paneldynamic: its panel count; the panels themselves are a long table, one row per panel.
 * Labels come from survey-core in the chosen language, exactly as respondents saw them.
 * Questions of older versions that the current one dropped get columns at the end.
 */
import { Model, type ItemValue, type Question } from 'survey-core';
import 'survey-core/i18n/japanese';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { localizeText } from '../../core/definitions/localize-text.ts';
import { markedTest, type MarkedResponses } from '../test-markings/marked-responses.ts';
import { isAttachmentType } from '../../core/definitions/attachment-types.ts';
import { attachmentPaths } from './attachment-files.ts';

export type CellValue = string | number | null;

export interface CodeLabel {
  code: string | number | boolean;
  label: string;
}

/**
 * A matrixdynamic gets wide columns for at most this many rows: 10 rows × a few columns stays a sheet an
 * analyst can scroll, while survey-core's default maxRowCount (1000) would add thousands of mostly empty ones.
 * A larger maxRowCount also gets a long table with every row (docs/decisions/0064-export-layout-and-streaming.md).
 */
export const DYNAMIC_WIDE_ROWS = 10;

/** `T`: what one row of the table is made from; a response for the main table, a row or panel for a long table. */
export interface ExportColumn<T = ResponseRecord> {
  /** Stable machine name, the header in `codes` mode: `purpose`, `improvements.online`, `satisfaction.waiting`. */
  key: string;
  /** The header in `labels` mode, in the export's language. */
  label: string;
  /** The question (or meta field) the column comes from. */
  source: string;
  /** SurveyJS type, or `meta`. */
  type: string;
  /** What the codes in this column mean; empty for free values. */
  codes: CodeLabel[];
  /** How to read the column when codes do not say it all, e.g. "1 = selected, 0 = not selected". */
  note: string;
  /** The cell for one record, in the mode the columns were built for. */
  cell(record: T): CellValue;
}

export interface ExportColumnOptions {
  /** Language of labels and headers, e.g. "ja" or "en". */
  locale: string;
  /** `labels`: cells and headers in words; `codes`: the stored values and keys. */
  mode: 'labels' | 'codes';
  /** The export includes test answers (`includeTest=1`, issue 30): a `test` column says which rows they are. */
  includeTest?: boolean;
  /** Responses marked as test data by hand (issue 30): their `test` cell is 1 too, as a meta.test answer's. */
  marked?: MarkedResponses;
}

type AnyQuestion = Question & Record<string, any>;

/** Fixed texts of our own columns and notes; survey texts come from the definition. */
const TEXTS = {
  id: { ja: '回答ID', en: 'Response ID' },
  submissionId: { ja: '送信ID', en: 'Submission ID' },
  surveyVersion: { ja: '調査票の版', en: 'Survey version' },
  channel: { ja: '回答経路', en: 'Channel' },
  locale: { ja: '回答言語', en: 'Answer language' },
  kioskId: { ja: '端末ID', en: 'Kiosk ID' },
  test: { ja: 'テスト回答', en: 'Test answer' },
  triggerSet: {
    ja: 'トリガーが設定する値（回答者は答えない。フォームが計算した値）',
    en: 'Set by a trigger (the respondent never answers it; the value the form computed)',
  },
  calculated: { ja: '計算値（回答からフォームが計算した値）', en: 'Calculated value (computed by the form from the answers)' },
  attachment: {
    ja: '添付（署名・画像・PDF）はセルに入れない。ファイルはエクスポートの隣のフォルダ「<出力ファイル名>.attachments」に「回答ID/設問名[-番号].拡張子」で置く（個人情報を含むエクスポートのみ）。セルはそのパス（複数は「; 」区切り）、空欄 = 添付なし',
    en: 'attachments (signatures, images, PDFs) are never in a cell: the files are in the folder "<export file name>.attachments" beside the export, as "<response id>/<question>[-n].<ext>" (only in exports that include personal data); the cell lists their paths ("; " between several), blank = none',
  },
  testNote: {
    ja: '1 = テスト回答（テストモードの端末から、またはテストデータとして指定されたもの。集計には含めない）、0 = 通常の回答',
    en: '1 = a test answer (from a kiosk in test mode, or marked as test data; not to be counted), 0 = a real answer',
  },
  kioskIdNote: {
    ja: '登録済みタブレットのみ（区も登録時のもの）。空欄 = 登録済みタブレットではない（未登録の端末、オンライン）',
    en: 'enrolled tablets only (their ward too is the enrolled one); blank = not an enrolled tablet (an unenrolled device, or online)',
  },
  startedAt: { ja: '回答開始日時', en: 'Started at' },
  completedAt: { ja: '回答完了日時', en: 'Completed at' },
  receivedAt: { ja: '受信日時', en: 'Received at' },
  kiosk: { ja: 'タブレット', en: 'Kiosk' },
  online: { ja: 'オンライン', en: 'Online' },
  selected: { ja: '1 = 選択、0 = 非選択、空欄 = 無回答', en: '1 = selected, 0 = not selected, blank = not answered' },
  rank: { ja: '順位（1 = 最優先）、空欄 = 順位なし', en: 'rank (1 = first), blank = not ranked' },
  utc: { ja: 'ISO 8601（UTC）', en: 'ISO 8601 (UTC)' },
  otherText: { ja: '記述', en: 'text' },
  yes: { ja: 'はい', en: 'Yes' },
  rowCount: { ja: '行数（各行は右の列）', en: 'number of rows (each row in the columns that follow)' },
  rowCountLong: { ja: '行数。最初の{n}行は右の列、全行は表「{table}」', en: 'number of rows; the first {n} in the columns that follow, every row in table "{table}"' },
  panelCount: { ja: 'パネル数。各パネルは表「{table}」に1行ずつ', en: 'number of panels; each panel is one row of table "{table}"' },
  no: { ja: 'いいえ', en: 'No' },
} as const;

export function text(key: keyof typeof TEXTS, locale: string, fill: Record<string, string | number> = {}): string {
  const entry = TEXTS[key] as Record<string, string>;
  return (entry[locale] ?? entry.en).replace(/\{(\w+)\}/g, (_, name: string) => String(fill[name]));
}

/**
 * Columns for records of `versions` (every kept version of one survey, the
 * current first): the current version's order, then columns only older versions have.
 */
export function buildExportColumns(versions: readonly SurveyDefinition[], options: ExportColumnOptions): ExportColumn[] {
  if (versions.length === 0) throw new Error('buildExportColumns needs at least one definition version');
  const columns = metaColumns(versions[0], options);
  const seen = new Set(columns.map((c) => c.key));
  for (const definition of versions) {
    for (const column of questionColumns(definition, options)) {
      if (seen.has(column.key)) continue;
      seen.add(column.key);
      columns.push(column);
    }
  }
  return columns;
}

function metaColumns(definition: SurveyDefinition, { locale, mode, includeTest, marked }: ExportColumnOptions): ExportColumn[] {
  const plain = (key: 'id' | 'submissionId' | 'startedAt' | 'completedAt' | 'receivedAt', note = ''): ExportColumn => ({
    key,
    label: text(key, locale),
    source: key,
    type: 'meta',
    codes: [],
    note,
    cell: (record) => record[key],
  });
  const channelCodes: CodeLabel[] = (['kiosk', 'online'] as const).map((code) => ({ code, label: text(code, locale) }));
  const columns: ExportColumn[] = [
    plain('id'),
    plain('submissionId'),
    { key: 'surveyVersion', label: text('surveyVersion', locale), source: 'surveyVersion', type: 'meta', codes: [], note: '', cell: (r) => r.surveyVersion },
    choiceColumn('channel', text('channel', locale), 'channel', 'meta', channelCodes, mode, (r) => r.channel),
    { key: 'locale', label: text('locale', locale), source: 'meta.locale', type: 'meta', codes: [], note: '', cell: (r) => r.meta.locale ?? null },
    // Only an enrolled kiosk's credential sets it (server/enrollment/admit-submission.ts), so it tells enrolled tablets apart.
    { key: 'kioskId', label: text('kioskId', locale), source: 'meta.kioskId', type: 'meta', codes: [], note: text('kioskIdNote', locale), cell: (r) => r.meta.kioskId ?? null },
  ];
  // Only in an export that includes test answers: every other export has none to tell apart.
  if (includeTest) {
    const isMarked = markedTest(marked);
    const cell = (r: ResponseRecord) => (r.meta.test === true || isMarked(r.id, Date.parse(r.receivedAt), r.meta.kioskId) ? 1 : 0);
    columns.push({ key: 'test', label: text('test', locale), source: 'meta.test', type: 'meta', codes: [], note: text('testNote', locale), cell });
  }
  for (const variable of definition.metaVariables) {
    const codes = variable.choices.map((choice) => ({ code: choice.value, label: localizeText(choice.text, locale, choice.value) }));
    const from = variable.from as keyof ResponseRecord['meta'];
    columns.push(
      choiceColumn(variable.name, localizeText(variable.title, locale, variable.name), `meta.${variable.from}`, 'meta', codes, mode, (r) => r.meta[from]),
    );
  }
  columns.push(plain('startedAt', text('utc', locale)), plain('completedAt', text('utc', locale)), plain('receivedAt', text('utc', locale)));
  return columns;
}

function questionColumns(definition: SurveyDefinition, options: ExportColumnOptions): ExportColumn[] {
  const model = exportModel(definition, options.locale);
  const columns: ExportColumn[] = [];
  for (const question of model.getAllQuestions(false, false, false) as AnyQuestion[]) {
    const type = question.getType();
    if (isAttachmentType(type)) {
      // Never the image or file in a cell: the paths of the files written beside the export (attachment-files.ts).
      const name = question.getValueName();
      const column = choiceColumn(name, question.title || name, name, type, [], options.mode, (record: ResponseRecord) => {
        const paths = Object.hasOwn(record.data, name) ? attachmentPaths(record.id, name, type, record.data[name]) : [];
        return paths.length > 0 ? paths.join('; ') : undefined;
      });
      columns.push({ ...column, note: text('attachment', options.locale) });
      continue;
    }
    columns.push(...columnsOfAnswer(question, options, (record: ResponseRecord) => record.data));
  }
  // Values stored without a question (issue 22): names only triggers set, calculated values kept in the result.
  for (const { name, kind } of valuesWithoutQuestion(model)) {
    const column = choiceColumn(name, name, name, kind, [], options.mode, (record: ResponseRecord) => record.data[name]);
    columns.push({ ...column, note: text(kind === 'trigger' ? 'triggerSet' : 'calculated', options.locale) });
  }
  return columns;
}

/**
 * Names the response's data holds although no question does: a setvalue/copyvalue/runexpression trigger's
 * `setToName` (server/validation/build-triggers.ts stores and checks it) and a calculated value with
 * `includeIntoResult` (build-logic.ts), in the definition's order.
 */
function valuesWithoutQuestion(model: Model): Array<{ name: string; kind: 'trigger' | 'calculated' }> {
  const found = new Map<string, 'trigger' | 'calculated'>();
  const survey = model as unknown as Record<string, any>;
  for (const item of (survey.calculatedValues ?? []) as Array<Record<string, any>>) {
    if (item.includeIntoResult && item.name && !model.getQuestionByValueName(item.name)) found.set(String(item.name), 'calculated');
  }
  for (const trigger of (survey.triggers ?? []) as Array<Record<string, any>>) {
    const name = trigger.setToName as unknown;
    if (!['setvaluetrigger', 'copyvaluetrigger', 'runexpressiontrigger'].includes(trigger.getType())) continue;
    if (typeof name !== 'string' || name === '' || found.has(name) || model.getQuestionByValueName(name)) continue;
    found.set(name, 'trigger');
  }
  return [...found].map(([name, kind]) => ({ name, kind }));
}

/** A survey-core model of `definition` in the export's language. */
export function exportModel(definition: SurveyDefinition, locale: string): Model {
  const model = new Model(definition.json);
  model.locale = locale;
  return model;
}

/**
 * The columns of one question, reading its answer from the object `answers(source)` returns: a
 * response's data, or one dynamic panel (build-long-tables.ts). Nothing for questions without an answer.
 */
export function columnsOfAnswer<T>(question: Question, options: ExportColumnOptions, answers: (source: T) => Record<string, unknown>): ExportColumn<T>[] {
  const q = question as AnyQuestion;
  const type = q.getType();
  if (type === 'html' || type === 'image') return []; // they carry no answer
  const columns = columnsOfQuestion(q, type, options, answers);
  if (q.showOtherItem || q.showCommentArea) columns.push(commentColumn(q, type, options, answers));
  return columns;
}

function columnsOfQuestion<T>(q: AnyQuestion, type: string, { locale, mode }: ExportColumnOptions, answers: (source: T) => Record<string, unknown>): ExportColumn<T>[] {
  const name: string = q.getValueName();
  const title: string = q.title || name;
  const answer = (record: T) => answers(record)[name];
  switch (type) {
    case 'radiogroup':
    case 'dropdown':
      return [choiceColumn(name, title, name, type, choiceCodes(q), mode, answer)];
    case 'checkbox':
    case 'tagbox':
      return choiceCodes(q).map(({ code, label }) => ({
        key: `${name}.${code}`,
        label: `${title}: ${label}`,
        source: name,
        type,
        codes: [],
        note: text('selected', locale),
        cell: (record) => {
          const value = answer(record);
          return Array.isArray(value) ? (value.includes(code) ? 1 : 0) : null;
        },
      }));
    case 'ranking':
      return choiceCodes(q).map(({ code, label }) => ({
        key: `${name}.${code}`,
        label: `${title}: ${label}`,
        source: name,
        type,
        codes: [],
        note: text('rank', locale),
        cell: (record) => {
          const value = answer(record);
          const position = Array.isArray(value) ? value.indexOf(code) : -1;
          return position === -1 ? null : position + 1;
        },
      }));
    case 'rating': {
      const codes = (q.visibleRateValues as ItemValue[]).map((item) => ({ code: item.value, label: item.text }));
      return [choiceColumn(name, title, name, type, codes, mode, answer)];
    }
    case 'boolean': {
      // true/false become 1/0, which Excel sums and averages; custom valueTrue/valueFalse stay as they are.
      const asCode = (value: unknown) => (typeof value === 'boolean' ? Number(value) : value) as CodeLabel['code'];
      const codes: CodeLabel[] = [
        { code: asCode(q.valueTrue ?? true), label: q.labelTrue || text('yes', locale) },
        { code: asCode(q.valueFalse ?? false), label: q.labelFalse || text('no', locale) },
      ];
      return [choiceColumn(name, title, name, type, codes, mode, (record) => asCode(answer(record)))];
    }
    case 'matrix': {
      const columnCodes = (q.columns as ItemValue[]).map((item) => ({ code: item.value, label: item.text }));
      return (q.rows as ItemValue[]).map((row) =>
        choiceColumn(`${name}.${row.value}`, `${title}: ${row.text}`, name, type, columnCodes, mode, (record) => {
          const value = answer(record);
          return isPlainObject(value) ? value[String(row.value)] : undefined;
        }),
      );
    }
    case 'matrixdropdown': {
      const columns: ExportColumn<T>[] = [];
      for (const row of q.rows as ItemValue[]) {
        for (const column of q.columns as Array<Record<string, any>>) {
          columns.push(
            choiceColumn(`${name}.${row.value}.${column.name}`, `${title}: ${row.text}: ${column.title || column.name}`, name, type, cellCodes(q, column), mode, (record) => {
              const value = answer(record);
              const cells = isPlainObject(value) ? value[String(row.value)] : undefined;
              return isPlainObject(cells) ? cells[column.name] : undefined;
            }),
          );
        }
      }
      return columns;
    }
    case 'matrixdynamic': {
      const maxRows: number = q.maxRowCount;
      const wide = Math.min(maxRows, DYNAMIC_WIDE_ROWS);
      const countNote = maxRows > wide ? text('rowCountLong', locale, { n: wide, table: name }) : text('rowCount', locale);
      const columns: ExportColumn<T>[] = [countColumn(name, title, type, countNote, answer)];
      for (let row = 1; row <= wide; row++) {
        for (const column of q.columns as Array<Record<string, any>>) {
          columns.push(
            choiceColumn(`${name}[${row}].${column.name}`, `${title}: ${row}: ${column.title || column.name}`, name, type, cellCodes(q, column), mode, (record) => {
              const rows = answer(record);
              const cells = Array.isArray(rows) ? rows[row - 1] : undefined;
              return isPlainObject(cells) ? cells[column.name] : undefined;
            }),
          );
        }
      }
      return columns;
    }
    case 'paneldynamic':
      return [countColumn(name, title, type, text('panelCount', locale, { table: name }), answer)];
    case 'multipletext':
      // One column per item, `<question>.<item>`, as matrixdropdown cells are `<question>.<row>.<column>`.
      return (q.items as Array<Record<string, any>>).map((item) =>
        choiceColumn(`${name}.${item.name}`, `${title}: ${item.title || item.name}`, name, type, [], mode, (record) => {
          const value = answer(record);
          return isPlainObject(value) ? value[item.name] : undefined;
        }),
      );
    default: // text, comment, any type without choices
      return [choiceColumn(name, title, name, type, [], mode, answer)];
  }
}

/** A matrix cell's codes: its column's own choices, else the matrix's, as survey-core shows them. */
export function cellCodes(q: AnyQuestion, column: Record<string, any>): CodeLabel[] {
  const template = column.templateQuestion as AnyQuestion;
  const own = (template.choices ?? []) as ItemValue[];
  const items = own.length > 0 ? own : ((q.choices ?? []) as ItemValue[]);
  return items.map((item) => ({ code: item.value, label: item.text }));
}

/** How many rows or panels an answer has; blank when not answered. */
function countColumn<T>(name: string, title: string, type: string, note: string, answer: (record: T) => unknown): ExportColumn<T> {
  return {
    key: name,
    label: title,
    source: name,
    type,
    codes: [],
    note,
    cell: (record) => {
      const value = answer(record);
      return Array.isArray(value) ? value.length : null;
    },
  };
}

function commentColumn<T>(q: AnyQuestion, type: string, { locale }: ExportColumnOptions, answers: (source: T) => Record<string, unknown>): ExportColumn<T> {
  const name: string = q.getValueName();
  const key = `${name}-Comment`;
  const what = q.showOtherItem ? `${(q.otherItem as ItemValue).text}: ${text('otherText', locale)}` : text('otherText', locale);
  return {
    key,
    label: `${q.title || name}: ${what}`,
    source: name,
    type,
    codes: [],
    note: '',
    cell: (record) => toCell(answers(record)[key]),
  };
}

/** Choices as survey-core shows them, plus the other/none/refuse/don't-know items when shown. */
function choiceCodes(q: AnyQuestion): CodeLabel[] {
  const items: ItemValue[] = [...((q.choices ?? []) as ItemValue[])];
  const special: Array<[unknown, ItemValue | undefined]> = [
    [q.showNoneItem, q.noneItem],
    [q.showRefuseItem, q.refuseItem],
    [q.showDontKnowItem, q.dontKnowItem],
    [q.showOtherItem, q.otherItem],
  ];
  for (const [shown, item] of special) if (shown && item) items.push(item);
  return items.map((item) => ({ code: item.value, label: item.text }));
}

/** A column of one coded value; in labels mode a known code shows its label, an unknown one itself. */
export function choiceColumn<T = ResponseRecord>(
  key: string,
  label: string,
  source: string,
  type: string,
  codes: CodeLabel[],
  mode: ExportColumnOptions['mode'],
  value: (record: T) => unknown,
): ExportColumn<T> {
  const labelOf = new Map<unknown, string>(codes.map((c) => [c.code, c.label]));
  const useLabels = mode === 'labels' && codes.length > 0;
  return {
    key,
    label,
    source,
    type,
    codes,
    note: '',
    cell: (record) => {
      const raw = value(record);
      const rawLabel = useLabels ? labelOf.get(raw) : undefined;
      // A label that only repeats the code (a 1–5 scale) keeps the number, so Excel can average it.
      if (rawLabel !== undefined && rawLabel !== String(raw)) return rawLabel;
      // A list of values (tagbox answered as text) joins; a list of rows or panels nested in a panel stays JSON.
      if (Array.isArray(raw) && raw.every((item) => typeof item !== 'object' || item === null)) {
        return raw.map((item) => (useLabels && labelOf.has(item) ? labelOf.get(item)! : String(item))).join('; ');
      }
      return toCell(raw);
    },
  };
}

function toCell(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
