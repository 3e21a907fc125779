/**
 * Long tables of a response export (issue 21; docs/decisions/0064-export-layout-and-streaming.md): one table per
 * dynamic question whose rows do not all fit the main table's wide columns, one row per panel or matrix row.
 * - paneldynamic: always; `responseId`, `panel` (1, 2, …), then the template questions' columns, laid out,
 *   coded and labelled as in the main table (build-export-columns.ts).
 * - matrixdynamic whose maxRowCount exceeds DYNAMIC_WIDE_ROWS: `responseId`, `row` (1, 2, …), one column per
 *   matrix column; the main table keeps the first DYNAMIC_WIDE_ROWS rows as wide columns.
 * A dynamic question nested in a panel stays one JSON cell in its panel's row.
 * The table's name is the question's value name: `?table=household` on the API, a sheet in XLSX.
 */
import type { Question } from 'survey-core';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import {
  cellCodes,
  choiceColumn,
  columnsOfAnswer,
  DYNAMIC_WIDE_ROWS,
  exportModel,
  isPlainObject,
  type ExportColumn,
  type ExportColumnOptions,
} from './build-export-columns.ts';

/** One panel or matrix row of one response. */
export interface LongRow {
  record: ResponseRecord;
  /** 1 for the first panel or row. */
  index: number;
  item: Record<string, unknown>;
}

export interface LongTable {
  /** The dynamic question's value name. */
  name: string;
  /** Its title in the export's language. */
  label: string;
  type: 'paneldynamic' | 'matrixdynamic';
  columns: ExportColumn<LongRow>[];
}

const TEXTS = {
  responseId: { ja: '回答ID', en: 'Response ID' },
  panel: { ja: 'パネル番号', en: 'Panel' },
  row: { ja: '行番号', en: 'Row' },
  responseIdNote: { ja: '主表の回答IDと同じ', en: 'the response id of the main table' },
  nested: { ja: '入れ子の動的設問：JSON', en: 'a nested dynamic question: JSON' },
} as const;

function text(key: keyof typeof TEXTS, locale: string): string {
  const entry = TEXTS[key] as Record<string, string>;
  return entry[locale] ?? entry.en;
}

type AnyQuestion = Question & Record<string, any>;

/** The long tables of every kept version, the current one's first; a table's columns are the union across versions. */
export function buildLongTables(versions: readonly SurveyDefinition[], options: ExportColumnOptions): LongTable[] {
  const tables = new Map<string, LongTable>();
  for (const definition of versions) {
    for (const question of exportModel(definition, options.locale).getAllQuestions(false, false, false) as AnyQuestion[]) {
      const table = longTableOf(question, options);
      if (!table) continue;
      const known = tables.get(table.name);
      if (!known) tables.set(table.name, table);
      else for (const column of table.columns) if (!known.columns.some((c) => c.key === column.key)) known.columns.push(column);
    }
  }
  return [...tables.values()];
}

/** Its rows, one per panel or matrix row that is an object; none when the question was not answered. */
export function longRowsOf(table: LongTable, record: ResponseRecord): LongRow[] {
  const value = record.data[table.name];
  if (!Array.isArray(value)) return [];
  const rows: LongRow[] = [];
  value.forEach((item, position) => {
    if (isPlainObject(item)) rows.push({ record, index: position + 1, item });
  });
  return rows;
}

function longTableOf(q: AnyQuestion, options: ExportColumnOptions): LongTable | undefined {
  const type = q.getType();
  if (type !== 'paneldynamic' && !(type === 'matrixdynamic' && q.maxRowCount > DYNAMIC_WIDE_ROWS)) return undefined;
  const name: string = q.getValueName();
  const idColumn: ExportColumn<LongRow> = {
    key: 'responseId',
    label: text('responseId', options.locale),
    source: 'id',
    type: 'meta',
    codes: [],
    note: text('responseIdNote', options.locale),
    cell: (row) => row.record.id,
  };
  const indexName = type === 'paneldynamic' ? 'panel' : 'row';
  const indexColumn: ExportColumn<LongRow> = { key: indexName, label: text(indexName, options.locale), source: name, type, codes: [], note: '', cell: (row) => row.index };
  const columns = type === 'paneldynamic' ? panelColumns(q, options) : matrixRowColumns(q, options);
  return { name, label: q.title || name, type, columns: [idColumn, indexColumn, ...columns] };
}

/** The template's questions, each read from one panel. */
function panelColumns(q: AnyQuestion, options: ExportColumnOptions): ExportColumn<LongRow>[] {
  const columns: ExportColumn<LongRow>[] = [];
  for (const inner of (q.template.questions ?? []) as AnyQuestion[]) {
    const type = inner.getType();
    if (type === 'paneldynamic' || type === 'matrixdynamic') {
      const name: string = inner.getValueName();
      columns.push({ ...choiceColumn<LongRow>(name, inner.title || name, name, type, [], options.mode, (row) => row.item[name]), note: text('nested', options.locale) });
    } else {
      columns.push(...columnsOfAnswer<LongRow>(inner, options, (row) => row.item));
    }
  }
  return columns;
}

/** One column per matrix column, coded like a matrixdropdown cell. */
function matrixRowColumns(q: AnyQuestion, { mode }: ExportColumnOptions): ExportColumn<LongRow>[] {
  return (q.columns as Array<Record<string, any>>).map((column) =>
    choiceColumn<LongRow>(column.name, column.title || column.name, q.getValueName(), 'matrixdynamic', cellCodes(q, column), mode, (row) => row.item[column.name]),
  );
}
