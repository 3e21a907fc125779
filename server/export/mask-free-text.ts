/**
 * Exports mask personal data in free text by default (issue 14,
 * docs/decisions/0093-personal-data-masked-exports-and-audit.md): the answers of
 * text, comment and multipletext questions and every `<name>-Comment` ("other" text,
 * comment areas) go through analysis/text/mask-personal-data.ts; choice codes,
 * numbers and meta fields are never touched. The store keeps the original: records
 * are copied, never changed.
 */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { listQuestions } from '../../core/definitions/list-questions.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { toLocale } from '../../core/i18n/locale.ts';
import { maskText } from '../../analysis/text/mask-personal-data.ts';

const FREE_TEXT_TYPES = new Set(['text', 'comment', 'multipletext']);

/** Where free text sits in a record: top-level keys, and keys inside dynamic panels' items. */
interface FreeTextKeys {
  top: Set<string>;
  /** Dynamic panel value name → free-text keys of its template. */
  panels: Map<string, Set<string>>;
}

export function freeTextKeys(versions: readonly SurveyDefinition[]): FreeTextKeys {
  const keys: FreeTextKeys = { top: new Set(), panels: new Map() };
  for (const version of versions) {
    for (const question of listQuestions(version.json)) {
      if (!FREE_TEXT_TYPES.has(question.type)) continue;
      const valueName = typeof question.json.valueName === 'string' ? question.json.valueName : question.name;
      if (question.scope === undefined) keys.top.add(valueName);
      else (keys.panels.get(question.scope) ?? keys.panels.set(question.scope, new Set()).get(question.scope)!).add(valueName);
    }
  }
  return keys;
}

/** `records` with free text masked, placeholders in `locale` (the export's language). */
export async function* maskFreeText(records: AsyncIterable<ResponseRecord>, versions: readonly SurveyDefinition[], locale: string): AsyncGenerator<ResponseRecord> {
  const keys = freeTextKeys(versions);
  const language = toLocale(locale);
  for await (const record of records) yield { ...record, data: maskData(record.data, keys.top, keys.panels, language) };
}

function maskData(data: Record<string, unknown>, top: Set<string>, panels: Map<string, Set<string>>, locale: 'ja' | 'en'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const panel = panels.get(key);
    if (panel && Array.isArray(value)) {
      out[key] = value.map((item) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? maskData(item as Record<string, unknown>, panel, new Map(), locale) : item));
    } else if (top.has(key) || key.endsWith('-Comment')) {
      out[key] = maskValue(value, locale);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** A string, or the strings of a multipletext answer ({item: text}). */
function maskValue(value: unknown, locale: 'ja' | 'en'): unknown {
  if (typeof value === 'string') return maskText(value, locale);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? maskText(v, locale) : v]));
  }
  return value;
}
