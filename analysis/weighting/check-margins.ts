/**
 * Margins (question, value, population) checked against the report plan before any response
 * is read: each must name a single-answer question or meta variable the definitions have, and
 * one of its values. Throws ReportInputError with the margin's index, so the CLI can name
 * the CSV line.
 */
import type { ReportPlan } from '../plan/plan-report.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import type { Margin } from './rake.ts';

export function checkMargins(plan: ReportPlan, margins: ReadonlyArray<Margin>): void {
  if (margins.length === 0) throw new ReportInputError('the weights file lists no margins');
  const seen = new Set<string>();
  margins.forEach((margin, index) => {
    const { question, value, population } = margin;
    const variable = plan.variables.find((candidate) => candidate.name === question && candidate.kind === 'single');
    if (!variable) {
      throw new ReportInputError(
        `unknown question ${JSON.stringify(question)}: margins must name a single-answer question or meta variable of ${plan.surveyId} ` +
          `(one of: ${plan.singleAnswerVariables.join(', ')})`,
        { marginIndex: index },
      );
    }
    if (!variable.values.some((known) => String(known) === value)) {
      throw new ReportInputError(
        `${question} has no value ${JSON.stringify(value)} (its values: ${variable.values.map(String).join(', ')})`,
        { marginIndex: index },
      );
    }
    if (typeof population !== 'number' || !Number.isFinite(population) || !(population > 0)) {
      throw new ReportInputError(`population of ${question} = ${value} must be a number > 0, got ${JSON.stringify(population)}`, {
        marginIndex: index,
      });
    }
    const key = `${question}\u0000${value}`;
    if (seen.has(key)) throw new ReportInputError(`${question} = ${value} is listed twice`, { marginIndex: index });
    seen.add(key);
  });
}
