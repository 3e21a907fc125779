/**
 * A grid (matrix question) that does not fit the width it is given is shown
 * the way survey-core shows it on phones: one list of answers per row, every
 * answer visible. survey-core decides that for the whole survey only below
 * its `--sd-mobile-width` (600 px), so an 800 px portrait tablet kept a 776 px
 * grid in a 700 px box and hid its last column, 「不満」, behind a scroll bar
 * nobody saw: satisfaction came out too positive (issue 13).
 *
 * The decision is made per grid, by measuring it in its container, never from
 * the user agent: a grid is stacked when its table is wider than its box, and
 * goes back to a table when the survey has grown to the width it needed (a
 * rotated tablet). Question.setIsMobile is survey-core's own switch for this
 * (https://surveyjs.io/form-library/documentation/api-reference/question#isMobile).
 */
import type { Model, Question } from 'survey-core';

/** Re-measuring waits this long for React to render a switched grid. */
const SETTLE_MS = 50;

export function stackGridsThatDoNotFit(model: Model): void {
  let observed: { root: HTMLElement; observer: ResizeObserver } | undefined;
  /** Per stacked grid: the survey width its table needed. */
  const neededWidth = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const grids = () => model.getAllQuestions().filter((question: Question) => question.getType() === 'matrix');

  const check = () => {
    timer = undefined;
    if (!observed) return;
    const { root } = observed;
    if (!root.isConnected) {
      observed.observer.disconnect();
      observed = undefined;
      return;
    }
    const width = root.clientWidth;
    let switched = false;
    for (const question of grids()) {
      // Below survey-core's own mobile width every grid is stacked already, by survey-core.
      if (model.isMobile) break;
      if (question.isMobile) {
        const needed = neededWidth.get(question.name);
        if (needed === undefined || width >= needed) {
          neededWidth.delete(question.name);
          question.setIsMobile(false);
          switched = true;
        }
        continue;
      }
      const element = root.querySelector<HTMLElement>(`.sd-question[data-name="${CSS.escape(question.name)}"]`);
      // The question's content box scrolls sideways when its table does not fit (the cells overflow the table).
      const box = element?.querySelector('table')?.closest<HTMLElement>('.sd-element__content');
      if (!box) continue; // not on the current page
      const overflow = box.scrollWidth - box.clientWidth;
      if (overflow > 1) {
        neededWidth.set(question.name, width + overflow);
        question.setIsMobile(true);
        switched = true;
      }
    }
    // A grid switched back to a table is measured again once rendered: its new labels may still not fit.
    if (switched) schedule();
  };

  const schedule = () => {
    if (timer === undefined) timer = setTimeout(check, SETTLE_MS);
  };

  model.onAfterRenderSurvey.add((_, options) => {
    const root = options.htmlElement as HTMLElement;
    if (observed?.root === root) return;
    observed?.observer.disconnect();
    const observer = new ResizeObserver(schedule);
    observer.observe(root);
    observed = { root, observer };
    schedule();
  });
  model.onAfterRenderQuestion.add((_, options) => {
    if (options.question.getType() === 'matrix') schedule();
  });
  model.onCurrentPageChanged.add(schedule);
  // Other words, other widths: a language switch measures every grid afresh.
  model.onLocaleChangedEvent.add(() => {
    for (const question of grids()) {
      if (neededWidth.delete(question.name)) question.setIsMobile(false);
    }
    schedule();
  });
}
