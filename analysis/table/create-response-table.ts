import {
  MAX_RANKED_ITEMS,
  MAX_VALUES,
  NO_CHANNEL,
  type ResponseTable,
  type TableColumn,
  type TableSpec,
} from './response-table.ts';

const INITIAL_CAPACITY = 1024;

/** An empty table for the variables of `spec`. */
export function createResponseTable(spec: TableSpec, capacity = INITIAL_CAPACITY): ResponseTable {
  const names = new Set<string>();
  const keepTexts = new Set(spec.keepTexts ?? []);
  const columns: TableColumn[] = spec.variables.map((variable) => {
    if (names.has(variable.name)) throw new Error(`two analysis variables are named ${JSON.stringify(variable.name)}`);
    names.add(variable.name);
    if (variable.values.length > MAX_VALUES) {
      throw new Error(`${variable.name} has ${variable.values.length} values; at most ${MAX_VALUES} can be analysed`);
    }
    if (variable.kind === 'ranking' && variable.values.length > MAX_RANKED_ITEMS) {
      throw new Error(`ranking ${variable.name} has ${variable.values.length} items; at most ${MAX_RANKED_ITEMS} can be analysed`);
    }
    const codeOf = new Map(variable.values.map((value, code) => [value, code]));
    switch (variable.kind) {
      case 'single':
        return { ...variable, kind: 'single', codeOf, codes: new Int16Array(capacity).fill(-1) };
      case 'multiple':
      case 'ranking':
        return {
          ...variable,
          kind: variable.kind,
          codeOf,
          answered: new Uint8Array(capacity),
          cells: variable.values.map(() => new Uint8Array(capacity)),
        };
      case 'number':
        return { ...variable, kind: 'number', numbers: new Float64Array(capacity).fill(Number.NaN) };
      case 'comment':
        return {
          ...variable,
          kind: 'comment',
          answered: new Uint8Array(capacity),
          sample: [],
          ...(keepTexts.has(variable.name) ? { texts: { rows: [], texts: [] } } : {}),
        };
    }
  });
  return {
    spec,
    rowCount: 0,
    capacity,
    version: new Int32Array(capacity),
    origin: new Int32Array(capacity),
    startedAt: new Float64Array(capacity).fill(Number.NaN),
    completedAt: new Float64Array(capacity).fill(Number.NaN),
    channel: new Uint8Array(capacity).fill(NO_CHANNEL),
    kiosk: new Uint8Array(capacity),
    columns,
    byName: new Map(columns.map((column) => [column.name, column])),
  };
}

/** Makes room for one more row, doubling the arrays when full. */
export function reserveRow(table: ResponseTable): number {
  const row = table.rowCount;
  if (row < table.capacity) return row;
  const capacity = table.capacity * 2;
  table.version = grow(table.version, capacity);
  table.origin = grow(table.origin, capacity);
  const completedAt = new Float64Array(capacity).fill(Number.NaN);
  completedAt.set(table.completedAt);
  table.completedAt = completedAt;
  const startedAt = new Float64Array(capacity).fill(Number.NaN);
  startedAt.set(table.startedAt);
  table.startedAt = startedAt;
  const channel = new Uint8Array(capacity).fill(NO_CHANNEL);
  channel.set(table.channel);
  table.channel = channel;
  table.kiosk = grow(table.kiosk, capacity);
  for (const column of table.columns) {
    if (column.kind === 'single') {
      const codes = new Int16Array(capacity).fill(-1);
      codes.set(column.codes);
      column.codes = codes;
    } else if (column.kind === 'number') {
      const numbers = new Float64Array(capacity).fill(Number.NaN);
      numbers.set(column.numbers);
      column.numbers = numbers;
    } else {
      column.answered = grow(column.answered, capacity);
      if (column.kind !== 'comment') column.cells = column.cells.map((cells) => grow(cells, capacity));
    }
  }
  table.capacity = capacity;
  return row;
}

/** Puts a row back to "no answers", after a parse that wrote part of it and gave up. */
export function clearRow(table: ResponseTable, row: number): void {
  table.completedAt[row] = Number.NaN;
  table.startedAt[row] = Number.NaN;
  table.channel[row] = NO_CHANNEL;
  table.kiosk[row] = 0;
  for (const column of table.columns) {
    if (column.kind === 'single') column.codes[row] = -1;
    else if (column.kind === 'number') column.numbers[row] = Number.NaN;
    else {
      column.answered[row] = 0;
      if (column.kind !== 'comment') for (const cells of column.cells) cells[row] = 0;
    }
  }
}

function grow<T extends Int32Array | Uint8Array>(array: T, capacity: number): T {
  const grown = new (array.constructor as new (length: number) => T)(capacity);
  grown.set(array);
  return grown;
}
