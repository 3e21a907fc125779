/**
 * The analysis annotation contract (docs/survey-definitions.md), as types.
 * A definition file is SurveyJS JSON plus a few top-level fields of ours.
 */

/** SurveyJS localizable text: a plain string, or `{ ja: "…", en: "…" }`. */
export type LocalizableText = string | Record<string, string>;

export type Audience = 'visitor' | 'citizen' | 'staff';
export const AUDIENCES: readonly Audience[] = ['visitor', 'citizen', 'staff'];

export type AnalysisRole =
  | 'need'
  | 'importance'
  | 'satisfaction'
  | 'segment'
  | 'cohort'
  | 'attitude'
  | 'comment';

export interface AnalysisAnnotation {
  role: AnalysisRole;
  /** Pairs importance with satisfaction questions. */
  set?: string;
  /** For a plain rating in an importance/satisfaction set: the item it measures. */
  item?: string;
  [extra: string]: unknown;
}

/**
 * A response-meta field that analysis treats like an answered question, e.g. the
 * kiosk's ward. Declared at the top of a definition as `metaVariables`.
 */
export interface MetaVariable {
  /** The name analysis uses (`--by ward`, margins CSV `ward,...`); must not clash with a question. */
  name: string;
  /** The meta key it is read from, e.g. `"ward"` for `meta.ward`. */
  from: string;
  title: LocalizableText;
  choices: Array<{ value: string; text: LocalizableText }>;
  analysis: AnalysisAnnotation;
}

/** The raw JSON of a definition file. */
export interface SurveyDefinitionJson {
  id: string;
  version: number;
  audience: Audience;
  minGroupSize?: number;
  /** "required": each response needs a one-time invitation code (docs/survey-definitions.md). */
  invitations?: 'required';
  /** true: answered anonymously on shared devices, so no answers stay on the device (core/definitions/resume-policy.ts). */
  anonymous?: true;
  /** "invitation": an anonymous survey resumes unfinished answers, but only with the same invitation code. */
  resume?: 'invitation';
  metaVariables?: MetaVariable[];
  title?: LocalizableText;
  /** How the survey was fielded (調査方法), in words, for the report's 調査概要 (docs/survey-definitions.md). */
  method?: LocalizableText;
  pages?: unknown[];
  [surveyJsProperty: string]: unknown;
}

/** A loaded, checked definition. */
export interface SurveyDefinition {
  id: string;
  version: number;
  audience: Audience;
  /** Smallest group any output may show (default 5). */
  minGroupSize: number;
  title: Record<string, string>;
  /** Every language the definition carries, primary (ja) first. */
  languages: string[];
  metaVariables: MetaVariable[];
  /** The JSON exactly as authored, for SurveyJS on the client and server. */
  json: SurveyDefinitionJson;
  /** Where it was loaded from, for error messages. */
  source: string;
}

export const DEFAULT_MIN_GROUP_SIZE = 5;

/**
 * What the definition model (merged questions, labels, segments) needs of one version: a loaded
 * SurveyDefinition on the server, or the JSON the API serves in the browser (definitionVersionFromJson).
 */
export type DefinitionVersion = Pick<SurveyDefinition, 'version' | 'json' | 'metaVariables'>;

/** A definition's JSON as served by GET /api/surveys/:id, already checked by the server. */
export function definitionVersionFromJson(json: SurveyDefinitionJson): DefinitionVersion {
  return { version: json.version, json, metaVariables: Array.isArray(json.metaVariables) ? json.metaVariables : [] };
}
