/**
 * The kiosk's page rule in pixels (issue 29): on a portrait tablet (800×1280) a
 * page is at most about 1.5 screens tall, 1,920 px, so an elderly visitor
 * scrolls at most half a screen to reach 次へ. The client keeps pages within it
 * by splitting them between questions (client/survey/split-long-pages.ts), but
 * never cuts a question: a grid (matrix) stays on one page, as tall as its rows
 * make it. This model says how tall that is, so `survey-toolkit check` can warn
 * about a grid that no layout of the kiosk fits
 * (analysis/definitions/check-kiosk-page-budget.ts).
 *
 * The figures are the kiosk's compact portrait grid (client/pages/kiosk/kiosk.css:
 * each row its name over one band of answer boxes), measured in Chromium on the
 * shipped surveys and rounded up: citizen-needs' eight-row grids are 1,241 px
 * (1,306 px with their description) on pages of 1,713 and 1,778 px
 * (test/e2e/kiosk-layout.test.ts checks every page stays within the budget).
 */

/** The portrait kiosk screen the rule is stated for. */
export const KIOSK_PORTRAIT = { width: 800, height: 1280 } as const;

/** At most about 1.5 portrait screens. */
export const KIOSK_PAGE_MAX_PX = 1.5 * KIOSK_PORTRAIT.height;

/** The page around its questions: language bar, survey title, progress steps, navigation, footer (472 px measured). */
export const KIOSK_PAGE_CHROME_PX = 480;

/** A grid's frame and title of up to two lines (121 px measured, plus the space around its rows). */
const GRID_FRAME_PX = 160;
/** A description under the title, up to two lines. */
const GRID_DESCRIPTION_PX = 60;
/** One row: its name, then its answers side by side, each label on two lines at most (about 137 px measured). */
const GRID_ROW_PX = 140;
/** With more than five columns the boxes are narrower and their labels take a third line. */
const GRID_NARROW_ROW_PX = 170;
const WIDE_SCALE_COLUMNS = 5;

export interface GridShape {
  rows: number;
  columns: number;
  hasDescription: boolean;
}

/** About how tall a grid stands on a portrait kiosk, in CSS pixels. */
export function gridPortraitHeight({ rows, columns, hasDescription }: GridShape): number {
  const rowHeight = columns > WIDE_SCALE_COLUMNS ? GRID_NARROW_ROW_PX : GRID_ROW_PX;
  return GRID_FRAME_PX + (hasDescription ? GRID_DESCRIPTION_PX : 0) + rows * rowHeight;
}

/** How tall the page that holds only this grid stands: the grid and the page's own chrome. */
export function gridPagePortraitHeight(grid: GridShape): number {
  return KIOSK_PAGE_CHROME_PX + gridPortraitHeight(grid);
}

/** The most rows a grid of this shape may have and still fit a kiosk page (at least 1). */
export function maxKioskGridRows(grid: Omit<GridShape, 'rows'>): number {
  const room = KIOSK_PAGE_MAX_PX - KIOSK_PAGE_CHROME_PX - gridPortraitHeight({ ...grid, rows: 0 });
  const rowHeight = gridPortraitHeight({ ...grid, rows: 1 }) - gridPortraitHeight({ ...grid, rows: 0 });
  return Math.max(1, Math.floor(room / rowHeight));
}
