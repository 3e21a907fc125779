/**
 * `{$q1.isVisible}`, `{$page2.visible}`, `{$q1.inputType}`: survey-core's element-property references
 * (settings.expressionElementPropertyPrefix), read as survey-core 3 reads them (SurveyValueGetterContext:
 * `survey`, then a page, then a panel by name, then a calculated value or a value the page sets, then a
 * question by value name; the property itself by its exact name, `obj[name]`).
 *
 * The server has no live form, so it computes the property from the response: `visible`/`isVisible`
 * from the element's visibleIf (a panel's or page's isVisible also needs a visible element inside),
 * `readOnly`/`isReadOnly` from enableIf (and the parents'), `isRequired` from requiredIf, each compiled
 * once with survey-core's ConditionRunner; any other property must be one the definition fixes (a
 * serializable, non-localizable property holding a plain value that nothing changes while the form runs).
 * survey-core re-runs an expression that reads a property whenever the property changes, so its result
 * is the one for the final answers, which is what is computed here. Anything else is refused at load,
 * with the reason. See docs/decisions/0096-server-side-expressions-with-survey-core.md.
 */
import { Base, Serializer, settings, type SurveyModel } from 'survey-core';
import { ELEMENT_PROPERTY_PREFIX } from '../../analysis/definitions/expression-names.ts';
import type { Condition } from './condition.ts';

type AnyElement = Record<string, any>;
type Fail = (what: string, reason: string) => Error;
/** `owner`: the question whose own condition it is, for `{$self.…}`/`{$panel.…}` (undefined: they are refused). */
type CompileCondition = (expression: unknown, what: string, owner?: AnyElement) => Condition | undefined;

/** One `{$element.property}` as a response gives it. */
export interface PropertyReference {
  /** The property's value for these values (what conditions read), or `values` to read the response's data as survey-core does. */
  read: ((values: Record<string, unknown>) => unknown) | 'values';
  /** Its value depends on a value the host page sets: unknown on the server. */
  readsHostVariable: boolean;
  /** The answers it depends on, lower-case first segments (what clear-hidden-chains.ts follows). */
  reads: string[];
}

export interface ElementProperties {
  /**
   * Compiles one `$…` variable of an expression (as survey-core's parser names it), or throws the reason it is refused.
   * @param owner the top-level question whose own visibleIf, enableIf, requiredIf or expression it is: `$self` is the
   *   question, `$panel` the panel around it (survey-core's QuestionValueGetterContext); elsewhere they are refused
   */
  reference(variable: string, what: string, expression: string, owner?: AnyElement): PropertyReference;
}

/** Properties the form changes while it runs, other than by the conditions computed here. */
const CHANGED_WHILE_RUNNING = new Set(['state', 'locale', 'rowCount', 'panelCount', 'currentIndex', 'currentPageNo', 'value']);
const DYNAMIC = new Set(['visible', 'isVisible', 'readOnly', 'isReadOnly', 'isRequired']);
const PREFIX = settings.expressionElementPropertyPrefix;

interface Evaluator {
  read: (values: Record<string, unknown>) => unknown;
  readsHostVariable: boolean;
  reads: string[];
}

