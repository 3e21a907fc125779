/**
 * Adds one stored record (a parsed JSONL line, or a record from a store) to the table.
 * This is the reference behaviour: appendJsonlLine's fast path must give the same table,
 * and falls back to this function whenever it meets anything unusual.
 */
import { describeValue } from '../stats/describe-value.ts';
import { clearRow, reserveRow } from './create-response-table.ts';
import { offerComment, sampleIdOf } from './offer-comment.ts';
import { RecordError } from './record-error.ts';
import { KIOSK_ID_KEY, kioskIdColumn, NO_CHANNEL, TABLE_CHANNELS, type AnswerValue, type CommentColumn, type MultipleColumn, type ResponseTable, type SingleColumn, type TableColumn } from './response-table.ts';

/**
 * Throws RecordError (and leaves the table as it was) when the record cannot be analysed.
 * `origin` is kept with the row for messages. The comment sample is keyed by the record's `id`
 * (sampleIdOf), so the store, an export of it and any filtered view sample the same comments;
 * only a record without a string `id` (hand-made input) is keyed by `fallbackSampleId`
 * (default: origin; the JSONL reader passes the line's byte offset, as its fast path does).
 */
export function appendRecord(table: ResponseTable, record: unknown, origin: number, fallbackSampleId: number = origin): void {
  if (!isObject(record)) throw new RecordError(`not a JSON object: ${describeValue(record, 80)}`);
  const id = ownValue(record, 'id');
  const sampleId = typeof id === 'string' ? sampleIdOf(id) : fallbackSampleId;
  const { surveyId, surveyVersion } = record;
  if (typeof surveyId !== 'string') throw new RecordError(`surveyId must be a string, got ${quote(ownValue(record, 'surveyId'))}`);
  if (surveyId !== table.spec.surveyId) {
    throw new RecordError(`a record of survey ${JSON.stringify(surveyId)}, not ${JSON.stringify(table.spec.surveyId)}`);
  }
  if (typeof surveyVersion !== 'number' || !table.spec.versions.includes(surveyVersion)) {
    throw new RecordError(
      `surveyVersion ${quote(ownValue(record, 'surveyVersion'))} has no definition (known versions: ${table.spec.versions.join(', ')})`,
    );
  }
  const data = ownValue(record, 'data');
  if (!isObject(data)) throw new RecordError(`data must be an object, got ${quote(data)}`);
  const meta = ownValue(record, 'meta');
  if (meta !== undefined && !isObject(meta)) throw new RecordError(`meta must be an object, got ${quote(meta)}`);

  const row = reserveRow(table);
  const comments: Array<() => void> = [];
  const checkedGrids = new Set<string>();
  try {
    for (const column of table.columns) {
      const source = column.source;
      let value: unknown;
      if (source.from === 'data') value = ownValue(data, source.key);
      else if (source.from === 'meta') value = meta === undefined ? undefined : ownValue(meta, source.key);
      else if (source.from === 'matrix') value = matrixCell(data, source.key, source.row, table);
      else if (source.from === 'matrixCell') {
        value = gridCell(data, source.key, source.row, source.column, table, checkedGrids);
        if (source.computed) {
          // Any JSON value survey-core computed: only whether there is one (an empty text is none).
          if (value !== undefined && value !== null && value !== '') (column as CommentColumn).answered[row] = 1;
          continue;
        }
      } else continue; // the channel: below, with the table's own channel code
      writeAnswer(table, column, row, sampleId, value, comments);
    }
  } catch (error) {
    clearRow(table, row);
    throw error;
  }
  for (const offer of comments) offer();
  table.version[row] = surveyVersion;
  table.origin[row] = origin;
  const { startedAt, completedAt, channel } = record;
  table.startedAt[row] = typeof startedAt === 'string' ? Date.parse(startedAt) : Number.NaN;
  table.completedAt[row] = typeof completedAt === 'string' ? Date.parse(completedAt) : Number.NaN;
  const channelCode = typeof channel === 'string' ? TABLE_CHANNELS.indexOf(channel) : -1;
  table.channel[row] = channelCode < 0 ? NO_CHANNEL : channelCode;
  for (const column of table.columns) if (column.source.from === 'channel') (column as SingleColumn).codes[row] = channelCode;
  const kioskId = meta === undefined ? undefined : ownValue(meta, KIOSK_ID_KEY);
  table.kiosk[row] = typeof kioskId === 'string' && kioskId !== '' && kioskIdColumn(table.columns) === undefined ? 1 : 0;
  table.rowCount = row + 1;
}

