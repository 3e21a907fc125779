/**
 * Which codes a comment gets (issue 27): each rule's condition (parse-coding-rules.ts) evaluated on the comment's
 * extracted words, the nouns its compounds were joined from, and its text. See parse-coding-rules.ts for what a
 * word and a quoted text match.
 */
import type { ExtractedWord } from './extract-words.ts';
import { normalizeCodeWord, type CodeCondition, type CodingRule } from './parse-coding-rules.ts';

export interface CodableComment {
  words: ReadonlyArray<Pick<ExtractedWord, 'word' | 'parts'>>;
  /** The comment as analysed (masked). */
  text: string;
}

/** `result[k]` is true when rule k's condition holds for the comment. */
export function applyCodingRules(rules: ReadonlyArray<CodingRule>, comment: CodableComment): boolean[] {
  const words = new Set<string>();
  for (const { word, parts } of comment.words) {
    words.add(normalizeCodeWord(word));
    for (const part of parts ?? []) words.add(normalizeCodeWord(part));
  }
  let folded: string | undefined;
  const text = () => (folded ??= normalizeCodeWord(comment.text));
  const holds = (condition: CodeCondition): boolean => {
    switch (condition.kind) {
      case 'word':
        return words.has(condition.word);
      case 'text':
        return text().includes(condition.text);
      case 'not':
        return !holds(condition.operand);
      case 'and':
        return condition.operands.every(holds);
      case 'or':
        return condition.operands.some(holds);
    }
  };
  return rules.map((rule) => holds(rule.condition));
}
