/**
 * Coding rules for free text (issue 27), KH Coder-like, from `<survey>.coding.txt` next to the definition:
 *
 *     # 紙の書類や押印への不満
 *     *紙文化
 *     紙 | 書類 | 押印 | ハンコ
 *     *待ち時間
 *     待ち時間 | (待つ & !予約) | '並ん'
 *
 * - A line starting with `*` starts a code, named by the rest of the line. The lines after it, up to the next code,
 *   are its condition (one expression, which may run over several lines).
 * - `#` starts a comment line; blank lines are skipped.
 * - Operators: `|` or `or`, `&` or `and`, `!` or `not` (before its operand), and parentheses; `!` binds tightest,
 *   then `&`, then `|`. Full-width forms (｜ ＆ ！ （ ） ＊ ＃) are read as these (the file is read after NFKC).
 * - A bare word matches a comment that has it among its extracted words (analysis/text/extract-words.ts), or among
 *   the nouns a compound of it was joined from: 予約 matches 窓口予約, as it would in KH Coder, which does not join
 *   compounds unless asked. Words are compared after NFKC, Latin letters lower-cased. So 待つ matches 待った and
 *   待ちます (base forms), but 待 matches nothing.
 * - A word in quotes ('並ん' or "並ん") matches where that text appears anywhere in the (masked, NFKC, lower-cased)
 *   comment: for what the tokenizer splits oddly. This is the toolkit's own addition.
 * Any syntax error throws a CodingRuleError whose message is one line: the line number, what is wrong, the line.
 */

export type CodeCondition =
  | { kind: 'word'; word: string }
  | { kind: 'text'; text: string }
  | { kind: 'not'; operand: CodeCondition }
  | { kind: 'and' | 'or'; operands: CodeCondition[] };

export interface CodingRule {
  code: string;
  /** The line (1-based) of its `*` header. */
  line: number;
  condition: CodeCondition;
}

export class CodingRuleError extends Error {
  constructor(
    readonly line: number,
    reason: string,
    lineText: string,
  ) {
    super(`coding rules, line ${line}: ${reason}: ${JSON.stringify(lineText)}`);
    this.name = 'CodingRuleError';
  }
}

type Token =
  | { type: 'word' | 'text'; value: string; line: number }
  | { type: '(' | ')' | '&' | '|' | '!'; line: number };

/** How a word of a rule and a word of a comment are compared. */
export function normalizeCodeWord(word: string): string {
  return word.normalize('NFKC').toLowerCase();
}

const KEYWORDS: Record<string, '&' | '|' | '!'> = { and: '&', or: '|', not: '!' };

export function parseCodingRules(source: string): CodingRule[] {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const rules: CodingRule[] = [];
  let current: { code: string; line: number; tokens: Token[] } | null = null;
  const finish = () => {
    if (!current) return;
    const { code, line, tokens } = current;
    if (tokens.length === 0) throw new CodingRuleError(line, `code 「${code}」 has no condition on the lines after it`, lines[line - 1]);
    rules.push({ code, line, condition: parseCondition(tokens, lines) });
  };
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const text = raw.normalize('NFKC').trim();
    if (text === '' || text.startsWith('#')) return;
    if (text.startsWith('*')) {
      finish();
      const code = text.slice(1).trim();
      if (code === '') throw new CodingRuleError(lineNumber, 'a code needs a name after *', raw);
      if (rules.some((rule) => rule.code === code)) throw new CodingRuleError(lineNumber, `code 「${code}」 is defined twice`, raw);
      current = { code, line: lineNumber, tokens: [] };
      return;
    }
    if (!current) throw new CodingRuleError(lineNumber, 'a condition comes before any *code line', raw);
    (current as { tokens: Token[] }).tokens.push(...tokenize(text, lineNumber, raw));
  });
  finish();
  return rules;
}

function tokenize(text: string, line: number, raw: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/u.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === '&' || c === '|' || c === '!') {
      tokens.push({ type: c, line });
      i++;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new CodingRuleError(line, `the quote ${c} is not closed`, raw);
      const value = normalizeCodeWord(text.slice(i + 1, end));
      if (value === '') throw new CodingRuleError(line, 'a quoted text is empty', raw);
      tokens.push({ type: 'text', value, line });
      i = end + 1;
    } else {
      let end = i;
      while (end < text.length && !/[\s()&|!'"]/u.test(text[end])) end++;
      const word = text.slice(i, end);
      const keyword = KEYWORDS[word.toLowerCase()];
      tokens.push(keyword ? { type: keyword, line } : { type: 'word', value: normalizeCodeWord(word), line });
      i = end;
    }
  }
  return tokens;
}

/** Recursive descent: or := and ('|' and)*; and := not ('&' not)*; not := '!' not | '(' or ')' | word. */
function parseCondition(tokens: Token[], lines: string[]): CodeCondition {
  let at = 0;
  const fail = (token: Token | undefined, reason: string): never => {
    const line = token?.line ?? tokens[tokens.length - 1].line;
    throw new CodingRuleError(line, reason, lines[line - 1]);
  };
  const describe = (token: Token) => (token.type === 'word' ? token.value : token.type === 'text' ? `'${token.value}'` : token.type);
  const parseOr = (): CodeCondition => {
    const operands = [parseAnd()];
    while (tokens[at]?.type === '|') {
      at++;
      operands.push(parseAnd());
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  };
  const parseAnd = (): CodeCondition => {
    const operands = [parseNot()];
    while (tokens[at]?.type === '&') {
      at++;
      operands.push(parseNot());
    }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  };
  const parseNot = (): CodeCondition => {
    const token = tokens[at];
    if (!token) return fail(tokens[at - 1], `a word or ( is missing after ${describe(tokens[at - 1])}`);
    if (token.type === '!') {
      at++;
      return { kind: 'not', operand: parseNot() };
    }
    if (token.type === '(') {
      at++;
      const inner = parseOr();
      if (tokens[at]?.type !== ')') return fail(tokens[at] ?? token, 'a ( is not closed');
      at++;
      return inner;
    }
    if (token.type === 'word') {
      at++;
      return { kind: 'word', word: token.value };
    }
    if (token.type === 'text') {
      at++;
      return { kind: 'text', text: token.value };
    }
    return fail(token, `a word or ( is expected where ${describe(token)} is`);
  };
  const condition = parseOr();
  if (at < tokens.length) {
    const token = tokens[at];
    if (token.type === ')') fail(token, 'a ) has no ( before it');
    fail(token, `an operator (| & !) is missing before ${describe(token)}`);
  }
  return condition;
}
