/**
 * The `text` section of the report (issue 27, free opinions, 自由記述): its types live in contracts/report.ts
 * (`TextAnalysis` and the types it uses); this module names them for analysis/text and adds the input type.
 */
export type {
  TextAnalysis,
  TextAnalysis as TextSection,
  TextCode,
  TextCodeCell,
  TextCodeCrosstab,
  TextCodeTest,
  TextGroupHeader,
  TextNetwork,
  TextNetworkEdge,
  TextNetworkNode,
  TextWord,
  TextWordClass as WordClass,
  TextWordsByGroup,
} from '../../contracts/report.ts';

/** One comment to analyse: its text (raw or already masked) and the index of its group in the breakdown, if any. */
export interface CommentInput {
  text: string;
  /** Index into `AnalyzeCommentsOptions.groups`; absent, null or −1 when the respondent has no group. */
  group?: number | null;
}
