/**
 * The dashboard's attachment counts (issue 22; ADR 0101): for each signaturepad and file question, how many of the
 * selected responses attached something and how many files they attached. Counts only: the live table keeps one
 * byte per row and question (the number of files, at most 10 by validation), never a data URL, and a count is
 * read from the stored line as it arrives, whose text is then dropped like the rest of the line.
 *
 * The analysis table itself has no variable for these questions (analysis/plan/plan-report.ts), so reports still
 * never read them; these counts are the dashboard's only, answered by GET /api/surveys/:id/attachment-counts.
 */
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { AttachmentCounts } from '../../contracts/attachment-counts.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { attachmentCountOf, attachmentQuestions } from '../export/attachment-files.ts';

export interface AttachmentColumns {
  /** The attachment questions of every kept version, in the order attachmentQuestions lists them. */
  questions: Array<{ name: string; type: 'signaturepad' | 'file' }>;
  /** Per question, per row: how many files (a signature is one); 0 when none. */
  files: Uint8Array[];
}

/** Columns for the survey's attachment questions; null for a survey without any (the common case: no parsing). */
export function createAttachmentColumns(versions: readonly SurveyDefinition[], capacity: number): AttachmentColumns | null {
  const questions = [...attachmentQuestions(versions)].map(([name, type]) => ({ name, type }));
  if (questions.length === 0) return null;
  return { questions, files: questions.map(() => new Uint8Array(capacity)) };
}

/** Each question's file count in one record's answers. */
export function attachmentCountsOfData(columns: Pick<AttachmentColumns, 'questions'>, data: Record<string, unknown>): number[] {
  return columns.questions.map(({ name, type }) => (Object.hasOwn(data, name) ? Math.min(255, attachmentCountOf(type, data[name])) : 0));
}

/** Sets `row`'s counts from the stored line's JSON text (parsed here, kept nowhere). */
export function setAttachmentCounts(columns: AttachmentColumns, row: number, line: string): void {
  const record = JSON.parse(line) as Pick<ResponseRecord, 'data'>;
  const counts = attachmentCountsOfData(columns, record.data ?? {});
  for (let q = 0; q < counts.length; q++) columns.files[q][row] = counts[q];
}

/** Adds up counts per question, as the route answers them (small numbers hidden as the report hides them). */
export function createAttachmentTally(questions: AttachmentColumns['questions'], minGroupSize: number) {
  const respondents = questions.map(() => 0);
  const files = questions.map(() => 0);
  let responses = 0;
  return {
    add(counts: ArrayLike<number>): void {
      responses += 1;
      for (let q = 0; q < questions.length; q++) {
        if (counts[q] > 0) {
          respondents[q] += 1;
          files[q] += counts[q];
        }
      }
    },
    finish(): AttachmentCounts {
      return {
        responses,
        minGroupSize,
        questions: questions.map(({ name, type }, q) =>
          // As a free-text question's count in the report: fewer than minGroupSize who attached are not shown.
          respondents[q] > 0 && respondents[q] < minGroupSize
            ? { question: name, type, respondents: null, files: null, suppressed: true as const }
            : { question: name, type, respondents: respondents[q], files: files[q] },
        ),
      };
    },
  };
}

/** The counts over the live table's `rows` (a view's rows, viewRows). */
export function countAttachmentRows(columns: AttachmentColumns, rows: Int32Array, minGroupSize: number, tally = createAttachmentTally(columns.questions, minGroupSize)): AttachmentCounts {
  const counts = new Uint8Array(columns.questions.length);
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    for (let q = 0; q < counts.length; q++) counts[q] = columns.files[q][row];
    tally.add(counts);
  }
  return tally.finish();
}
