/** Seeded comments (analysis/text/compose-comment.ts): reproducible, varied, topics that follow age, personal data masked. */
import { describe, expect, it } from 'vitest';
import { composeComment, topicWeights } from '../../../analysis/text/compose-comment.ts';
import { COMMENT_TOPICS } from '../../../analysis/text/comment-template-data.ts';
import { findPersonalData, maskText } from '../../../analysis/text/mask-personal-data.ts';
import { createSeededRandom } from '../../../analysis/stats/seeded-random.ts';

const draw = (seed: number, count: number, age: number, personalDataRate?: number) => {
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, () => composeComment(random, { age }, { personalDataRate }));
};

describe('composeComment', () => {
  it('gives the same comments for the same seed, and different ones for another', () => {
    expect(draw(7, 50, 0.5)).toEqual(draw(7, 50, 0.5));
    expect(draw(8, 50, 0.5).map((c) => c.text)).not.toEqual(draw(7, 50, 0.5).map((c) => c.text));
  });

  it('varies its wording: 2,000 comments hold over a thousand different texts and every topic', () => {
    const comments = draw(1, 2000, 0.5);
    expect(new Set(comments.map((c) => c.text)).size).toBeGreaterThan(1000);
    // Every slot and alternative was filled.
    for (const comment of comments) expect(comment.text).not.toMatch(/[{}|]/);
    expect(new Set(comments.flatMap((c) => c.topics))).toEqual(new Set(Object.keys(COMMENT_TOPICS)));
  });

  it('writes about waiting, parking and signage more when old, online procedures more when young', () => {
    const share = (comments: ReturnType<typeof draw>, topic: string) => comments.filter((c) => c.topics.includes(topic as never)).length / comments.length;
    const young = draw(2, 3000, 0);
    const old = draw(3, 3000, 1);
    for (const topic of ['waiting', 'parking', 'signage']) expect(share(old, topic)).toBeGreaterThan(share(young, topic) * 1.5);
    expect(share(young, 'online')).toBeGreaterThan(share(old, 'online') * 2);
    // The weights behind it: exp(lean · (age − 0.5)).
    expect(topicWeights({ age: 0.5 }).waiting).toBe(COMMENT_TOPICS.waiting.weight);
    expect(topicWeights({ age: 1 }).online / topicWeights({ age: 0 }).online).toBeCloseTo(Math.exp(COMMENT_TOPICS.online.ageLean), 12);
  });

  it('adds personal data at the rate asked, and the mask finds every piece of it', () => {
    const comments = draw(4, 4000, 0.5);
    const withData = comments.filter((c) => c.personalData);
    // 6 % of 4,000 is 240; binomial sd ≈ 15.
    expect(withData.length).toBeGreaterThan(180);
    expect(withData.length).toBeLessThan(300);
    for (const comment of withData) {
      expect(findPersonalData(comment.text), comment.text).not.toEqual([]);
      expect(maskText(comment.text), comment.text).toMatch(/［(電話番号|メールアドレス|マイナンバー)］/);
    }
    // And nothing else is taken for personal data: 1時間半, 30分 and the like stay.
    for (const comment of comments.filter((c) => !c.personalData)) expect(findPersonalData(comment.text), comment.text).toEqual([]);
    expect(draw(5, 500, 0.5, 1).every((c) => c.personalData)).toBe(true);
  });
});
