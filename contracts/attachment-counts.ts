/**
 * GET /api/surveys/:id/attachment-counts (issue 22): per signaturepad and file question, how many of the responses
 * the filters select attached something and how many files; never a file's content, name or type.
 * Counted by server/live-table/attachment-counts.ts and shown by the dashboard's 「設問別」 view.
 */
export interface AttachmentQuestionCount {
  question: string;
  type: 'signaturepad' | 'file';
  /** Responses with at least one attachment to this question; null when hidden (fewer than minGroupSize). */
  respondents: number | null;
  /** Files attached (a signature counts one); null when hidden. */
  files: number | null;
  /** Set when respondents is hidden because fewer than minGroupSize attached something. */
  suppressed?: true;
}

export interface AttachmentCounts {
  /** Responses the filters select (test answers left out unless includeTest=1). */
  responses: number;
  /** The survey's smallest group shown: fewer respondents than this are hidden. */
  minGroupSize: number;
  questions: AttachmentQuestionCount[];
}
