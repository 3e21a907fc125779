/**
 * A survey's weighting margins on the server (issue 30): GET /api/surveys/:id/weights answers this (404 when the
 * survey has none); PUT (admins) takes an UploadWeights and answers this for the file now in use. The margins
 * are the CLI's `--weights` CSV (question,value,population), stored as DATA_DIR/weights/<survey>.csv.
 */
export interface SurveyWeights {
  /** The file's name in DATA_DIR/weights: `<survey>.csv`. */
  file: string;
  /** SHA-256 of the file's bytes, hex: what a weighted report's `weighting.source` and its downloads name. */
  sha256: string;
  margins: Array<{ question: string; value: string; population: number }>;
}

/**
 * The body of PUT /api/surveys/:id/weights: JSON, as every state-changing request is (the access policy's CSRF
 * rule, docs/decisions/0062-one-access-policy-table.md), with the CSV's text inside.
 */
export interface UploadWeights {
  /** The CSV's text, UTF-8 (a leading BOM is allowed). */
  csv: string;
  /** The name the admin's file had, for messages ("margins.csv:3: …") and the audit log; default `upload.csv`. */
  fileName?: string;
}
