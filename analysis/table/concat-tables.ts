/**
 * One table from tables of the same spec filled in parts (e.g. one per worker thread, each
 * reading a stretch of the file), in order. `originOffsets[k]` is added to part k's origins,
 * turning line numbers within a stretch into line numbers within the file. Comment samples are
 * merged by their keys, which gives the very sample one pass over all rows would (offer-comment.ts).
 */
import type { CommentColumn, ResponseTable, TableColumn } from './response-table.ts';

export function concatTables(parts: ReadonlyArray<ResponseTable>, originOffsets: ReadonlyArray<number>): ResponseTable {
  if (parts.length === 0) throw new RangeError('concatTables needs at least one table');
  const spec = parts[0].spec;
  const rowCount = parts.reduce((sum, part) => sum + part.rowCount, 0);
  const starts: number[] = [];
  parts.reduce((start, part) => (starts.push(start), start + part.rowCount), 0);

  const join = <T extends Int16Array | Int32Array | Uint8Array | Float64Array>(pick: (part: ResponseTable) => T): T => {
    const first = pick(parts[0]);
    const joined = new (first.constructor as new (length: number) => T)(rowCount);
    parts.forEach((part, k) => joined.set(pick(part).subarray(0, part.rowCount), starts[k]));
    return joined;
  };

  const origin = join((part) => part.origin);
  parts.forEach((part, k) => {
    for (let row = starts[k]; row < starts[k] + part.rowCount; row++) origin[row] += originOffsets[k];
  });
  const columns: TableColumn[] = parts[0].columns.map((template, c) => {
    const columnOf = <K extends TableColumn>(part: ResponseTable) => part.columns[c] as K;
    if (template.kind === 'single') return { ...template, codes: join((part) => columnOf<typeof template>(part).codes) };
    if (template.kind === 'number') return { ...template, numbers: join((part) => columnOf<typeof template>(part).numbers) };
    if (template.kind === 'comment') {
      const merged = parts
        .flatMap((part, k) => columnOf<CommentColumn>(part).sample.map((entry) => ({ ...entry, row: entry.row + starts[k] })))
        .sort((a, b) => a.key - b.key)
        .slice(0, spec.commentSampleSize);
      // Every text (text analysis), in row order: each part's rows shifted by the rows before it.
      const texts = template.texts && {
        rows: parts.flatMap((part, k) => columnOf<CommentColumn>(part).texts!.rows.map((row) => row + starts[k])),
        texts: parts.flatMap((part) => columnOf<CommentColumn>(part).texts!.texts),
      };
      return { ...template, answered: join((part) => columnOf<CommentColumn>(part).answered), sample: merged, ...(texts ? { texts } : {}) };
    }
    return {
      ...template,
      answered: join((part) => columnOf<typeof template>(part).answered),
      cells: template.cells.map((_, v) => join((part) => columnOf<typeof template>(part).cells[v])),
    };
  });
  return {
    spec,
    rowCount,
    capacity: rowCount,
    version: join((part) => part.version),
    origin,
    startedAt: join((part) => part.startedAt),
    completedAt: join((part) => part.completedAt),
    channel: join((part) => part.channel),
    kiosk: join((part) => part.kiosk),
    columns,
    byName: new Map(columns.map((column) => [column.name, column])),
  };
}
