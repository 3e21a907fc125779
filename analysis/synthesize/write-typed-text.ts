/**
 * A synthetic answer to a text input, in the form its `inputType` and validators ask for, as a
 * respondent's browser would send it: a date as YYYY-MM-DD within min/max, a number within its
 * range and step, an e-mail address where one is expected. Used for text questions, multipletext
 * items and text cells of dynamic matrices alike, so `seed` writes what the server accepts.
 */
import type { RandomSource } from '../stats/seeded-random.ts';

type Json = Record<string, unknown>;

const DAY_MS = 86400_000;

export function writeTypedText(json: Json, phrases: ReadonlyArray<string>, random: RandomSource): string | number {
  const inputType = typeof json.inputType === 'string' ? json.inputType : 'text';
  const pick = (n: number) => Math.floor(random() * n);
  switch (inputType) {
    case 'number':
    case 'range':
      return drawNumber(json, random);
    case 'date':
      return isoDate(drawDay(json, random, 10));
    case 'datetime-local':
      return `${isoDate(drawDay(json, random, 16))}T${twoDigits(9 + pick(8))}:${twoDigits(pick(60))}`;
    case 'month':
      return isoDate(drawDay(json, random, 7)).slice(0, 7);
    case 'week': {
      const week = 1 + pick(52);
      return `2026-W${twoDigits(week)}`;
    }
    case 'time':
      return drawTime(json, random);
    case 'email':
      return `user${pick(100_000)}@example.jp`;
    case 'url':
      return `https://example.jp/page/${pick(1000)}`;
    case 'tel':
      return `011-000-${String(pick(10_000)).padStart(4, '0')}`;
    case 'color':
      return `#${pick(0x1000000).toString(16).padStart(6, '0')}`;
    default:
      break;
  }
  const validators = Array.isArray(json.validators) ? (json.validators as Json[]) : [];
  if (validators.some((validator) => validator.type === 'email')) return `user${pick(100_000)}@example.jp`;
  if (validators.some((validator) => validator.type === 'numeric')) return String(drawNumber(json, random));
  let text = phrases.length > 0 ? phrases[pick(phrases.length)] : '特にありません。';
  // A text validator's minLength: a respondent who has more to say.
  const minLength = Math.max(0, ...validators.map((validator) => (validator.type === 'text' && typeof validator.minLength === 'number' ? validator.minLength : 0)));
  while (text.length < minLength) text += text;
  const maxLengths = [json.maxLength, ...validators.map((validator) => (validator.type === 'text' ? validator.maxLength : undefined))].filter(
    (limit): limit is number => typeof limit === 'number' && limit > 0,
  );
  if (maxLengths.length > 0) text = text.slice(0, Math.min(...maxLengths));
  return text;
}

/** A whole number within min/max (the question's, or a numeric validator's) on the step, 0–100 by default. */
function drawNumber(json: Json, random: RandomSource): number {
  const validators = Array.isArray(json.validators) ? (json.validators as Json[]) : [];
  const numeric = validators.find((validator) => validator.type === 'numeric') ?? {};
  const bounds = (own: unknown, fromValidator: unknown, fallback: number) =>
    typeof own === 'number' ? own : typeof fromValidator === 'number' ? fromValidator : fallback;
  let min = bounds(json.min, numeric.minValue, 0);
  let max = bounds(json.max, numeric.maxValue, Math.max(min, 100));
  if (typeof json.min === 'number' && typeof numeric.minValue === 'number') min = Math.max(min, numeric.minValue);
  if (typeof json.max === 'number' && typeof numeric.maxValue === 'number') max = Math.min(max, numeric.maxValue);
  const step = typeof json.step === 'number' && json.step > 0 ? json.step : 1;
  const low = Math.ceil(min / step);
  const high = Math.floor(max / step);
  if (high < low) return min;
  return (low + Math.floor(random() * (high - low + 1))) * step;
}

/** A day within the question's min/max dates, else within fieldwork-like months of 2026. */
function drawDay(json: Json, random: RandomSource, length: number): number {
  const parse = (value: unknown) => (typeof value === 'string' && value.length >= 7 ? Date.parse(`${value.slice(0, length === 7 ? 7 : 10)}${length === 7 ? '-01' : ''}T00:00:00Z`) : Number.NaN);
  const from = parse(json.min);
  const to = parse(json.max);
  const start = Number.isNaN(from) ? Date.UTC(2026, 3, 1) : from;
  const end = Number.isNaN(to) ? Math.max(start, Date.UTC(2027, 2, 31)) : to;
  return start + Math.floor(random() * (Math.floor((end - start) / DAY_MS) + 1)) * DAY_MS;
}

function drawTime(json: Json, random: RandomSource): string {
  const minutes = (value: unknown, fallback: number) => {
    const match = typeof value === 'string' ? /^(\d{2}):(\d{2})/.exec(value) : null;
    return match ? Number(match[1]) * 60 + Number(match[2]) : fallback;
  };
  const from = minutes(json.min, 8 * 60 + 45);
  const to = minutes(json.max, 17 * 60 + 15);
  const at = from + Math.floor(random() * (Math.max(from, to) - from + 1));
  return `${twoDigits(Math.floor(at / 60))}:${twoDigits(at % 60)}`;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}
