/** Coding rules: the parser's grammar and errors, and which comments each rule codes. */
import { describe, expect, it } from 'vitest';
import { applyCodingRules } from '../../../analysis/text/apply-coding-rules.ts';
import type { ExtractedWord } from '../../../analysis/text/extract-words.ts';
import { CodingRuleError, parseCodingRules } from '../../../analysis/text/parse-coding-rules.ts';

type Word = Pick<ExtractedWord, 'word' | 'pos' | 'parts'>;
const noun = (word: string, parts?: string[]): Word => (parts ? { word, pos: 'compoundNoun', parts } : { word, pos: 'noun' });

describe('parseCodingRules', () => {
  it('reads codes, comments, operators, keywords, precedence and conditions over several lines', () => {
    const rules = parseCodingRules(['# 紙の手続き', '*紙文化', '紙 | 書類 | 押印', '| ハンコ', '', '*待ち', '待つ & !予約 | (長い and not Web)', "*並ぶ", "'並ん'"].join('\n'));
    expect(rules.map((r) => [r.code, r.line])).toEqual([['紙文化', 2], ['待ち', 6], ['並ぶ', 8]]);
    expect(rules[0].condition).toEqual({ kind: 'or', operands: ['紙', '書類', '押印', 'ハンコ'].map((word) => ({ kind: 'word', word })) });
    // ! binds tighter than &, & tighter than |; Latin words lower-cased.
    expect(rules[1].condition).toEqual({
      kind: 'or',
      operands: [
        { kind: 'and', operands: [{ kind: 'word', word: '待つ' }, { kind: 'not', operand: { kind: 'word', word: '予約' } }] },
        { kind: 'and', operands: [{ kind: 'word', word: '長い' }, { kind: 'not', operand: { kind: 'word', word: 'web' } }] },
      ],
    });
    expect(rules[2].condition).toEqual({ kind: 'text', text: '並ん' });
  });

  it('reads full-width operators and a full-width *', () => {
    expect(parseCodingRules('＊駐車\n駐車場｜（車　＆　！自転車）')[0]).toEqual({
      code: '駐車',
      line: 1,
      condition: { kind: 'or', operands: [{ kind: 'word', word: '駐車場' }, { kind: 'and', operands: [{ kind: 'word', word: '車' }, { kind: 'not', operand: { kind: 'word', word: '自転車' } }] }] },
    });
  });

  it.each([
    ['*紙文化\n紙 | 書類 &', 2, 'a word or ( is missing after &', '紙 | 書類 &'],
    ['*紙文化\n紙 書類', 2, 'an operator (| & !) is missing before 書類', '紙 書類'],
    ['*a\n(紙 | 書類', 2, 'a ( is not closed', '(紙 | 書類'],
    ['*a\n紙 )', 2, 'a ) has no ( before it', '紙 )'],
    ['*a\n紙\n| & 書類', 3, 'a word or ( is expected where & is', '| & 書類'],
    ["*a\n'並ん", 2, "the quote ' is not closed", "'並ん"],
    ['紙\n*a\n紙', 1, 'a condition comes before any *code line', '紙'],
    ['*a\n\n*b\n紙', 1, 'code 「a」 has no condition on the lines after it', '*a'],
    ['*a\n紙\n*a\n書類', 3, 'code 「a」 is defined twice', '*a'],
    ['*\n紙', 1, 'a code needs a name after *', '*'],
  ])('%j: a one-line error naming line %i', (source, line, reason, text) => {
    let error: unknown;
    try {
      parseCodingRules(source);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CodingRuleError);
    expect((error as CodingRuleError).line).toBe(line);
    expect((error as Error).message).toBe(`coding rules, line ${line}: ${reason}: ${JSON.stringify(text)}`);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('applyCodingRules', () => {
  const rules = parseCodingRules(['*紙文化', '紙 | 書類 | 押印', '*予約', '予約', '*待ち', "待つ & !予約 | '並ん'", '*オンライン', 'web | オンライン'].join('\n'));
  const code = (words: Word[], text = '') => applyCodingRules(rules, { words, text });

  it('matches extracted words, and the nouns a compound was joined from', () => {
    expect(code([noun('書類')])).toEqual([true, false, false, false]);
    // 窓口予約 was joined from 窓口 + 予約: the rule 予約 matches it, as in KH Coder without joining.
    expect(code([noun('窓口予約', ['窓口', '予約'])])).toEqual([false, true, false, false]);
    // A bare word never matches inside a word: 紙 is not in 手紙.
    expect(code([noun('手紙')])).toEqual([false, false, false, false]);
    expect(code([{ word: 'web', pos: 'latin' }])).toEqual([false, false, false, true]);
    expect(code([{ word: 'web予約', pos: 'compoundNoun', parts: ['web', '予約'] }])).toEqual([false, true, false, true]);
  });

  it('applies !, & and | and matches quoted text anywhere in the comment', () => {
    expect(code([{ word: '待つ', pos: 'verb' }])).toEqual([false, false, true, false]);
    expect(code([{ word: '待つ', pos: 'verb' }, noun('予約')])).toEqual([false, true, false, false]);
    expect(code([], '長く並んだ')).toEqual([false, false, true, false]);
    // Quoted text is compared after NFKC and lower-casing, like the rule.
    expect(applyCodingRules(parseCodingRules("*w\n'WEB'"), { words: [], text: 'ｗｅｂで' })).toEqual([true]);
  });
});
