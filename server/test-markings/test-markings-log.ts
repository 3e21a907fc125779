/**
 * Test markings on disk (issue 30): DATA_DIR/test-markings.jsonl, one JSON line per act, only ever appended.
 * A marking is a `mark` line; withdrawing it is an `unmark` line naming its markingId, so the file is the whole
 * history and nothing in it is rewritten or deleted. Every act is also recorded in DATA_DIR/audit.jsonl (who, when,
 * what, why) by the route, before it is appended here.
 *
 * Why a file of its own and not the audit log or the response store: the markings are read on every analyst read
 * (the filter carries them), while the audit log is written only; and a marking is a statement about responses, not
 * a change to any, so the stored records stay exactly as they were received (ADR 0099).
 *
 * Readers (the server, `survey-toolkit export` on the same DATA_DIR) read the file again whenever its size or
 * modification time changed, so a marking made by the server counts in the next CLI export and vice versa.
 * A line that cannot be read is the operator's problem: TestMarkingsFileError names the file and line.
 */
import { open, readFile, stat } from 'node:fs/promises';
import type { TestMarking, TestMarkingAct, TestMarkingTarget } from '../../contracts/test-markings.ts';
import { markedResponsesOf, type MarkedResponses } from './marked-responses.ts';

export const TEST_MARKINGS_FILE = 'test-markings.jsonl';

export interface MarkLine extends TestMarkingAct {
  action: 'mark';
  markingId: string;
  surveyId: string;
  target: TestMarkingTarget;
}

export interface UnmarkLine extends TestMarkingAct {
  action: 'unmark';
  markingId: string;
  surveyId: string;
}

/** A marking as the file holds it (TestMarking without the count of responses it covers now). */
export type StoredMarking = Omit<TestMarking, 'responses'>;

export class TestMarkingsFileError extends Error {
  override name = 'TestMarkingsFileError';
}

export interface TestMarkingsLog {
  readonly path: string;
  /** Every marking of the survey ever made, oldest first, each with its unmarking if it was withdrawn. */
  list(surveyId: string): Promise<StoredMarking[]>;
  /** What the survey's current markings cover; undefined when none is current. */
  marked(surveyId: string): Promise<MarkedResponses | undefined>;
  /**
   * Runs `act` alone (one act at a time in this process), so a check (is this marking still current?) and the
   * append it allows cannot interleave with another's.
   */
  exclusive<T>(act: () => Promise<T>): Promise<T>;
  /** Appends one line and flushes it to disk. */
  append(line: MarkLine | UnmarkLine): Promise<void>;
}

export function openTestMarkingsLog(path: string): TestMarkingsLog {
  let cached: { size: number; mtimeMs: number; bySurvey: Map<string, StoredMarking[]> } | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function read(): Promise<Map<string, StoredMarking[]>> {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached.bySurvey;
    const text = await readFile(path, 'utf8');
    const bySurvey = parseTestMarkings(text, path);
    cached = { size: Buffer.byteLength(text, 'utf8'), mtimeMs: info.mtimeMs, bySurvey };
    return bySurvey;
  }

  return {
    path,
    async list(surveyId) {
      return (await read()).get(surveyId) ?? [];
    },
    async marked(surveyId) {
      return markedResponsesOf((await read()).get(surveyId) ?? []);
    },
    exclusive(act) {
      const run = queue.then(act);
      queue = run.catch(() => undefined);
      return run;
    },
    async append(line) {
      // Owner-only, as the audit log: it names who marked what.
      const file = await open(path, 'a', 0o600);
      try {
        await file.appendFile(JSON.stringify(line) + '\n', 'utf8');
        await file.datasync();
      } finally {
        await file.close();
      }
    },
  };
}

/** The file's lines folded into each survey's markings. Throws TestMarkingsFileError naming `FILE:LINE`. */
export function parseTestMarkings(text: string, label: string): Map<string, StoredMarking[]> {
  const bySurvey = new Map<string, StoredMarking[]>();
  const byId = new Map<string, StoredMarking>();
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    // A last line without its newline is a write cut short (a crash mid-append): it never happened.
    if (raw.trim() === '' || (index === lines.length - 1 && !text.endsWith('\n'))) return;
    const where = `${label}:${index + 1}`;
    let line: MarkLine | UnmarkLine;
    try {
      line = JSON.parse(raw) as MarkLine | UnmarkLine;
    } catch {
      throw new TestMarkingsFileError(`${where}: not JSON: ${JSON.stringify(raw.slice(0, 80))}`);
    }
    if (typeof line !== 'object' || line === null || typeof line.markingId !== 'string' || typeof line.surveyId !== 'string') {
      throw new TestMarkingsFileError(`${where}: not a test marking (no markingId or surveyId): ${JSON.stringify(raw.slice(0, 80))}`);
    }
    const act: TestMarkingAct = { at: line.at, who: line.who, via: line.via, reason: line.reason };
    if (line.action === 'mark') {
      if (byId.has(line.markingId)) throw new TestMarkingsFileError(`${where}: marking ${JSON.stringify(line.markingId)} is made twice`);
      const marking: StoredMarking = { markingId: line.markingId, surveyId: line.surveyId, ...act, target: line.target };
      byId.set(line.markingId, marking);
      const list = bySurvey.get(line.surveyId) ?? [];
      list.push(marking);
      bySurvey.set(line.surveyId, list);
    } else if (line.action === 'unmark') {
      const marking = byId.get(line.markingId);
      if (!marking) throw new TestMarkingsFileError(`${where}: unmarks ${JSON.stringify(line.markingId)}, which no earlier line marks`);
      // A second unmarking changes nothing: the first one stands.
      marking.unmarked ??= act;
    } else {
      throw new TestMarkingsFileError(`${where}: action must be "mark" or "unmark", got ${JSON.stringify((line as { action?: unknown }).action)}`);
    }
  });
  return bySurvey;
}
