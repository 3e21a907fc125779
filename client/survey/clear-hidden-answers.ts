/**
 * Before survey-core completes, answers to hidden questions are cleared until nothing changes
 * (docs/decisions/0024-hidden-answers-follow-survey-core-completion.md). survey-core's own
 * `clearInvisibleValues: "onComplete"` clears in one pass without running the conditions again, so
 * in a chain (A shows B, B shows C) a change of mind at A leaves C answered though nothing shows it.
 * Clearing here, while the survey is still running, lets each clear re-run the conditions.
 */
import type { Model, Question } from 'survey-core';

/** Clears until a pass finds nothing; each pass clears at least one answer, so it ends. */
export function clearHiddenAnswers(model: Model): void {
  if (model.clearInvisibleValues === 'none') return;
  for (;;) {
    const hidden = model.getAllQuestions().filter((question: Question) => !question.isEmpty() && !isShown(model, question));
    if (hidden.length === 0) return;
    for (const question of hidden) question.clearValue();
  }
}

function isShown(model: Model, question: Question): boolean {
  if (question.isVisible && question.isParentVisible) return true;
  // Two questions sharing one value: survey-core keeps it while either is shown.
  return (model as unknown as { hasVisibleQuestionByValueName(question: Question): boolean }).hasVisibleQuestionByValueName(question);
}