function writeAnswer(
  table: ResponseTable,
  column: TableColumn,
  row: number,
  sampleId: number,
  value: unknown,
  comments: Array<() => void>,
): void {
  if (value === undefined || value === null) return;
  switch (column.kind) {
    case 'single':
      column.codes[row] = codeOf(column, value, 'a single value');
      return;
    case 'multiple':
    case 'ranking': {
      if (!Array.isArray(value)) throw new RecordError(`answer to ${JSON.stringify(column.name)} must be an array, got ${quote(value)}`);
      if (value.length === 0) return;
      value.forEach((item, index) => {
        const code = codeOf(column, item, 'a list of single values');
        const cells = column.cells[code];
        if (column.kind === 'multiple') cells[row] = 1;
        else {
          if (cells[row] !== 0) {
            throw new RecordError(`answer to ${JSON.stringify(column.name)} ranks ${quote(item)} twice: ${quote(value)}`);
          }
          cells[row] = index + 1;
        }
      });
      column.answered[row] = 1;
      return;
    }
    case 'number':
      // survey-core stores a number input's answer as a JSON number; the server refuses anything else.
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new RecordError(`answer to ${JSON.stringify(column.name)} must be a number, got ${quote(value)}`);
      column.numbers[row] = value;
      return;
    case 'comment':
      if (typeof value !== 'string') throw new RecordError(`answer to ${JSON.stringify(column.name)} must be text, got ${quote(value)}`);
      if (value !== '') comments.push(() => offerComment(table, column, row, sampleId, () => value));
      return;
  }
}

function codeOf(column: SingleColumn | MultipleColumn, value: unknown, expected: string): number {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new RecordError(`answer to ${JSON.stringify(column.name)} must be ${expected}, got ${quote(value)}`);
  }
  const code = column.codeOf.get(value as AnswerValue);
  if (code === undefined) {
    throw new RecordError(
      `answer to ${JSON.stringify(column.name)} is ${quote(value)}, which the definitions do not offer (${describeValue(column.values, 120)})`,
    );
  }
  return code;
}

function matrixCell(data: Record<string, unknown>, key: string, row: string, table: ResponseTable): unknown {
  const matrix = ownValue(data, key);
  if (matrix === undefined || matrix === null) return undefined;
  if (!isObject(matrix)) throw new RecordError(`answer to ${JSON.stringify(key)} must be an object of row → answer, got ${quote(matrix)}`);
  for (const name of Object.keys(matrix)) {
    if (!table.byName.has(`${key}.${name}`)) {
      throw new RecordError(`answer to ${JSON.stringify(key)} has a row ${JSON.stringify(name)} the definitions do not have`);
    }
  }
  return ownValue(matrix, row);
}

/**
 * A matrixdropdown cell: `data[key][row][column]`. The whole answer is checked once per record
 * (`checked`), so a row or a column the definitions lack stops the record as a matrix's unknown
 * row does.
 */
function gridCell(data: Record<string, unknown>, key: string, row: string, column: string, table: ResponseTable, checked: Set<string>): unknown {
  const grid = ownValue(data, key);
  if (grid === undefined || grid === null) return undefined;
  if (!isObject(grid)) throw new RecordError(`answer to ${JSON.stringify(key)} must be an object of row → cells, got ${quote(grid)}`);
  if (!checked.has(key)) {
    checked.add(key);
    const known = gridsOf(table).get(key)!;
    for (const name of Object.keys(grid)) {
      const columns = known.get(name);
      if (!columns) throw new RecordError(`answer to ${JSON.stringify(key)} has a row ${JSON.stringify(name)} the definitions do not have`);
      const cells = grid[name];
      if (cells === undefined || cells === null) continue;
      if (!isObject(cells)) throw new RecordError(`answer to ${JSON.stringify(key)}, row ${JSON.stringify(name)} must be an object of column → answer, got ${quote(cells)}`);
      for (const cell of Object.keys(cells)) {
        if (!columns.has(cell)) throw new RecordError(`answer to ${JSON.stringify(key)}, row ${JSON.stringify(name)} has a column ${JSON.stringify(cell)} the definitions do not have`);
      }
    }
  }
  const cells = ownValue(grid, row);
  if (cells === undefined || cells === null) return undefined;
  return ownValue(cells as Record<string, unknown>, column);
}

/** Per table: each matrixdropdown's rows and, per row, its columns, from the table's cell variables. */
const grids = new WeakMap<ReadonlyArray<TableColumn>, Map<string, Map<string, Set<string>>>>();

function gridsOf(table: ResponseTable): Map<string, Map<string, Set<string>>> {
  let known = grids.get(table.columns);
  if (known) return known;
  known = new Map();
  for (const { source } of table.columns) {
    if (source.from !== 'matrixCell') continue;
    let rows = known.get(source.key);
    if (!rows) known.set(source.key, (rows = new Map()));
    let columns = rows.get(source.row);
    if (!columns) rows.set(source.row, (columns = new Set()));
    columns.add(source.column);
  }
  grids.set(table.columns, known);
  return known;
}

/** Own properties only: `data.constructor` must not find Object.prototype.constructor. */
function ownValue(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quote(value: unknown): string {
  return value === undefined ? 'nothing' : describeValue(value, 80);
}
