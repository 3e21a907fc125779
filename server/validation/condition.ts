/**
 * A condition of the definition (visibleIf, enableIf, requiredIf, choicesVisibleIf, …) compiled once into
 * survey-core's ConditionRunner (build-core-rules.ts), shared by the modules that run it per response.
 */
export interface Condition {
  expression: string;
  isTrue(values: Record<string, unknown>): boolean;
  /**
   * It reads a value the host page sets (the definition's `variables`), which the
   * server never sees: its outcome is unknown, so check-core-rules accepts what
   * either outcome would (docs/decisions/0023-expressions-with-survey-core-s-parser.md).
   */
  readsHostVariable: boolean;
  /** The names it reads, lower-case, without `.row` or `[0]` (what clear-hidden-chains.ts follows). */
  reads: string[];
}
