/**
 * The values survey-core computes from the answers (issue 22, item 1): the
 * survey's `calculatedValues` and `expression` questions, compiled once per
 * definition into survey-core's own ExpressionRunner (its parser and function
 * registry), and run per response the way SurveyModel.runConditions runs them:
 * calculated values first (each after the calculated values it reads), then
 * expression questions in page order, each seeing the values set before it,
 * and the whole pass again while anything changed (survey-core re-runs at most
 * settings.maxConditionRunCountOnValueChanged times).
 *
 * A definition without any of them compiles to `undefined`: its responses cost
 * nothing more than before. See docs/decisions/0096-server-side-expressions-with-survey-core.md.
 */
import { ExpressionRunner, Helpers, settings, type SurveyModel } from 'survey-core';
import { ELEMENT_PROPERTY_PREFIX, expressionNames, parseExpression } from '../../analysis/definitions/expression-names.ts';
import { PURE_FUNCTIONS } from './pure-functions.ts';
import { contextWithProperties, propertyReferences, refuseBuiltInVariables, type ElementProperties } from './element-properties.ts';

export interface ComputedValue {
  /** The value name (an expression question's value name, or the calculated value's name). */
  name: string;
  kind: 'expression' | 'calculated';
  expression: string;
  /** Whether survey-core puts it in `survey.data`: every expression question, a calculated value only with includeIntoResult. */
  inData: boolean;
  /** The calculated values this one reads, by name (survey-core computes those first). */
  reads: string[];
  /** The raw result (an expression question's rounded by its `precision`, as survey-core rounds it). */
  run(values: Record<string, unknown>): unknown;
}

export interface Logic {
  calculated: ComputedValue[];
  expressions: ComputedValue[];
  /** Names stored in the response's data, by value name. */
  inData: ReadonlyMap<string, ComputedValue>;
}

/**
 * Functions whose result depends on when they run (the client's clock at completion, not the
 * server's on receipt): a value computed from them cannot be checked, so it is refused at load.
 */
const CLOCK_FUNCTIONS = new Set(['today', 'currentDate', 'currentYear', 'age']);

type AnyElement = Record<string, any>;
type Fail = (what: string, reason: string) => Error;

export function buildLogic(model: SurveyModel, fail: Fail, properties?: ElementProperties): Logic | undefined {
  const survey = model as unknown as AnyElement;
  const calculated: ComputedValue[] = ((survey.calculatedValues ?? []) as AnyElement[]).map((item) => {
    const name = String(item.name);
    const runner = compile(item.expression, `calculated value "${name}"`, fail, properties);
    return { name, kind: 'calculated', expression: String(item.expression), inData: Boolean(item.includeIntoResult), reads: runner.reads, run: runner.run };
  });
  const calculatedNames = new Set(calculated.map((item) => item.name));
  for (const item of calculated) item.reads = item.reads.filter((name) => calculatedNames.has(name) && name !== item.name);
  const expressions: ComputedValue[] = [];
  for (const question of model.getAllQuestions(false, false, true) as unknown as AnyElement[]) {
    if (question.getType() !== 'expression') continue;
    const name = question.getValueName() as string;
    const what = `question "${name}"`;
    // One inside a dynamic panel or a matrix column is computed per panel or row (build-core-rules.ts, nestedComputed).
    if (question.parentQuestion) continue;
    // survey-core does not run the expression of a read-only expression question: it keeps whatever value it had.
    if (question.readOnly || question.enableIf) throw fail(what, 'a read-only expression question (readOnly, enableIf) keeps any value, which the server cannot check');
    // Its own expression reads {$self.…} and {$panel.…} from the question (QuestionValueGetterContext).
    const runner = compile(question.expression, what, fail, properties, question);
    const round = (question.roundValue as (value: unknown) => unknown).bind(question);
    expressions.push({ name, kind: 'expression', expression: String(question.expression ?? ''), inData: true, reads: runner.reads, run: (values) => round(runner.run(values)) });
  }
  if (calculated.length === 0 && expressions.length === 0) return undefined;
  const inData = new Map<string, ComputedValue>();
  for (const item of [...calculated, ...expressions]) if (item.inData && !inData.has(item.name)) inData.set(item.name, item);
  return { calculated, expressions, inData };
}

