/**
 * Reads an xlsx as its XML says, for tests that check what a spreadsheet program was told (borders,
 * number formats, wrapping, widths, print setup), not only the text it shows. `unzip -p` does the
 * unzipping, so a file the writer got wrong cannot be read the writer's way.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface XlsxCell {
  ref: string;
  row: number;
  column: number;
  /** The text of a string cell; null for a number or an empty cell. */
  text: string | null;
  number: number | null;
  numFmt: string;
  /** Thin (or heavier) lines on all four sides. */
  bordered: boolean;
  wrap: boolean;
}

export interface XlsxSheet {
  name: string;
  xml: string;
  cells: XlsxCell[];
  /** The cells of each row, in column order. */
  rows: Map<number, XlsxCell[]>;
}

export interface Xlsx {
  workbookXml: string;
  sheets: XlsxSheet[];
  sheet(name: string): XlsxSheet;
}

/** Number formats every reader knows by id without a <numFmt> entry (ECMA-376 §18.8.30). */
const BUILT_IN: Record<string, string> = { '0': 'General', '1': '0', '2': '0.00', '3': '#,##0', '4': '#,##0.00', '9': '0%', '10': '0.00%' };

const unescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [, name, value] of tag.matchAll(/([\w:]+)="([^"]*)"/g)) found[name] = unescape(value);
  return found;
}

async function entry(file: string, path: string): Promise<string> {
  try {
    return (await run('unzip', ['-p', file, path], { maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch {
    return '';
  }
}

export async function readXlsx(file: string): Promise<Xlsx> {
  const workbookXml = await entry(file, 'xl/workbook.xml');
  const rels = await entry(file, 'xl/_rels/workbook.xml.rels');
  const targets = new Map([...rels.matchAll(/<Relationship [^>]*>/g)].map(([tag]) => [attributes(tag).Id, attributes(tag).Target]));
  const strings = [...(await entry(file, 'xl/sharedStrings.xml')).matchAll(/<si>([\s\S]*?)<\/si>/g)].map(([, si]) =>
    unescape([...si.matchAll(/<t(?: [^>]*)?>([\s\S]*?)<\/t>/g)].map(([, t]) => t).join('')),
  );
  const stylesXml = await entry(file, 'xl/styles.xml');
  const formats = new Map([...stylesXml.matchAll(/<numFmt [^>]*>/g)].map(([tag]) => [attributes(tag).numFmtId, attributes(tag).formatCode]));
  const borders = [...(stylesXml.match(/<borders[^>]*>([\s\S]*?)<\/borders>/)?.[1] ?? '').matchAll(/<border(?: [^>]*[^/])?>[\s\S]*?<\/border>|<border [^>]*\/>/g)].map(([border]) =>
    ['left', 'right', 'top', 'bottom'].every((side) => new RegExp(`<${side} style="(thin|medium|thick)"`).test(border)),
  );
  const xfs = [...(stylesXml.match(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/)?.[1] ?? '').matchAll(/<xf [^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map(([xf]) => {
    const own = attributes(xf.slice(0, xf.indexOf('>') + 1));
    const alignment = xf.match(/<alignment [^>]*>/)?.[0] ?? '';
    return {
      numFmt: formats.get(own.numFmtId) ?? BUILT_IN[own.numFmtId] ?? `#${own.numFmtId}`,
      bordered: borders[Number(own.borderId ?? 0)] ?? false,
      wrap: /wrapText="(1|true)"/.test(alignment),
    };
  });

  const sheets: XlsxSheet[] = [];
  for (const [tag] of workbookXml.matchAll(/<sheet [^>]*>/g)) {
    const { name, 'r:id': id } = attributes(tag);
    const xml = await entry(file, `xl/${targets.get(id)!.replace(/^\/?xl\//, '')}`);
    const cells: XlsxCell[] = [];
    for (const [, letters, row, attrs, body = ''] of xml.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const { s = '0', t } = attributes(attrs);
      const value = body.match(/<v>([\s\S]*?)<\/v>/)?.[1];
      const inline = body.match(/<is>([\s\S]*?)<\/is>/)?.[1];
      const text = t === 's' ? strings[Number(value)] : t === 'inlineStr' ? unescape(inline?.replace(/<[^>]+>/g, '') ?? '') : t === 'str' ? unescape(value ?? '') : null;
      const column = [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
      const style = xfs[Number(s)] ?? { numFmt: 'General', bordered: false, wrap: false };
      cells.push({ ref: `${letters}${row}`, row: Number(row), column, text: text ?? null, number: text === null && value !== undefined ? Number(value) : null, ...style });
    }
    const rows = new Map<number, XlsxCell[]>();
    for (const cell of cells) rows.set(cell.row, [...(rows.get(cell.row) ?? []), cell]);
    sheets.push({ name, xml, cells, rows });
  }
  return {
    workbookXml,
    sheets,
    sheet(name) {
      const found = sheets.find((sheet) => sheet.name === name);
      if (!found) throw new Error(`no sheet ${JSON.stringify(name)} among ${sheets.map((sheet) => sheet.name).join(', ')}`);
      return found;
    },
  };
}

/** The shown text of a row's cells (numbers as numbers), empty cells left out. */
export function rowValues(sheet: XlsxSheet, row: number): Array<string | number> {
  return (sheet.rows.get(row) ?? []).flatMap((cell): Array<string | number> => (cell.text !== null ? [cell.text] : cell.number !== null ? [cell.number] : []));
}

/** The first row whose first cell reads `label`, after `from`. */
export function findRow(sheet: XlsxSheet, label: string, from = 0): XlsxCell[] | undefined {
  const rows = [...sheet.rows.entries()].filter(([row, cells]) => row > from && cells[0]?.column === 1 && cells[0].text === label).sort(([a], [b]) => a - b);
  return rows[0]?.[1];
}
