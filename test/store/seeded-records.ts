/**
 * Seeded, varied response records for the pipeline and migration tests: a
 * checkbox need question ("improvements", at most 3), a ranking ("priorities"),
 * both channels, every ward, and receipt times spread over days and across
 * Japan's midnight. Also the awkward answers the pipelines must treat exactly
 * as in-process code does: missing, empty, not an array, a value repeated.
 */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { WARD_CODES } from '../../contracts/wards.ts';
import { createSeededRandom, randomInt, type RandomSource } from '../../analysis/stats/seeded-random.ts';

export const IMPROVEMENTS = ['online', 'reservation', 'no-forms', 'one-stop', 'call-system', 'chat', 'video', 'mobile', 'cashless'];
export const PRIORITIES = ['telework', 'paperless', 'web-meetings', 'e-approval', 'free-address', 'flex-time'];

export function seededRecords(count: number, seed: number): ResponseRecord[] {
  const random = createSeededRandom(seed);
  const start = Date.parse('2025-06-01T00:00:00.000Z');
  return Array.from({ length: count }, (_, index): ResponseRecord => {
    const kiosk = random() < 0.6;
    const ward = WARD_CODES[randomInt(random, WARD_CODES.length)];
    const receivedAt = new Date(start + randomInt(random, 10 * 24 * 3600) * 1000 + index).toISOString();
    return {
      id: `record-${seed}-${index}`,
      surveyId: 'ward-office-exit',
      surveyVersion: 1 + randomInt(random, 2),
      submissionId: `submission-${seed}-${index}`,
      channel: kiosk ? 'kiosk' : 'online',
      meta: kiosk ? { ward, locale: 'ja', kioskId: `${ward}-0${1 + randomInt(random, 3)}` } : { locale: random() < 0.9 ? 'ja' : 'en' },
      startedAt: receivedAt,
      completedAt: receivedAt,
      receivedAt,
      data: { improvements: improvementsAnswer(random), priorities: prioritiesAnswer(random), age: `${20 + 10 * randomInt(random, 6)}s` },
    };
  });
}

function improvementsAnswer(random: RandomSource): unknown {
  const roll = random();
  if (roll < 0.05) return undefined; // skipped: the key is absent
  if (roll < 0.08) return [];
  if (roll < 0.1) return 'online'; // not an array (a malformed import): not answered
  const picked = pickDistinct(random, IMPROVEMENTS, 1 + randomInt(random, 3));
  if (roll < 0.12) picked.push(picked[0]); // a value repeated in one answer counts once
  return picked;
}

function prioritiesAnswer(random: RandomSource): unknown {
  const roll = random();
  if (roll < 0.07) return undefined;
  if (roll < 0.09) return [];
  // Some rank only their top few (SurveyJS selectToRankEnabled), most rank all.
  return pickDistinct(random, PRIORITIES, roll < 0.3 ? 1 + randomInt(random, 3) : PRIORITIES.length);
}

function pickDistinct(random: RandomSource, values: string[], n: number): string[] {
  const pool = [...values];
  const picked: string[] = [];
  while (picked.length < n) picked.push(pool.splice(randomInt(random, pool.length), 1)[0]);
  return picked;
}

/** JSON form: drops the undefined answers, exactly as a stored record would. */
export function asStored(records: ResponseRecord[]): ResponseRecord[] {
  return JSON.parse(JSON.stringify(records));
}
