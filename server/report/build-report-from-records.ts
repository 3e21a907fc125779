/**
 * The analysis library's report over records streamed from a store: each record
 * goes straight into the library's columnar table (typed arrays), so memory
 * grows with the table, never with the records' JSON.
 *
 * With `text` (issue 27, 自由記述) the table keeps every comment text, and the report has `text`: the analyser is
 * loaded once per process, on the first report that has a comment to read (kuromoji's modules are imported only
 * then), and the words of each masked text are kept across reports (server/text/token-cache.ts).
 */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { buildReport, planFor, type ReportOptions } from '../../analysis/report/build-report.ts';
import type { Report } from '../../contracts/report.ts';
import { ReportInputError } from '../../core/definitions/report-input-error.ts';
import { appendRecord } from '../../analysis/table/append-record.ts';
import { createResponseTable } from '../../analysis/table/create-response-table.ts';
import { RecordError } from '../../analysis/table/record-error.ts';
import type { CommentColumn } from '../../analysis/table/response-table.ts';
import type { MorphologicalAnalyzer } from '../../analysis/text/load-tokenizer.ts';
import type { CodingRule } from '../../analysis/text/parse-coding-rules.ts';
import type { TokenCache } from '../../analysis/text/analyze-comments.ts';
import { serverTokenCache } from '../text/token-cache.ts';

export interface RecordsTextOptions {
  /** The survey's coding rules (server/text/read-coding-rules.ts); none: words and network only. */
  codingRules?: readonly CodingRule[] | null;
  /** Default: the process's cache. */
  tokenCache?: TokenCache | null;
}

/** @param versions every kept version of the survey, ascending */
export async function buildReportFromRecords(
  versions: readonly SurveyDefinition[],
  records: AsyncIterable<ResponseRecord>,
  options: ReportOptions,
  extra: { text?: RecordsTextOptions | null } = {},
): Promise<Report> {
  const wantText = extra.text !== undefined && extra.text !== null;
  const plan = planFor(versions, options, { texts: wantText || options.text !== undefined });
  const table = createResponseTable(plan.tableSpec);
  let position = 0;
  for await (const record of records) {
    position += 1;
    try {
      appendRecord(table, record, position);
    } catch (error) {
      if (error instanceof RecordError) throw new ReportInputError(`stored response ${record.id}: ${error.message}`, { origins: [position] });
      throw error;
    }
  }
  if (!wantText || plan.textQuestions.length === 0) return buildReport({ definitions: versions, table, options });
  const texts = plan.textQuestions.reduce((sum, name) => sum + ((table.byName.get(name) as CommentColumn).texts?.texts.length ?? 0), 0);
  const analyzer = texts > 0 ? await (await import('../text/load-analyzer.ts')).loadAnalyzer() : NOTHING_TO_TOKENIZE;
  const text = { analyzer, codingRules: extra.text!.codingRules ?? null, tokenCache: extra.text!.tokenCache === undefined ? serverTokenCache : extra.text!.tokenCache };
  return buildReport({ definitions: versions, table, options: { ...options, text } });
}

/** With no comment to read, nothing is tokenized, and the dictionary is not loaded for nothing. */
const NOTHING_TO_TOKENIZE: MorphologicalAnalyzer = {
  tokenize(text) {
    throw new Error(`no analyser was loaded, yet a comment was to be tokenized: ${JSON.stringify(text.slice(0, 40))}`);
  },
};
