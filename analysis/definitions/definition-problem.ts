/** One thing wrong with a definition file, found by checkDefinitions. */
export interface Problem {
  /** The file, as given (e.g. `survey-definitions/citizen-needs/v1.json`). */
  source: string;
  /** The question (or panel) it is about, if any. */
  question?: string;
  message: string;
}

/** What a single rule reports; checkDefinitions adds the file. */
export type Finding = Omit<Problem, 'source'>;

/** `survey-definitions/x/v1.json: question "purpose": translation "en" missing in title` */
export function formatProblem(problem: Problem): string {
  const question = problem.question === undefined ? '' : `question ${JSON.stringify(problem.question)}: `;
  return `${problem.source}: ${question}${problem.message}`;
}