/**
 * @param properties how to read `{$element.property}` (element-properties.ts); without it such a reference is refused
 * @param owner the top-level question whose own expression this is: what `{$self.…}` and `{$panel.…}` read
 */
export function compile(
  expression: unknown,
  what: string,
  fail: Fail,
  properties?: ElementProperties,
  owner?: AnyElement,
): { run: (values: Record<string, unknown>) => unknown; reads: string[] } {
  // survey-core gives an expression question without an expression no value at all.
  if (typeof expression !== 'string' || expression.trim() === '') return { run: () => undefined, reads: [] };
  const parsed = parseExpression(expression);
  const runner = new ExpressionRunner(expression);
  if (!runner.canRun() || 'error' in parsed) throw fail(what, `cannot parse ${JSON.stringify(expression)}`);
  if (runner.isAsync) throw fail(what, `async functions are not supported: ${JSON.stringify(expression)}`);
  const { variables, functions } = expressionNames(parsed.operand);
  for (const name of functions) {
    if (CLOCK_FUNCTIONS.has(name)) {
      throw fail(what, `function ${name}() in ${JSON.stringify(expression)} depends on the clock of the device that ran the form, so the server cannot recompute the value`);
    }
    if (!PURE_FUNCTIONS.has(name)) throw fail(what, `function ${name}() in ${JSON.stringify(expression)} is not supported by strict validation yet`);
  }
  refuseBuiltInVariables(variables, what, expression, fail);
  const references = propertyReferences(variables, what, expression, Object.assign((w: string, r: string) => fail(w, r), { properties }), owner);
  const reads = [
    ...new Set([
      ...variables.filter((name) => !name.startsWith(ELEMENT_PROPERTY_PREFIX)).map((name) => name.split(/[.[]/)[0]),
      ...[...(references?.values() ?? [])].flatMap((reference) => reference.reads),
    ]),
  ];
  if (references === undefined) return { run: (values) => runner.runValues(values), reads };
  return { run: (values) => runner.runContext(contextWithProperties(values, references) as never), reads };
}

/**
 * The response's values with everything survey-core computes from them: a fresh object
 * (no prototype, as the validator's), holding the answers, the calculated values (also those
 * survey-core keeps out of the data: conditions read them) and every expression question's value.
 * Computed names sent in the response are not read: survey-core overwrites them too.
 */
export function computeValues(logic: Logic, answers: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(answers)) if (!logic.inData.has(key)) values[key] = answers[key];
  const maxPasses = 1 + settings.maxConditionRunCountOnValueChanged;
  for (let pass = 0; pass < maxPasses; pass++) {
    let changed = false;
    const set = (item: ComputedValue, value: unknown) => {
      const old = values[item.name];
      if (Helpers.isTwoValueEquals(value, old, false, true, false)) return;
      changed = true;
      if (Helpers.isValueEmpty(value)) delete values[item.name];
      else values[item.name] = value;
    };
    // SurveyModel.runConditionsCore: each calculated value once per pass, after the calculated values it reads.
    const done = new Set<ComputedValue>();
    const calculate = (item: ComputedValue) => {
      if (done.has(item)) return;
      done.add(item);
      for (const read of item.reads) for (const other of logic.calculated) if (other.name === read) calculate(other);
      set(item, item.run(values));
    };
    for (const item of logic.calculated) calculate(item);
    for (const item of logic.expressions) set(item, item.run(values));
    if (!changed) break;
  }
  return values;
}

/** A computed value as it arrives in JSON (a Date as its ISO text), or undefined when survey-core stores nothing. */
export function asStored(value: unknown): unknown {
  if (Helpers.isValueEmpty(value)) return undefined;
  const json = JSON.stringify(value);
  return json === undefined ? undefined : JSON.parse(json);
}
