/**
 * Input a report cannot be built from: an unknown --by question, a margin naming an unknown
 * question or value, responses without a margin variable, raking that does not converge.
 * `marginIndex` points at the offending margin and `origins` at the first offending responses
 * (their table origin: the JSONL line number, or the record's 1-based position), so the CLI can
 * name the CSV line or the JSONL lines.
 */
export class ReportInputError extends Error {
  constructor(
    message: string,
    readonly detail: { marginIndex?: number; origins?: number[] } = {},
  ) {
    super(message);
    this.name = 'ReportInputError';
  }
}
