/** One thing wrong with a definition file, or worth a warning, found by checkDefinitions. */
export interface Problem {
  /** The file, as given (e.g. `survey-definitions/citizen-needs/v1.json`). */
  source: string;
  /** The question (or panel) it is about, if any. */
  question?: string;
  message: string;
  /**
   * A warning leaves the file in service: something survey-core accepts but the
   * author may not mean (a text that falls back to another language, a custom
   * property survey-core ignores). Anything else makes the file left out.
   */
  severity?: 'warning';
}

/** What a single rule reports; checkDefinitions adds the file. */
export type Finding = Omit<Problem, 'source'>;

/** `survey-definitions/x/v1.json: question "purpose": translation "en" missing in title` */
export function formatProblem(problem: Problem): string {
  const question = problem.question === undefined ? '' : `question ${JSON.stringify(problem.question)}: `;
  const warning = problem.severity === 'warning' ? 'warning: ' : '';
  return `${problem.source}: ${warning}${question}${problem.message}`;
}
