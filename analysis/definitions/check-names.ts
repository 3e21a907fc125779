/**
 * Names that must be unique: question names (answers are keyed by them), page
 * names, and the values inside one question's rows and columns.
 * Two choices with one value are a warning, not an error: survey-core shows both and
 * stores the same value for either, so answers stay valid; analysis and exports label
 * the value with the first choice's text (core/definitions/merge-questions.ts).
 */
import type { Finding } from './definition-problem.ts';
import type { ChoiceItem, ListedQuestion } from '../../core/definitions/list-questions.ts';
import { quote } from './quote.ts';

export function checkNames(json: Record<string, unknown>, questions: ListedQuestion[]): Finding[] {
  return [...duplicateQuestionNames(questions), ...duplicatePageNames(json), ...questions.flatMap(duplicateValues)];
}

function duplicateQuestionNames(questions: ListedQuestion[]): Finding[] {
  const firstAt = new Map<string, ListedQuestion>();
  const findings: Finding[] = [];
  for (const question of questions) {
    // Questions in a dynamic panel's template answer inside that panel's value: their own scope.
    const key = `${question.scope ?? ''}\u0000${question.name}`;
    const first = firstAt.get(key);
    if (first) {
      findings.push({ question: question.name, message: `the name is used twice, at ${first.path} and at ${question.path}` });
    } else {
      firstAt.set(key, question);
    }
  }
  return findings;
}

function duplicatePageNames(json: Record<string, unknown>): Finding[] {
  if (!Array.isArray(json.pages)) return [];
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const page of json.pages) {
    const name = (page as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') continue;
    if (seen.has(name)) findings.push({ message: `page name ${quote(name)} is used twice` });
    seen.add(name);
  }
  return findings;
}

function duplicateValues(question: ListedQuestion): Finding[] {
  const lists: Array<[string, ChoiceItem[] | undefined]> = [
    ['choices', question.choices],
    ['rows', question.rows],
    ['columns', question.columns],
    ['rateValues', question.rateValues],
    ['columns', question.cellColumns?.map((column) => ({ value: column.name }))],
  ];
  const findings: Finding[] = [];
  for (const [property, items] of lists) {
    const seen = new Set<string>();
    for (const item of items ?? []) {
      const key = String(item.value);
      if (!seen.has(key)) {
        seen.add(key);
        continue;
      }
      findings.push(
        property === 'choices'
          ? { question: question.name, severity: 'warning', message: `choices has the value ${quote(item.value)} twice: either choice stores the same answer, labelled with the first one's text` }
          : { question: question.name, message: `${property} has the value ${quote(item.value)} twice` },
      );
    }
  }
  return findings;
}
