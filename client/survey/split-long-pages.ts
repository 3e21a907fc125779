/**
 * On the kiosk, a page is at most about 1.5 screens of an 800×1280 portrait
 * tablet (issue 29): page 3 of the exit survey was 4,842 px, four screens of
 * scrolling for an elderly visitor who then had to find 次へ at the bottom.
 * The rule, applied to the definition's JSON before survey-core sees it:
 *
 * - Each question is weighed in answer rows, as it shows in portrait: its title
 *   is one row, each choice one, and each row of a grid two (its name, then its
 *   answers side by side: kiosk.css).
 * - A page heavier than `KIOSK_PAGE_ROWS` becomes as few pages as keep each
 *   within it, split where their heaviest is lightest (two even halves rather
 *   than a full page and a one-question rest).
 *   One row is about 80 px there, and the page's own chrome (language bar,
 *   title, progress, navigation, footer) about 480 px, so 16 rows are ≈ 1,760 px.
 * - A question is never cut: one heavier than that (a grid of eight rows, as in
 *   citizen-needs) gets a page of its own. The compact portrait grid (kiosk.css,
 *   about 140 px a row) keeps such a page within 1.5 screens up to nine rows,
 *   eight with a description; `survey-toolkit check` warns about a longer grid
 *   (core/definitions/kiosk-page-budget.ts), which only its author can split.
 *
 * Only the layout changes: every question keeps its name, conditions and
 * place in order, so answers, validation and the submission are the same as
 * on the unsplit definition. A part inherits its page's condition and texts.
 */
import type { SurveyDefinitionJson } from './fetch-survey-definition.ts';

export const KIOSK_PAGE_ROWS = 16;

type ElementJson = Record<string, unknown> & { type?: string; elements?: ElementJson[] };
type PageJson = Record<string, unknown> & { name?: string; elements?: ElementJson[] };

const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/** How many portrait answer rows a question (or a panel, with everything in it) takes. */
export function answerRows(element: ElementJson): number {
  switch (element.type) {
    case 'panel':
      return (element.elements ?? []).reduce((sum, inner) => sum + answerRows(inner), 1);
    case 'radiogroup':
    case 'checkbox':
    case 'ranking':
    case 'tagbox':
    case 'imagepicker':
      // Choices that come from another question are unknown here: count a few.
      return 1 + (Array.isArray(element.choices) ? element.choices.length : 4);
    case 'matrix':
      return 1 + 2 * count(element.rows);
    case 'matrixdropdown':
    case 'matrixdynamic':
      return 1 + Math.max(1, count(element.rows)) * (1 + count(element.columns));
    case 'comment':
      return 3;
    case 'html':
    case 'expression':
      return 1;
    default:
      // text, dropdown, boolean, rating and the rest: a title and one control.
      return 2;
  }
}

/** The definition with every page heavier than `maxRows` split between questions; the rest untouched. */
export function splitLongPages(definition: SurveyDefinitionJson, maxRows = KIOSK_PAGE_ROWS): SurveyDefinitionJson {
  if (!Array.isArray(definition.pages)) return definition;
  const pages: PageJson[] = [];
  const taken = new Set((definition.pages as PageJson[]).map((page) => page.name));
  for (const page of definition.pages as PageJson[]) {
    const parts = splitBalanced(page.elements ?? [], maxRows);
    if (parts.length <= 1) {
      pages.push(page);
      continue;
    }
    parts.forEach((part, index) => pages.push({ ...page, name: index === 0 ? page.name : partName(page, index, taken), elements: part }));
  }
  return { ...definition, pages };
}

/**
 * The elements in as few consecutive parts as keep each part within `maxRows` (a single heavier element is a
 * part of its own), and of those splits the one whose heaviest part is lightest. Pages hold a handful of
 * questions, so trying every split (dynamic programming over prefixes) is cheap.
 */
function splitBalanced<T extends ElementJson>(elements: T[], maxRows: number): T[][] {
  const weights = elements.map(answerRows);
  const n = elements.length;
  const weightOf = (from: number, to: number) => weights.slice(from, to).reduce((sum, weight) => sum + weight, 0);
  const allowed = (from: number, to: number) => to - from === 1 || weightOf(from, to) <= maxRows;
  // heaviest[k][i]: splitting the first i elements into k parts, the lightest possible heaviest part (and where
  // the last part starts); Infinity when no such split keeps every part allowed.
  const heaviest: Array<Array<{ rows: number; start: number }>> = [[{ rows: 0, start: 0 }, ...elements.map(() => ({ rows: Infinity, start: 0 }))]];
  for (let k = 1; k <= n; k++) {
    const row = [{ rows: Infinity, start: 0 }];
    for (let to = 1; to <= n; to++) {
      let found = { rows: Infinity, start: 0 };
      for (let from = k - 1; from < to; from++) {
        if (!allowed(from, to)) continue;
        const rows = Math.max(heaviest[k - 1][from].rows, weightOf(from, to));
        if (rows < found.rows) found = { rows, start: from };
      }
      row.push(found);
    }
    heaviest.push(row);
    if (row[n].rows < Infinity) {
      const parts: T[][] = [];
      for (let part = k, to = n; part > 0; part--) {
        const { start } = heaviest[part][to];
        parts.unshift(elements.slice(start, to));
        to = start;
      }
      return parts;
    }
  }
  const parts = [elements];
  return parts;
}

/** `visit-2`, `visit-3`: a page name survey-core has not seen, so progress steps and page lookups stay distinct. */
function partName(page: PageJson, index: number, taken: Set<string | undefined>): string {
  let name = `${page.name ?? 'page'}-${index + 1}`;
  while (taken.has(name)) name += '-';
  taken.add(name);
  return name;
}