export function createElementProperties(model: SurveyModel, fail: Fail, compileCondition: CompileCondition, hostVariables: ReadonlySet<string>): ElementProperties {
  const survey = model as unknown as AnyElement;
  const calculated = new Set(((survey.calculatedValues ?? []) as AnyElement[]).map((item) => String(item.name).toLowerCase()));
  const relative = new Set(Object.entries(settings.expressionVariables as Record<string, string>).filter(([key]) => key !== 'survey').map(([, name]) => String(name).toLowerCase()));
  const memo = new Map<string, Evaluator | 'building'>();

  const elementOf = (name: string): AnyElement | undefined => {
    const lower = name.toLowerCase();
    if (lower === String(settings.expressionVariables.survey).toLowerCase()) return survey;
    const page = (survey.pages as AnyElement[]).find((item) => String(item.name).toLowerCase() === lower);
    if (page) return page;
    const panel = (survey.getAllPanels() as AnyElement[]).find((item) => item.name && String(item.name).toLowerCase() === lower);
    if (panel) return panel;
    if (calculated.has(lower) || hostVariables.has(lower)) return undefined;
    return (survey.getQuestionByValueName(name, true) as AnyElement | null) ?? undefined;
  };

  const constant = (value: unknown): Evaluator => ({ read: () => value, readsHostVariable: false, reads: [] });
  const fromCondition = (condition: Condition | undefined, otherwise: unknown, negate = false): Evaluator =>
    condition === undefined
      ? constant(otherwise)
      : { read: (values) => condition.isTrue(values) !== negate, readsHostVariable: condition.readsHostVariable, reads: condition.reads };
  const combine = (parts: Evaluator[], read: Evaluator['read']): Evaluator => ({
    read,
    readsHostVariable: parts.some((part) => part.readsHostVariable),
    reads: [...new Set(parts.flatMap((part) => part.reads))],
  });

  const evaluator = (element: AnyElement, property: string, what: string): Evaluator => {
    const key = `${element.uniqueId ?? element.id ?? element.name}\u0000${property}`;
    const known = memo.get(key);
    if (known === 'building') throw fail(what, `{${PREFIX}${element.name}.${property}} depends on itself through other property references, so its value depends on the order the form ran them`);
    if (known !== undefined) return known;
    memo.set(key, 'building');
    const built = build(element, property, what);
    memo.set(key, built);
    return built;
  };

  const isContainer = (element: AnyElement) => Boolean(element.isPanel || element.isPage);
  const label = (element: AnyElement) => (element === survey ? 'the survey' : `${element.isPage ? 'page' : element.isPanel ? 'panel' : 'question'} "${element.name}"`);

  const build = (element: AnyElement, property: string, what: string): Evaluator => {
    // A question's own conditions read `$self`/`$panel` from it; a panel's or page's do not (survey-core reads nothing there).
    const isQuestion = element !== survey && !isContainer(element);
    const own = (name: string) => compileCondition(element[name], `${label(element)} ${name}`, isQuestion ? element : undefined);
    switch (element !== survey && DYNAMIC.has(property) ? property : '') {
      case 'visible':
        return fromCondition(own('visibleIf'), element.visible !== false);
      case 'isVisible': {
        const visible = evaluator(element, 'visible', what);
        if (!isContainer(element)) {
          if (element.hideIfChoicesEmpty || element.hideIfRowsEmpty) {
            throw fail(what, `{${PREFIX}${element.name}.isVisible}: a question with hideIfChoicesEmpty or hideIfRowsEmpty is not supported by strict validation yet`);
          }
          return visible;
        }
        // PanelModelBase.isVisible: visible, and some element inside is visible (getIsPageVisible).
        const children = (element.elements as AnyElement[]).map((child) => evaluator(child, 'isVisible', what));
        return combine([visible, ...children], (values) => visible.read(values) === true && children.some((child) => child.read(values) === true));
      }
      case 'readOnly':
        return fromCondition(own('enableIf'), Boolean(element.readOnly), true);
      case 'isReadOnly': {
        const readOnly = evaluator(element, 'readOnly', what);
        const parent = element.parent as AnyElement | undefined;
        if (!parent) return readOnly;
        const parentReadOnly = evaluator(parent, 'isReadOnly', what);
        return combine([readOnly, parentReadOnly], (values) => readOnly.read(values) === true || parentReadOnly.read(values) === true);
      }
      case 'isRequired':
        return fromCondition(own('requiredIf'), Boolean(element.isRequired));
      default: {
        const serialized = Serializer.findProperty(element.getType(), property) as AnyElement | null;
        const value = element[property] as unknown;
        const plain = value === undefined || value === null || ['string', 'number', 'boolean'].includes(typeof value);
        if (!serialized || serialized.isSerializable === false || CHANGED_WHILE_RUNNING.has(property) || !plain) {
          throw fail(
            what,
            `{${PREFIX}${element.name}.${property}} reads a property of the live form that the server cannot compute from the answers ` +
              '(supported: visible, isVisible, readOnly, isReadOnly, isRequired, and properties the definition fixes)',
          );
        }
        if (serialized.isLocalizable) {
          throw fail(what, `{${PREFIX}${element.name}.${property}} is a text in the respondent's language, which the response does not record`);
        }
        return constant(value);
      }
    }
  };

  return {
    reference(variable, what, expression, owner) {
      const path = variable.slice(PREFIX.length).split('.');
      if (path.length !== 2 || variable.includes('[') || path.some((part) => part === '')) {
        throw fail(what, `{${variable}} in ${JSON.stringify(expression)}: only {${PREFIX}element.property} is supported by strict validation`);
      }
      const [name, property] = path;
      if (relative.has(name.toLowerCase())) {
        // QuestionValueGetterContext compares the names as written; `$parent` is the matrix or dynamic panel holding a
        // question, which a top-level question has none of.
        const parent = owner?.parent as AnyElement | undefined;
        const element =
          owner === undefined ? undefined : name === settings.expressionVariables.self ? owner : name === settings.expressionVariables.panel && parent?.isPanel ? parent : undefined;
        if (element === undefined) {
          throw fail(
            what,
            `{${variable}} in ${JSON.stringify(expression)} reads a property relative to the element that runs it, which strict validation supports only as ` +
              `{${PREFIX}self.…} and {${PREFIX}panel.…} (a panel around the question) in a top-level question's own visibleIf, enableIf, requiredIf and expression`,
          );
        }
        return evaluator(element, property, what);
      }
      const element = elementOf(name);
      // Not an element: survey-core reads the response's (or calculated) value of that name, as the server does.
      if (element === undefined) return { read: 'values', readsHostVariable: hostVariables.has(name.toLowerCase()), reads: [name.toLowerCase()] };
      if (element !== survey && (element.parentQuestion || insideDynamicElement(element))) {
        throw fail(what, `{${variable}}: an element inside a dynamic panel or a matrix has one copy per panel or row; strict validation does not support reading its properties yet`);
      }
      return evaluator(element, property, what);
    },
  };
}

