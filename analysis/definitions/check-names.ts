/**
 * Names that must be unique: page names and the values inside one question's rows
 * and columns. Question names may repeat as survey-core allows (one shared answer).
 * Two choices with one value are a warning, not an error: survey-core shows both and
 * stores the same value for either, so answers stay valid; analysis and exports label
 * the value with the first choice's text (core/definitions/merge-questions.ts).
 */
import type { Finding } from './definition-problem.ts';
import type { ChoiceItem, ListedQuestion } from '../../core/definitions/list-questions.ts';
import { answerShapeOf } from '../../core/definitions/merge-questions.ts';
import { quote } from './quote.ts';

export function checkNames(json: Record<string, unknown>, questions: ListedQuestion[]): Finding[] {
  return [...duplicateQuestionNames(questions), ...duplicatePageNames(json), ...questions.flatMap(duplicateValues)];
}

/**
 * survey-core lets two questions share a name: both show and store one value, which must
 * satisfy both (an e-mail asked on page 1 and shown again to confirm). That is a warning.
 * Refused: two shapes of answer under one name (a radiogroup and a checkbox: no one value
 * fits both, so nobody could answer), and a name used twice inside one dynamic panel
 * (the server checks a panel's answers by name, one question each).
 */
function duplicateQuestionNames(questions: ListedQuestion[]): Finding[] {
  const firstAt = new Map<string, ListedQuestion>();
  const findings: Finding[] = [];
  for (const question of questions) {
    // Questions in a dynamic panel's template answer inside that panel's value: their own scope.
    const key = `${question.scope ?? ''}\u0000${question.name}`;
    const first = firstAt.get(key);
    if (first) {
      findings.push(duplicateName(first, question));
    } else {
      firstAt.set(key, question);
    }
  }
  return findings;
}

function duplicateName(first: ListedQuestion, second: ListedQuestion): Finding {
  const where = `the name is used twice, at ${first.path} and at ${second.path}`;
  if (second.scope !== undefined) {
    return { question: second.name, message: `${where}, inside dynamic panel ${quote(second.scope)}; two questions of one panel sharing an answer are not supported yet, rename one` };
  }
  const shapes = [first, second].map(shapeOf);
  if (shapes[0] !== shapes[1]) {
    return {
      question: second.name,
      message: `${where}: a ${first.type} (${shapes[0]} answer) and a ${second.type} (${shapes[1]} answer) would share one value that cannot fit both, rename one`,
    };
  }
  return { question: second.name, severity: 'warning', message: `${where}: both questions show and store one answer, which must satisfy both (as in survey-core)` };
}

/** Questions that analysis reads alike ("other" covers types of their own, so these compare by type). */
function shapeOf(question: ListedQuestion): string {
  const shape = answerShapeOf(question);
  return shape === 'other' ? question.type : shape;
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
