/**
 * visibleIf / enableIf / requiredIf: survey-core accepts any text here and, at
 * run time, treats a misspelt question name or choice value as "empty", so the
 * question silently never shows. We parse each expression with survey-core's
 * own parser and warn when it names a question or a choice value the survey does
 * not have: the definition is still served, and the condition is evaluated as
 * survey-core evaluates it, so server and form agree. Only an expression that
 * does not parse is an error.
 */
import type { Finding } from './definition-problem.ts';
import { ELEMENT_PROPERTY_PREFIX, parseExpression, visitOperands, type Operand } from './expression-names.ts';
import { ratingValues, type ListedQuestion } from '../../core/definitions/list-questions.ts';
import { quote } from './quote.ts';

const CONDITION_PROPERTIES = ['visibleIf', 'enableIf', 'requiredIf', 'choicesVisibleIf', 'choicesEnableIf', 'rowsVisibleIf', 'columnsVisibleIf'];
const ITEM_CONDITION_PROPERTIES = ['visibleIf', 'enableIf'];
const ITEM_LISTS = ['choices', 'rows', 'columns', 'rateValues'];
/** Context prefixes SurveyJS resolves inside dynamic panels, matrices and item conditions (settings.expressionVariables). */
const CONTEXT_PREFIXES = new Set([
  'panel', 'parentpanel', 'rootpanel', 'row', 'composite', 'item', 'choice',
  // A panel's or row's own variables: survey-core gives them a value there (issue 22).
  'panelindex', 'visiblepanelindex', 'prevpanel', 'nextpanel', 'rowindex', 'visiblerowindex', 'rowname', 'rowvalue', 'rowtitle', 'prevrow', 'nextrow', 'totalrow',
]);
/** Operators whose other side is a value (or list of values) the question can hold. */
const VALUE_COMPARISONS = new Set(['equal', 'notequal', 'anyof', 'allof', 'contains', 'notcontains']);
const COMMENT_SUFFIX = '-Comment';

interface Condition {
  /** The element the condition is on (for the message), if it has a name. */
  owner?: string;
  property: string;
  expression: string;
}

export function checkExpressions(json: Record<string, unknown>, questions: ListedQuestion[]): Finding[] {
  const byName = new Map(questions.filter((q) => q.scope === undefined).map((q) => [q.name.toLowerCase(), q]));
  const calculated = Array.isArray(json.calculatedValues)
    ? json.calculatedValues.map((value) => String((value as { name?: unknown })?.name).toLowerCase())
    : [];
  // Values the host page sets (survey.setVariable), declared so a typo is still caught.
  const hostVariables = Array.isArray(json.variables) ? json.variables.map((name) => String(name).toLowerCase()) : [];
  const elementNames = collectElementNames(json);
  const findings: Finding[] = [];

  for (const condition of collectConditions(json)) {
    const report = (message: string, severity?: 'warning') =>
      findings.push({
        ...(condition.owner ? { question: condition.owner } : {}),
        ...(severity ? { severity } : {}),
        message: `${condition.property} ${quote(condition.expression)} ${message}`,
      });
    const warn = (message: string) => report(message, 'warning');
    const parsed = parseExpression(condition.expression);
    if ('error' in parsed) {
      report(`does not parse: ${parsed.error}`);
      continue;
    }
    visitOperands(parsed.operand, (node) => {
      if (node.getType() === 'variable') {
        const variable = node.variableName ?? '';
        if (variable.startsWith(ELEMENT_PROPERTY_PREFIX)) {
          // {$q1.containsErrors}: a property of element q1 (survey-core's element-property syntax).
          if (!elementNames.has(baseName(variable.slice(ELEMENT_PROPERTY_PREFIX.length)))) {
            warn(`refers to ${quote(variable)}, which is not a question of this survey; survey-core reads it as empty`);
          }
          return;
        }
        const base = baseName(variable);
        if (!CONTEXT_PREFIXES.has(base) && !byName.has(base) && !calculated.includes(base) && !hostVariables.includes(base)) {
          warn(
            `refers to ${quote(variable)}, which is not a question of this survey; survey-core reads it as empty ` +
              `(a value the page sets? declare it: "variables": [${quote(variable.split(/[.[]/)[0])}])`,
          );
        }
      }
      if (node.getType() === 'binary' && VALUE_COMPARISONS.has(node.operatorName ?? '')) {
        checkComparedValues(node, byName, warn);
      }
    });
  }
  return findings;
}

