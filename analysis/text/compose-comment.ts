/**
 * One seeded free comment (issue 27, item 4), made from the sentences of analysis/text/comment-template-data.ts:
 * one topic, sometimes a second, drawn with weights that follow the respondent's age (0 youngest … 1 oldest) and
 * digital habits (0 … 1, optional); sometimes an opening or a closing; and at `personalDataRate` (6 % by default) a
 * sentence with a made-up phone number, e-mail address or マイナンバー, so the mask is always exercised. Every draw
 * comes from `random`, so the same seed gives the same comments.
 *
 * For the synthesizer (analysis/synthesize/): where a profile writes a comment, call
 * `composeComment(respondent.random, { age: respondent.traits.age, digital: respondent.traits.digital })` and store `.text`.
 */
import { randomInt, type RandomSource } from '../stats/seeded-random.ts';
import {
  CLOSINGS,
  COMMENT_TOPICS,
  EMAIL_DOMAINS,
  EMAIL_NAMES,
  OPENINGS,
  PERSONAL_DATA_SENTENCES,
  SLOT_VALUES,
  type CommentTopic,
} from './comment-template-data.ts';

export type { CommentTopic };

export interface CommentAttributes {
  /** 0 for the youngest age band … 1 for the oldest. */
  age: number;
  /** 0 … 1; 0.5 when unknown. */
  digital?: number;
}

export interface ComposedComment {
  text: string;
  /** The topics it is about, in the order written. */
  topics: CommentTopic[];
  /** Whether a personal-data sentence was added. */
  personalData: boolean;
}

const TOPICS = Object.keys(COMMENT_TOPICS) as CommentTopic[];

/** Each topic's weight for these attributes. */
export function topicWeights(attributes: CommentAttributes): Record<CommentTopic, number> {
  const digital = attributes.digital ?? 0.5;
  return Object.fromEntries(
    TOPICS.map((topic) => {
      const { weight, ageLean, digitalLean } = COMMENT_TOPICS[topic];
      return [topic, weight * Math.exp(ageLean * (attributes.age - 0.5) + digitalLean * (digital - 0.5))];
    }),
  ) as Record<CommentTopic, number>;
}

export function composeComment(random: RandomSource, attributes: CommentAttributes, options: { personalDataRate?: number } = {}): ComposedComment {
  const weights = topicWeights(attributes);
  const pick = <T>(list: readonly T[]): T => list[randomInt(random, list.length)];
  const drawTopic = (except?: CommentTopic): CommentTopic => {
    const candidates = TOPICS.filter((topic) => topic !== except);
    let left = random() * candidates.reduce((sum, topic) => sum + weights[topic], 0);
    for (const topic of candidates) {
      left -= weights[topic];
      if (left < 0) return topic;
    }
    return candidates[candidates.length - 1];
  };
  const fill = (sentence: string) =>
    sentence.replace(/\{([^{}]+)\}/g, (_, slot: string) => {
      if (slot.includes('|')) return pick(slot.split('|'));
      switch (slot) {
        case 'phone':
          return random() < 0.5 ? `0${pick(['90', '80', '70'])}-${digits(random, 4)}-${digits(random, 4)}` : `011-${digits(random, 3)}-${digits(random, 4)}`;
        case 'email':
          return `${pick(EMAIL_NAMES)}@${pick(EMAIL_DOMAINS)}`;
        case 'myNumber': {
          // The first digit 3–9, so the three groups can never read as three years (which the mask leaves alone).
          const groups = [`${3 + randomInt(random, 7)}${digits(random, 3)}`, digits(random, 4), digits(random, 4)];
          return groups.join(pick([' ', '-', '']));
        }
        default:
          return pick(SLOT_VALUES[slot as keyof typeof SLOT_VALUES]);
      }
    });

  const topics = [drawTopic()];
  if (random() < 0.3) topics.push(drawTopic(topics[0]));
  const parts: string[] = [];
  if (random() < 0.2) parts.push(pick(OPENINGS));
  for (const topic of topics) parts.push(fill(pick(COMMENT_TOPICS[topic].sentences)));
  const personalData = random() < (options.personalDataRate ?? 0.06);
  if (personalData) parts.push(fill(pick(PERSONAL_DATA_SENTENCES)));
  if (random() < 0.25) parts.push(pick(CLOSINGS));
  return { text: parts.join(''), topics, personalData };
}

function digits(random: RandomSource, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(randomInt(random, 10));
  return out;
}
