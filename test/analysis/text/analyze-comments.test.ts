/**
 * analyzeComments end to end on seeded comments (issue 27, "Done when"): 駐車場, 書類 and 待ち時間 are words, the network
 * is drawn, and codes by age band carry marks. Plus the rules around it: blank comments, masking, the minimum size.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeComments } from '../../../analysis/text/analyze-comments.ts';
import { composeComment } from '../../../analysis/text/compose-comment.ts';
import { loadTokenizer, type MorphologicalAnalyzer } from '../../../analysis/text/load-tokenizer.ts';
import { parseCodingRules } from '../../../analysis/text/parse-coding-rules.ts';
import { createSeededRandom } from '../../../analysis/stats/seeded-random.ts';
import { readKuromojiDictionary } from '../../../server/text/read-kuromoji-dictionary.ts';

let analyzer: MorphologicalAnalyzer;
beforeAll(async () => {
  analyzer = await loadTokenizer(readKuromojiDictionary);
}, 60_000);

const AGE_BANDS = ['20代以下', '30代', '40代', '50代', '60代', '70代以上'];
const RULES = parseCodingRules(
  ['*待ち時間', '待ち時間 | 待つ | 混雑', '*紙・押印', '書類 | 押印 | ハンコ | 紙 | 申請書', '*駐車場', '駐車場', '*オンライン', 'オンライン | web | 電子申請 | スマホ | ネット', '*案内表示', '案内表示 | 案内板 | 表示'].join('\n'),
);

function seeded(count: number) {
  const random = createSeededRandom(27);
  return Array.from({ length: count }, () => {
    const group = Math.floor(random() * AGE_BANDS.length);
    return { text: composeComment(random, { age: group / (AGE_BANDS.length - 1) }).text, group };
  });
}

describe('analyzeComments on seeded comments', () => {
  it('lists 駐車場, 書類 and 待ち時間 as words, draws a network and shows codes by age band with marks', () => {
    const comments = seeded(1500);
    const text = analyzeComments(comments, { question: 'comment', analyzer, minGroupSize: 10, groups: AGE_BANDS, codingRules: RULES });
    expect(text.comments.n).toBe(1500);
    const top = text.words.slice(0, 40).map((w) => w.word);
    for (const word of ['駐車場', '書類', '待ち時間']) expect(top).toContain(word);
    // Shares are counts over comments.
    for (const w of text.words) expect(w.share).toBe(w.count / 1500);
    expect(text.byGroup?.groups.map((g) => g.label)).toEqual(AGE_BANDS);
    // No placeholder or its parts became a word, though about 6 % of the comments held personal data.
    for (const w of text.words) expect(w.word).not.toMatch(/電話番号|メールアドレス|マイナンバー$|［|］|@/);
    expect(text.network.edges.length).toBeGreaterThan(20);
    expect(text.network.edges.length).toBeLessThanOrEqual(60);
    expect(new Set(text.network.nodes.map((n) => n.community)).size).toBeGreaterThan(1);
    expect(text.codes.map((c) => c.code)).toEqual(['待ち時間', '紙・押印', '駐車場', 'オンライン', '案内表示']);
    const crosstab = text.codeCrosstabs!;
    // Topics follow age: 待ち時間 and 駐車場 rise with age, オンライン falls; the oldest band is marked ▲ or ▽ accordingly.
    const oldest = crosstab.groups[AGE_BANDS.length - 1].cells;
    const youngest = crosstab.groups[0].cells;
    expect(oldest[0].mark).toMatch(/▲/);
    expect(youngest[3].mark).toMatch(/▲/);
    expect(oldest[3].mark).toMatch(/▽/);
    expect(crosstab.tests[3]!.pAdjusted).toBeLessThan(0.01);
  }, 60_000);

  it('is deterministic', () => {
    const comments = seeded(300);
    const options = { question: 'q', analyzer, minGroupSize: 10, groups: AGE_BANDS, codingRules: RULES };
    expect(analyzeComments(comments, options)).toEqual(analyzeComments(comments, options));
  });
});

describe('analyzeComments: rules', () => {
  it('skips blank comments, masks before reading, and counts a comment once per word', () => {
    const comments = [{ text: '' }, { text: '   ' }, { text: '書類が多い。書類を減らして。連絡は090-1234-5678へ' }, { text: '駐車場が狭い' }, { text: '書類' }];
    const text = analyzeComments(comments, { question: 'q', analyzer, minGroupSize: 1 });
    expect(text.comments).toEqual({ n: 3, withWords: 3 });
    expect(text.words.find((w) => w.word === '書類')).toEqual({ word: '書類', pos: 'noun', count: 2, share: 2 / 3 });
    expect(text.words.map((w) => w.word)).not.toContain('電話番号');
    expect(text.byGroup).toBeNull();
    expect(text.codeCrosstabs).toBeNull();
  });

  it('shows only the number of comments when fewer than the minimum group size', () => {
    const text = analyzeComments([{ text: '書類が多い' }, { text: '書類' }], { question: 'q', analyzer, minGroupSize: 3, codingRules: RULES });
    expect(text).toMatchObject({ comments: { n: 2 }, hidden: true, words: [], codes: [], byGroup: null, codeCrosstabs: null });
    expect(text.network.nodes).toEqual([]);
  });

  it("labels the section with the question's title, or its name without one (the report contract's `label`)", () => {
    const comments = [{ text: '書類が多い' }, { text: '駐車場が狭い' }];
    expect(analyzeComments(comments, { question: 'q', label: 'ご意見', analyzer, minGroupSize: 1 }).label).toBe('ご意見');
    expect(analyzeComments(comments, { question: 'q', analyzer, minGroupSize: 1 }).label).toBe('q');
    // Hidden sections are labelled too.
    expect(analyzeComments(comments, { question: 'q', label: 'ご意見', analyzer, minGroupSize: 5 })).toMatchObject({ hidden: true, label: 'ご意見' });
  });
});