function insideDynamicElement(element: AnyElement): boolean {
  for (let parent = element.parent as AnyElement | undefined; parent; parent = parent.parent) if (parent.parentQuestion) return true;
  return false;
}

/** survey-core's plain value getter context (VariableGetterContext), the one `runValues` uses; not exported by name. */
const VariableGetterContext = (new Base() as unknown as { getValueGetterContext(): { constructor: new (values: unknown) => ValueGetterContext } }).getValueGetterContext().constructor;

interface PathItem { name: string; index?: number }
interface ValueGetterContext { getValue(params: { path: PathItem[]; isProperty?: boolean }): unknown }

/** The key a reference is compiled under, from survey-core's path (its first name without the prefix). */
export function referenceKey(name: string, property: string): string {
  return `${name.toLowerCase()}.${property}`;
}

/**
 * A survey-core value getter context over one response's values that answers `{$element.property}` from the
 * compiled references; everything else is read as `runValues` reads it.
 */
export function contextWithProperties(values: Record<string, unknown>, references: ReadonlyMap<string, PropertyReference>): ValueGetterContext {
  const plain = new VariableGetterContext(values);
  return {
    getValue(params) {
      const path = params.path;
      if (!params.isProperty || path.length !== 2) return plain.getValue(params);
      const reference = references.get(referenceKey(path[0].name, path[1].name));
      if (reference === undefined || reference.read === 'values') return plain.getValue(params);
      const value = reference.read(values);
      return value === undefined ? undefined : { isFound: true, value, context: plain };
    },
  };
}

/**
 * The expression's `{$element.property}` references, compiled (element-properties.ts), keyed as survey-core's
 * value getter asks for them; undefined when it has none. Where they are not supported, the reason.
 */
export function propertyReferences(
  variables: readonly string[],
  what: string,
  expression: string,
  fail: { (what: string, reason: string): Error; properties?: ElementProperties },
  owner?: AnyElement,
): Map<string, PropertyReference> | undefined {
  const properties = variables.filter((name) => name.startsWith(ELEMENT_PROPERTY_PREFIX));
  if (properties.length === 0) return undefined;
  if (fail.properties === undefined) {
    throw fail(what, `{${properties[0]}} reads a property of the live form; in this expression strict validation does not compute it yet`);
  }
  const references = new Map<string, PropertyReference>();
  for (const variable of properties) {
    const [name, property] = variable.slice(ELEMENT_PROPERTY_PREFIX.length).split('.');
    references.set(referenceKey(name ?? '', property ?? ''), fail.properties.reference(variable, what, expression, owner));
  }
  return references;
}

/**
 * survey-core's built-in variables (SurveyValueGetterContext.getBuiltInVariableValue, read before any answer of that
 * name), each read at the moment an expression runs. None is computed by the server: survey-core 3 runs a condition,
 * an expression question or a trigger again only when a value it names changes (canSkipExpressionByKeys; a built-in
 * is never among the changed keys), and never on a change of page, of the pages shown or of language, so the result
 * depends on when the respondent answered, paged or switched language. A probe with survey-core 3.0.0 (the same final
 * answers in two orders, and set at once): `{pagecount} = {b}` shows a question in one order and hides it in the
 * other; an expression question `{pageno}` keeps 0 (computed at load), `{locale}` keeps the language of the
 * definition after the form switched to English, `{correctAnswers}` keeps 0 after a correct answer; a calculated
 * value follows the last change of any value. See docs/decisions/0096-server-side-expressions-with-survey-core.md.
 */
const BUILT_IN_VARIABLES: ReadonlyMap<string, string> = new Map([
  ['pageno', 'the page the respondent is on when the form runs it (and the kiosk splits long pages, so numbers differ by channel)'],
  ['pagecount', 'the pages shown when the form runs it, which survey-core does not re-run when they change'],
  ['locale', "the language shown when the form runs it, which survey-core does not re-run when the respondent switches language (the response's meta.locale is only the last one)"],
  ...['correctanswers', 'correctedanswers', 'correctedanswercount', 'incorrectanswers', 'incorrectedanswers', 'incorrectedanswercount', 'questioncount'].map(
    (name): [string, string] => [name, 'the quiz score when the form runs it, which survey-core does not re-run when the score changes'],
  ),
]);

export function refuseBuiltInVariables(variables: readonly string[], what: string, expression: string, fail: (what: string, reason: string) => Error): void {
  for (const variable of variables) {
    // survey-core compares `locale` as written (SurveyValueGetterContext.getValue), the others in lower case.
    const reason = variable.toLowerCase() === 'locale' && variable !== 'locale' ? undefined : BUILT_IN_VARIABLES.get(variable.toLowerCase());
    if (reason !== undefined) {
      throw fail(what, `{${variable}} in ${JSON.stringify(expression)} is survey-core's built-in variable for ${reason}; its value cannot be computed from the answers`);
    }
  }
}
