/**
 * The one form a submissionId is stored and looked up in (issue 20, finding 9). A submissionId is
 * a UUID, whose hex digits mean the same in either case (RFC 9562 §4: compared case-insensitively,
 * written lower-case), so `6F1C…` resent by a client that upper-cased it is the same submission.
 *
 * ASCII letters only: exactly what SQLite's lower() and MongoDB's $toLower do, so the migrations
 * that lower-case rows stored before (sqlite-response-store.ts, mongodb-response-store.ts) agree
 * with every later insert and lookup. Imported records may carry ids that are no UUID; they are
 * treated alike.
 */
export function normaliseSubmissionId(submissionId: string): string {
  return submissionId.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
