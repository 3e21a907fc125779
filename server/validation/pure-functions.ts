/**
 * survey-core functions (its FunctionFactory registry) that only compute from
 * their arguments, so the server can run them without a live survey model.
 * Others (displayValue, propertyValue, isContainerReady, …) read the live
 * model. today(), currentDate(), currentYear() and age() also read the clock:
 * fine in a condition checked on receipt, not in a value the client computed
 * earlier (build-logic.ts refuses them there).
 */
export const PURE_FUNCTIONS: ReadonlySet<string> = new Set([
  'age', 'avg', 'avgInArray', 'count', 'countInArray', 'currentDate', 'currentYear', 'dateAdd', 'dateDiff', 'day',
  'diffDays', 'getDate', 'getYear', 'iif', 'max', 'maxInArray', 'min', 'minInArray', 'month', 'round', 'substring',
  'sum', 'sumInArray', 'today', 'trunc', 'weekday', 'year',
]);
