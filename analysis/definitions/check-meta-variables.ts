/**
 * `metaVariables`: response meta (the kiosk's ward) that analysis treats like
 * an answered single-choice question. See docs/survey-definitions.md.
 */
import { responseMetaSchema } from '../../contracts/submission.ts';
import { WARD_CODES } from '../../contracts/wards.ts';
import type { Finding } from './definition-problem.ts';
import type { ListedQuestion } from '../../core/definitions/list-questions.ts';
import { quote } from './quote.ts';

/** The meta keys a submission can carry (contracts/submission.ts). */
const META_KEYS = Object.keys(responseMetaSchema.shape);
/** A meta variable is one value per response, like a radiogroup, so only these roles fit. */
const META_ROLES = ['segment', 'cohort'];

export function checkMetaVariables(json: Record<string, unknown>, questions: ListedQuestion[]): Finding[] {
  const metaVariables = json.metaVariables;
  if (metaVariables === undefined) return [];
  if (!Array.isArray(metaVariables)) {
    return [{ message: `"metaVariables" must be an array, got ${quote(metaVariables)}` }];
  }
  const questionNames = new Set(questions.filter((q) => q.scope === undefined).map((q) => q.name));
  const seen = new Set<string>();
  const findings: Finding[] = [];

  metaVariables.forEach((entry, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      findings.push({ message: `metaVariables[${index}] must be an object, got ${quote(entry)}` });
      return;
    }
    const { name, from, title, choices, analysis } = entry as Record<string, unknown>;
    const label = typeof name === 'string' ? `meta variable "${name}"` : `metaVariables[${index}]`;
    const report = (message: string) => findings.push({ message: `${label}: ${message}` });

    if (typeof name !== 'string' || name === '') report(`"name" must be a non-empty string, got ${quote(name)}`);
    else if (questionNames.has(name)) report('has the same name as a question; analysis could not tell them apart');
    else if (seen.has(name)) report('the name is used twice');
    if (typeof name === 'string') seen.add(name);

    if (!META_KEYS.includes(from as string)) report(`"from" must be one of the response meta keys ${META_KEYS.join(', ')}, got ${quote(from)}`);
    if (title === undefined) report('needs a "title" (shown in reports)');

    if (!Array.isArray(choices) || choices.length === 0) {
      report(`"choices" must be a non-empty array of {"value", "text"}, got ${quote(choices)}`);
    } else {
      const values = new Set<string>();
      choices.forEach((choice, choiceIndex) => {
        const value = (choice as { value?: unknown } | null)?.value;
        if (typeof value !== 'string' || value === '') {
          report(`choices[${choiceIndex}] needs a string "value", got ${quote(choice)}`);
          return;
        }
        if (values.has(value)) report(`choices has the value ${quote(value)} twice`);
        values.add(value);
        // meta.ward is checked against the ten ward codes, so any other value could never occur.
        if (from === 'ward' && !(WARD_CODES as readonly string[]).includes(value)) {
          report(`choice ${quote(value)} is not a ward code (${WARD_CODES.join(', ')})`);
        }
      });
    }

    const role = (analysis as { role?: unknown } | null | undefined)?.role;
    if (typeof analysis !== 'object' || analysis === null || Array.isArray(analysis)) {
      report(`"analysis" must be an object such as {"role":"segment"}, got ${quote(analysis)}`);
    } else if (!META_ROLES.includes(role as string)) {
      report(`analysis role ${quote(role)} does not fit a meta variable (it fits ${META_ROLES.join(', ')})`);
    }
  });
  return findings;
}