/** `{purpose} = 'taxes'` where purpose has no choice "taxes" would hide the question forever. */
function checkComparedValues(node: Operand, byName: Map<string, ListedQuestion>, report: (message: string) => void): void {
  const sides = [node.left, node.right];
  const variable = sides.find((side) => side?.getType() === 'variable');
  const other = sides.find((side) => side !== variable);
  if (!variable || !other || (other.getType() !== 'const' && other.getType() !== 'array')) return;
  const question = byName.get((variable.variableName ?? '').toLowerCase());
  const allowed = question && allowedValues(question);
  if (!question || !allowed) return;
  const constants = other.getType() === 'array' ? (other.values ?? []) : [other];
  for (const constant of constants) {
    if (constant.getType() !== 'const') continue;
    const value = constant.correctValue;
    if (value === undefined || value === null || value === '') continue;
    if (!allowed.has(String(value))) {
      report(`compares "${question.name}" with ${quote(value)}, which is not one of its values (${[...allowed].join(', ')}), so that part is never true`);
    }
  }
}

/** The values a question's answer (or, for checkbox-like ones, each element of it) can take; undefined when open-ended. */
function allowedValues(question: ListedQuestion): Set<string> | undefined {
  if (question.type === 'rating') {
    return new Set(ratingValues(question).map((item) => String(item.value)));
  }
  if (!question.choices || question.choices.length === 0) return undefined;
  return new Set([...question.choices.map((item) => String(item.value)), ...(question.specialChoiceValues ?? [])]);
}

/** `{q.row}`, `{q[0]}`, `{q-Comment}` all depend on question q. */
function baseName(variable: string): string {
  let base = variable.split(/[.[]/)[0].toLowerCase();
  if (base.endsWith(COMMENT_SUFFIX.toLowerCase())) base = base.slice(0, -COMMENT_SUFFIX.length);
  return base;
}

/** Every element's name (questions, panels, display elements, pages), lowercased as survey-core matches them. */
function collectElementNames(json: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.name === 'string') names.add(record.name.toLowerCase());
    for (const key of ['elements', 'templateElements']) if (Array.isArray(record[key])) (record[key] as unknown[]).forEach(walk);
  };
  if (Array.isArray(json.pages)) json.pages.forEach(walk);
  return names;
}

function collectConditions(json: Record<string, unknown>): Condition[] {
  const conditions: Condition[] = [];
  const fromElement = (element: unknown, fallbackOwner?: string): void => {
    if (typeof element !== 'object' || element === null) return;
    const record = element as Record<string, unknown>;
    const owner = typeof record.name === 'string' ? record.name : fallbackOwner;
    for (const property of CONDITION_PROPERTIES) {
      if (record[property] !== undefined) conditions.push({ owner, property, expression: String(record[property]) });
    }
    // An expression question's value is computed from the answers like a condition (issue 22).
    if (record.type === 'expression' && typeof record.expression === 'string' && record.expression.trim() !== '') {
      conditions.push({ owner, property: 'expression', expression: record.expression });
    }
    for (const list of ITEM_LISTS) {
      if (!Array.isArray(record[list])) continue;
      for (const item of record[list] as unknown[]) {
        if (typeof item !== 'object' || item === null) continue;
        for (const property of ITEM_CONDITION_PROPERTIES) {
          const expression = (item as Record<string, unknown>)[property];
          const label = `${list}[${quote((item as Record<string, unknown>).value ?? (item as Record<string, unknown>).name)}].${property}`;
          if (expression !== undefined) conditions.push({ owner, property: label, expression: String(expression) });
        }
      }
    }
    for (const key of ['elements', 'templateElements']) {
      if (Array.isArray(record[key])) (record[key] as unknown[]).forEach((child) => fromElement(child));
    }
  };
  if (Array.isArray(json.calculatedValues)) {
    for (const item of json.calculatedValues as unknown[]) {
      const { name, expression } = (item ?? {}) as { name?: unknown; expression?: unknown };
      if (typeof expression === 'string' && expression.trim() !== '') conditions.push({ property: `calculatedValues[${quote(name)}].expression`, expression });
    }
  }
  if (Array.isArray(json.pages)) {
    json.pages.forEach((page) => {
      const name = (page as { name?: unknown } | null)?.name;
      fromElement(page, typeof name === 'string' ? `page ${name}` : undefined);
    });
  }
  return conditions;
}
