/**
 * What a SurveyJS expression reads, from survey-core's own parser
 * (ConditionsParser, the one ExpressionRunner and ConditionRunner use), never
 * from regular expressions over its text: `and (` is a parenthesis, not a
 * function, and `'max('` inside a string is text.
 */
import { ConditionsParser } from 'survey-core';

/** The parts of survey-core's Operand classes (BinaryOperand, FunctionOperand, Variable, …) read here. */
export interface Operand {
  getType(): string;
  operatorName?: string;
  left?: Operand;
  right?: Operand;
  expressionValue?: Operand;
  values?: Operand[];
  parameters?: Operand | Operand[];
  variableName?: string;
  functionName?: string;
  correctValue?: unknown;
}

export type ParsedExpression = { operand: Operand } | { error: string };

export function parseExpression(expression: string): ParsedExpression {
  const parser = new ConditionsParser();
  const operand = parser.parseExpression(expression) as Operand | null;
  if (operand) return { operand };
  const error = (parser as unknown as { error?: { code?: string } }).error;
  return { error: error?.code ?? 'syntax error' };
}

/** Calls `see` on every operand of the tree, parents first. */
export function visitOperands(node: Operand | undefined | null, see: (node: Operand) => void): void {
  if (!node || typeof node.getType !== 'function') return;
  see(node);
  for (const child of [node.left, node.right, node.expressionValue]) visitOperands(child, see);
  for (const child of node.values ?? []) visitOperands(child, see);
  const parameters = node.parameters;
  if (Array.isArray(parameters)) parameters.forEach((child) => visitOperands(child, see));
  else visitOperands(parameters, see);
}

/** The variables (`{q}`, `{$q.isVisible}`, `{panel.x}`) and functions an operand tree reads, in order, without repeats. */
export function expressionNames(operand: Operand): { variables: string[]; functions: string[] } {
  const variables = new Set<string>();
  const functions = new Set<string>();
  visitOperands(operand, (node) => {
    if (node.getType() === 'variable' && node.variableName) variables.add(node.variableName);
    if (node.getType() === 'function' && node.functionName) functions.add(node.functionName);
  });
  return { variables: [...variables], functions: [...functions] };
}

/**
 * survey-core's settings.expressionElementPropertyPrefix: `{$q1.containsErrors}`
 * reads a property of element q1, not an answer.
 */
export const ELEMENT_PROPERTY_PREFIX = '$';
