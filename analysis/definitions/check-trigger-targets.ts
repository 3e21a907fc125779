/**
 * Names only triggers set (issue 22): a setvalue, copyvalue or runexpression trigger whose `setToName` names no
 * question, or a read-only one, sets a value the respondent never answers. survey-core stores it in the response, the
 * server checks it against what the trigger sets (server/validation/build-triggers.ts), and exports carry it as a
 * column of its own (server/export/build-export-columns.ts). A warning, not a problem: analysts should know that the
 * column holds a value the form computed, not an answer.
 */
import type { Finding } from './definition-problem.ts';
import type { ListedQuestion } from '../../core/definitions/list-questions.ts';
import { quote } from './quote.ts';

const VALUE_TRIGGERS = new Set(['setvalue', 'copyvalue', 'runexpression']);

export function checkTriggerTargets(definition: Record<string, unknown>, questions: ListedQuestion[]): Finding[] {
  if (!Array.isArray(definition.triggers)) return [];
  const byName = new Map<string, ListedQuestion>();
  for (const question of questions) {
    if (question.scope !== undefined) continue;
    const valueName = typeof question.json.valueName === 'string' ? question.json.valueName : question.name;
    if (!byName.has(valueName)) byName.set(valueName, question);
  }
  const types = new Map<string, string[]>();
  for (const trigger of definition.triggers as unknown[]) {
    if (typeof trigger !== 'object' || trigger === null) continue;
    const { type, setToName } = trigger as { type?: unknown; setToName?: unknown };
    if (typeof type !== 'string' || !VALUE_TRIGGERS.has(type.toLowerCase()) || typeof setToName !== 'string' || setToName === '') continue;
    const question = byName.get(setToName);
    // A question the respondent can edit holds their last word; the trigger only fills it in first.
    if (question !== undefined && question.json.readOnly !== true) continue;
    types.set(setToName, [...new Set([...(types.get(setToName) ?? []), type.toLowerCase()])]);
  }
  return [...types].map(([name, kinds]) => {
    const question = byName.get(name);
    const by = `${kinds.join(' and ')} trigger${kinds.length > 1 ? 's' : ''}`;
    return {
      ...(question ? { question: question.name } : {}),
      severity: 'warning' as const,
      message: question
        ? `read-only, so set only by ${by}: the respondent cannot answer it, and its export column holds the value the form computed, not an answer`
        : `${quote(name)} is no question and is set only by ${by}: the respondent never answers it; it is stored with the response, and exports carry the value the form computed in a column of its own`,
    };
  });
}
