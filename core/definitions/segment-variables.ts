/**
 * The variables responses can be filtered and compared by: the definition's meta variables
 * (e.g. the kiosk's ward) first, then every question annotated `segment` or `cohort`, in the
 * definition's order. One rule for the server's filter (server/live-table/response-filter.ts), the
 * dashboard's filter bar and its "compare by" choice; it is the analysis' own view of the
 * definition (mergeQuestions), so questions inside dynamic panels, which analysis does not read,
 * are not segments either.
 */
import { mergeQuestions } from './merge-questions.ts';
import type { DefinitionVersion, LocalizableText } from './survey-definition.ts';

export interface SegmentChoice {
  value: string;
  text: LocalizableText;
}

export interface SegmentVariable {
  name: string;
  title: LocalizableText;
  role: 'segment' | 'cohort';
  /** A response-meta variable (the kiosk's ward, read from `meta[from]`) or a question (`data[name]`). */
  source: 'meta' | 'question';
  /** The meta key, for a meta variable. */
  from?: string;
  /** The answers it can have, as text (filters compare text); empty for a free-text segment. */
  choices: SegmentChoice[];
}

export function listSegmentVariables(definition: DefinitionVersion): SegmentVariable[] {
  const variables: SegmentVariable[] = [];
  for (const question of mergeQuestions([definition]).values()) {
    const role = question.analysis?.role;
    if (role !== 'segment' && role !== 'cohort') continue;
    const variable: SegmentVariable = {
      name: question.name,
      title: question.title ?? question.name,
      role,
      source: question.metaKey === undefined ? 'question' : 'meta',
      choices: question.values.map((item) => ({ value: String(item.value), text: item.text ?? String(item.value) })),
    };
    if (question.metaKey !== undefined) variable.from = question.metaKey;
    variables.push(variable);
  }
  // Meta variables first (stable: each group keeps the definition's order).
  return [...variables.filter((v) => v.source === 'meta'), ...variables.filter((v) => v.source === 'question')];
}
