/**
 * Loads the definition with survey-core's own Model, as the client and the
 * server will, and reports what survey-core could not read: a crash, an unknown
 * element type, a misspelt property ("visibleif"), a wrong property type.
 *
 * A property survey-core does not know is kept and ignored, as survey-core does:
 * surveys carry their own (a scoring "weight", a "price"), so that is a warning.
 * Only one that differs from a known property by letter case is refused, since
 * it is almost surely a typo that silently switches logic off.
 */
import { Model, Serializer } from 'survey-core';
import type { Finding } from './definition-problem.ts';

/** Our additions to SurveyJS JSON, which survey-core rightly does not know. */
const OUR_SURVEY_PROPERTIES = new Set(['id', 'version', 'audience', 'minGroupSize', 'metaVariables', 'variables', 'invitations', 'anonymous', 'resume', 'method']);
/** Survey-level properties SurveyJS Creator writes that survey-core ignores; accepted without a word. */
const IGNORED_SURVEY_PROPERTIES = new Set(['name']);
const OUR_ELEMENT_PROPERTIES = new Set(['analysis']);

interface SurveyCoreJsonError {
  type?: string;
  message: string;
  propertyName?: string;
  className?: string;
  jsonObj?: { name?: unknown; type?: unknown };
}

/** checkExpressions reports these itself, with the expression and the parser's reason. */
const WARNINGS_REPORTED_ELSEWHERE = /^Invalid expression:/;

export function checkWithSurveyCore(json: Record<string, unknown>): Finding[] {
  let model: Model;
  const warnings: string[] = [];
  try {
    model = withConsoleCaptured(warnings, () => new Model(json));
  } catch (error) {
    return [{ message: `survey-core cannot load it: ${(error as Error).message}` }];
  }
  const warningFindings = warnings
    .filter((warning) => !WARNINGS_REPORTED_ELSEWHERE.test(warning))
    .map((warning) => ({ message: `survey-core warns: ${warning}` }));
  const errors = ((model as unknown as { jsonErrors?: SurveyCoreJsonError[] | null }).jsonErrors ?? []).filter(
    (error) => !isOurProperty(error),
  );
  model.dispose();
  const errorFindings = errors.map((error): Finding => {
    const custom = customProperty(error);
    if (custom) return custom;
    const name = error.jsonObj?.name;
    const type = error.jsonObj?.type;
    // survey-core's own words for an unknown type point at "elements", not at the type.
    const unknownType = typeof type === 'string' && !Serializer.findClass(type);
    const finding: Finding = { message: unknownType ? unknownTypeMessage(type) : `survey-core: ${error.message}` };
    if (typeof name === 'string' && error.className !== 'survey' && error.className !== 'page') finding.question = name;
    return finding;
  });
  return [...errorFindings, ...warningFindings];
}

/**
 * survey-core reports some problems (an invalid expression, an unknown
 * function) only through console.warn/error while it loads. Loading is
 * synchronous, so swapping the console for that moment catches exactly its
 * messages, which then become findings instead of stray output.
 */
function withConsoleCaptured<T>(into: string[], load: () => T): T {
  const { warn, error } = console;
  console.warn = (...args: unknown[]) => void into.push(args.map(String).join(' '));
  console.error = console.warn;
  try {
    return load();
  } finally {
    console.warn = warn;
    console.error = error;
  }
}

function isOurProperty(error: SurveyCoreJsonError): boolean {
  if (error.type !== 'unknownproperty' || error.propertyName === undefined) return false;
  if (error.className === 'survey') return OUR_SURVEY_PROPERTIES.has(error.propertyName) || IGNORED_SURVEY_PROPERTIES.has(error.propertyName);
  return OUR_ELEMENT_PROPERTIES.has(error.propertyName);
}

/** An unknown property that is not a known one in the wrong case: kept, ignored, warned about. */
function customProperty(error: SurveyCoreJsonError): Finding | undefined {
  const { type, propertyName, className } = error;
  if (type !== 'unknownproperty' || propertyName === undefined || className === undefined) return undefined;
  const lower = propertyName.toLowerCase();
  if (Serializer.getProperties(className).some((property) => property.name.toLowerCase() === lower)) return undefined;
  const name = error.jsonObj?.name;
  const owner = className === 'survey' || className === 'page' || typeof name !== 'string' ? `${className} ` : '';
  const finding: Finding = {
    severity: 'warning',
    message: `${owner}property ${JSON.stringify(propertyName)} is not one survey-core knows; it is kept in the definition and ignored`,
  };
  if (typeof name === 'string' && className !== 'survey' && className !== 'page') finding.question = name;
  return finding;
}

/**
 * An element type survey-core cannot render: a typo, or a custom widget whose code is not on the
 * devices. The message says what to do instead (issue 21), naming the closest built-in type.
 */
function unknownTypeMessage(type: string): string {
  const builtIn = Serializer.getChildrenClasses('question', true).map((item) => item.name);
  const closest = builtIn
    .map((name) => ({ name, distance: editDistance(type.toLowerCase(), name) }))
    .sort((a, b) => a.distance - b.distance)[0];
  const hint = closest && closest.distance <= 2 ? ` (did you mean ${JSON.stringify(closest.name)}?)` : '';
  return (
    `survey-core does not know the element type ${JSON.stringify(type)}${hint}; use a built-in type: ` +
    'a custom widget needs its own code on every tablet and phone, which this toolkit does not load'
  );
}

/** Levenshtein distance, for "did you mean" on short type names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

