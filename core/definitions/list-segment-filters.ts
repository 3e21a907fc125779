/**
 * The segments an analyst can filter by, read from the survey definition: its
 * meta variables (e.g. the kiosk's ward) first, then every question annotated
 * `segment` or `cohort` that has a list of choices (ward, age band, years of
 * service…). These are exactly the names the server's filter accepts
 * (server/export/response-filter.ts, segmentVariables).
 */
import type { LocalizableText } from './survey-definition.ts';

export interface SegmentChoice {
  value: string;
  text: LocalizableText;
}

export interface SegmentFilter {
  name: string;
  title: LocalizableText;
  role: 'segment' | 'cohort';
  /** A response-meta variable (the kiosk's ward) or a question. */
  source: 'meta' | 'question';
  choices: SegmentChoice[];
}

export function listSegmentFilters(definition: Record<string, unknown>): SegmentFilter[] {
  const filters: SegmentFilter[] = [];
  const metaVariables = Array.isArray(definition.metaVariables) ? definition.metaVariables : [];
  for (const variable of metaVariables as Array<Record<string, unknown>>) {
    if (typeof variable?.name !== 'string') continue;
    filters.push({
      name: variable.name,
      title: (variable.title as LocalizableText | undefined) ?? variable.name,
      role: roleOf(variable) ?? 'segment',
      source: 'meta',
      choices: toChoices(variable.choices),
    });
  }
  for (const question of walkQuestions(definition.pages)) {
    const role = roleOf(question);
    if (!role || typeof question.name !== 'string') continue;
    const choices = toChoices(question.choices);
    if (choices.length === 0) continue;
    filters.push({ name: question.name, title: (question.title as LocalizableText | undefined) ?? question.name, role, source: 'question', choices });
  }
  return filters;
}

function roleOf(element: Record<string, unknown>): 'segment' | 'cohort' | undefined {
  const role = (element.analysis as { role?: unknown } | undefined)?.role;
  return role === 'segment' || role === 'cohort' ? role : undefined;
}

/** SurveyJS choices: `"a"`, `1` or `{ value, text }`; a bare value is its own text. */
function toChoices(raw: unknown): SegmentChoice[] {
  if (!Array.isArray(raw)) return [];
  const choices: SegmentChoice[] = [];
  for (const item of raw) {
    if (typeof item === 'string' || typeof item === 'number') choices.push({ value: String(item), text: String(item) });
    else if (item && typeof item === 'object' && 'value' in item) {
      const { value, text } = item as { value: unknown; text?: LocalizableText };
      if (typeof value === 'string' || typeof value === 'number') choices.push({ value: String(value), text: text ?? String(value) });
    }
  }
  return choices;
}

function* walkQuestions(elements: unknown): Generator<Record<string, unknown>> {
  if (!Array.isArray(elements)) return;
  for (const element of elements) {
    if (!element || typeof element !== 'object') continue;
    const node = element as Record<string, unknown>;
    if (typeof node.name === 'string' && typeof node.type === 'string' && node.type !== 'panel') yield node;
    yield* walkQuestions(node.elements);
  }
}

/**
 * The segments the filter bar shows at once (the rest are one click away):
 * meta variables and the cohort first, then the ward and the age band, which
 * every shipped survey has and analysts reach for most; at most `count`.
 */
const PROMINENT_NAMES = ['ward', 'ageBand'];

export function chooseProminentSegments(filters: readonly SegmentFilter[], count: number): SegmentFilter[] {
  const rank = (filter: SegmentFilter) => (filter.source === 'meta' ? 0 : filter.role === 'cohort' ? 1 : PROMINENT_NAMES.includes(filter.name) ? 2 : 3);
  return [...filters]
    .map((filter, index) => ({ filter, index }))
    .sort((a, b) => rank(a.filter) - rank(b.filter) || a.index - b.index)
    .slice(0, count)
    .map(({ filter }) => filter);
}
