/**
 * GET /api/surveys/:id/comments (analyst role, rows in server/auth/access-policy.ts; issue 30 "every comment
 * findable", issue 27's 自由記述 view): the free-text answers of the filtered selection, personal data masked.
 *
 *   ?limit=20&cursor=…            a page, newest first (contracts/comments.ts CommentList); `nextCursor` gives the next;
 *   &question=<name>              one comment question;
 *   &q=<text>                     a substring of the masked text (case-insensitive, NFKC);
 *   &word=<word>                  a word as the text analysis extracts it (base form, or part of a compound);
 *   &code=<category>              a category of the survey's coding rules (its coding.txt);
 *   &kwic=<word>                  instead of a page: keyword in context over every matching comment (CommentKwic), at most 500 lines;
 *   &format=csv|xlsx              instead of a page: every matching comment as a download;
 *   &locale=ja|en                 labels, mask placeholders and codes' language (the survey's first language by default);
 *   &from=…&to=…&channel=…&ward=… the filters of every analyst read (server/live-table/response-filter.ts).
 *
 * What a comment never carries: the response's id, or when it came (day or time). A day or a time, next to the
 * timeline's daily counts, could point at the one person who answered then; an id ties the words to the whole
 * record. The cursor is sealed (server/comments/comment-cursor.ts), so the position it holds stays on the server.
 * Paging is by position (receivedAt, id, question), not by offset: responses that arrive between two pages are
 * newer than any cursor, so they never shift a later page.
 *
 * The small-group rule, as the report's: with fewer than minGroupSize responses in the selection, or fewer than
 * minGroupSize respondents whose comments match, no text leaves (list, KWIC and download alike) and `suppressed`
 * says why; for KWIC, also when fewer than minGroupSize respondents' comments contain the word.
 */
import { Router } from 'express';
import type { DefinitionCatalog } from '../../analysis/definitions/definition-catalog.ts';
import { findKeywordInContext } from '../../analysis/text/find-keyword-in-context.ts';
import type { MorphologicalAnalyzer } from '../../analysis/text/load-tokenizer.ts';
import { normalizeCodeWord, type CodingRule } from '../../analysis/text/parse-coding-rules.ts';
import type { CommentKwic, CommentList } from '../../contracts/comments.ts';
import type { Suppression } from '../../contracts/report.ts';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { localizeText } from '../../core/definitions/localize-text.ts';
import { listQuestions } from '../../core/definitions/list-questions.ts';
import { listSegmentVariables, type SegmentVariable } from '../../core/definitions/segment-variables.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { toLocale } from '../../core/i18n/locale.ts';
import { codesOf, collectComments, tokensOf, type CommentSearch, type CommentSource } from '../comments/collect-comments.ts';
import { openCursor, sealCursor, searchFingerprint, type CommentPosition } from '../comments/comment-cursor.ts';
import { containsWord } from '../comments/contains-word.ts';
import { writeCommentsCsv, writeCommentsXlsx } from '../comments/write-comments-file.ts';
import { filteredRecords, segmentVariables, type ResponseFilter } from '../live-table/response-filter.ts';
import type { LiveTables } from '../live-table/live-tables.ts';
import { unreadableIn, viewRows } from '../live-table/live-view.ts';
import { commentColumnsOf, writerRecords } from '../live-table/comment-writers.ts';
import { HttpError } from '../http-error.ts';
import type { ResponseStore } from '../store/response-store.ts';
import { CodingFileError, readCodingRules } from '../text/read-coding-rules.ts';
import { serverTokenCache } from '../text/token-cache.ts';
import { findSurvey } from './surveys.ts';
import { chooseLocale, parseFilter } from './survey-query.ts';
import { currentMarkings } from './test-markings.ts';
import type { TestMarkingsLog } from '../test-markings/test-markings-log.ts';

export interface CommentsRouterOptions {
  store: ResponseStore;
  definitions: DefinitionCatalog;
  /** The definitions folder (DEFINITIONS_DIR), where each survey's coding.txt lives; without it, no codes. */
  definitionsDir?: string;
  /** The live tables (server/live-table/live-tables.ts); none: every page reads the whole selection from the store. */
  liveTables?: LiveTables | null;
  /** DATA_DIR/test-markings.jsonl (issue 30): responses marked as test data are left out with the meta.test ones. */
  testMarkings?: TestMarkingsLog | null;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
/** Keyword-in-context lines sent at most; the answer says how many there are. */
export const KWIC_LIMIT = 500;
/** Characters either side of the keyword. */
const KWIC_WIDTH = 20;
/** Segments every shipped survey has and analysts reach for first (as the filter bar ranks them). */
const PROMINENT_SEGMENTS = ['ward', 'ageBand'];
/** Longest search text or word accepted. */
const MAX_SEARCH_CHARS = 200;

/** Query keys of this route that are not filters. */
const OWN_KEYS = ['limit', 'cursor', 'question', 'q', 'word', 'code', 'kwic', 'format', 'locale'] as const;
const FORMATS = ['json', 'csv', 'xlsx'] as const;

/**
 * The records the comments are read from. From the live table (issue 23) when it can: the selection's rows that
 * wrote a comment, read from the store by id, with the selection's size beside them (records the analysis cannot
 * read are still the store's, so they are given too). Otherwise every selected record, streamed from the store.
 */
async function selectionRecords(
  { store, liveTables }: Pick<CommentsRouterOptions, 'store' | 'liveTables'>,
  surveyId: string,
  filter: ResponseFilter,
  definition: SurveyDefinition,
  questions: readonly string[],
): Promise<{ records: Iterable<CommentSource> | AsyncIterable<CommentSource>; selected?: number }> {
  const live = await liveTables?.ready(surveyId);
  const rows = live ? viewRows(live, filter) : null;
  const columns = live && rows ? commentColumnsOf(live, questions) : null;
  if (!live || !rows || !columns) return { records: filteredRecords((q) => store.list(q), surveyId, filter, definition) };
  const unreadable = unreadableIn(live, filter, definition).map(({ record }) => record);
  // All collectComments and the segments read: the comments, the segment questions and the segments' meta keys.
  const segments = listSegmentVariables(definition);
  const dataKeys = [...questions, ...segments.filter((variable) => variable.source !== 'meta').map((variable) => variable.name)];
  const metaKeys = segments.filter((variable) => variable.source === 'meta').map((variable) => variable.from!);
  const writers: CommentSource[] = await writerRecords(live, rows, columns, (id) => store.get(id), dataKeys, metaKeys);
  writers.push(...unreadable);
  return { records: writers, selected: rows.length + unreadable.length };
}

export function commentsRouter({ store, definitions, definitionsDir, liveTables = null, testMarkings = null }: CommentsRouterOptions): Router {
  // Mounted at /api/surveys/:id.
  const router = Router({ mergeParams: true });

  router.get('/comments', async (req, res) => {
    const surveyId = (req.params as { id: string }).id;
    const definition = findSurvey(definitions, surveyId);
    const query = req.query as Record<string, unknown>;
    const own = Object.fromEntries(OWN_KEYS.map((key) => [key, once(query, key)])) as Record<(typeof OWN_KEYS)[number], string | undefined>;
    const filter = parseFilter(withoutKeys(query, OWN_KEYS), definition, await currentMarkings(testMarkings, surveyId));
    const localeName = chooseLocale(own.locale, definition);
    const locale = toLocale(localeName);
    const format = own.format ?? 'json';
    if (!(FORMATS as readonly string[]).includes(format)) throw new HttpError(400, 'invalid_comments_request', `format must be json, csv or xlsx; got ${JSON.stringify(format)}`);
    const rules = await codingRulesOf(definitionsDir, definition);
    const questions = commentQuestions(definition);
    const search = parseSearch(own, questions, rules);
    const kwic = own.kwic === undefined ? undefined : searchText('kwic', own.kwic);
    const paged = format === 'json' && kwic === undefined;
    if (!paged) {
      for (const key of ['limit', 'cursor'] as const) {
        if (own[key] !== undefined) throw new HttpError(400, 'invalid_comments_request', `${key} pages the list; ${kwic !== undefined ? 'kwic' : `format=${format}`} reads every matching comment, so it takes no ${key}; got ${JSON.stringify(own[key])}`);
      }
    }
    if (kwic !== undefined && format !== 'json') throw new HttpError(400, 'invalid_comments_request', `kwic is answered as JSON; got format=${JSON.stringify(format)}`);
    const limit = paged ? parseLimit(own.limit) : 0;
    // A cursor serves the search it was made for: the same filters, search and locale.
    const fingerprint = searchFingerprint([surveyId, canonicalFilter(filter), search.question ?? null, search.q ?? null, search.word ?? null, search.code ?? null, locale]);
    const after = paged && own.cursor !== undefined ? cursorPosition(own.cursor, fingerprint) : undefined;

    // The analyser (kuromoji, about 1 s the first time) only when words are needed: a word, a code or KWIC to
    // search by, or codes to give the comments that leave.
    const analyzer = new LazyAnalyzer();
    if (search.word !== undefined || search.code !== undefined || kwic !== undefined) await analyzer.load();
    const segments = segmentColumns(definition, localeName);
    const source = await selectionRecords({ store, liveTables }, surveyId, filter, definition, questions.names);
    const collected = await collectComments(source.records, {
      selected: source.selected,
      search,
      locale,
      rules,
      analyzer: analyzer.get,
      cache: serverTokenCache,
      segmentsOf: segments.valuesOf,
      page: paged ? { limit, after } : undefined,
    });

    res.setHeader('Cache-Control', 'no-store');
    const searching = search.q !== undefined || search.word !== undefined || search.code !== undefined;
    const suppressed = smallGroup(collected, definition.minGroupSize, searching);

    if (kwic !== undefined) {
      const target = normalizeCodeWord(kwic);
      const analysed = suppressed ? [] : collected.comments.map((comment) => ({ ...comment, words: tokensOf(comment.text, analyzer.get, serverTokenCache) }));
      // Respondents, not comments: the small-group rule counts people.
      const containing = new Set(analysed.filter((comment) => containsWord(comment.words, target)).map((comment) => comment.position.id));
      const found = findKeywordInContext(analysed, kwic, { width: KWIC_WIDTH, limit: KWIC_LIMIT });
      const { minGroupSize } = definition;
      const tooFew = containing.size > 0 && containing.size < minGroupSize;
      const body: CommentKwic = {
        word: kwic,
        comments: suppressed ? 0 : collected.matching,
        containing: tooFew ? 0 : containing.size,
        count: tooFew ? 0 : found.count,
        rows: tooFew ? [] : found.rows.map(({ comment, left, keyword, right }) => ({ question: analysed[comment].question, left, keyword, right })),
        limit: KWIC_LIMIT,
        truncated: !tooFew && found.count > found.rows.length,
        suppressed: suppressed
          ? [suppressed]
          : tooFew
            ? [{ where: 'comments.kwic', reason: `fewer than ${minGroupSize} respondents wrote the word`, rule: 'small' }]
            : [],
      };
      res.json(body);
      return;
    }

    const shown = suppressed ? [] : collected.comments;
    if (shown.length > 0 && rules.length > 0) await analyzer.load();
    const comments = shown.map((comment) => ({
      question: comment.question,
      text: comment.text,
      codes: codesOf(comment.text, rules, analyzer.get, serverTokenCache),
      segments: comment.segments,
    }));

    if (format === 'csv' || format === 'xlsx') {
      const file = {
        locale,
        segments: segments.columns,
        rows: comments.map((comment) => ({ ...comment, questionLabel: questions.labelOf(comment.question, localeName) })),
      };
      if (suppressed) res.setHeader('X-Comments-Suppressed', encodeURIComponent(suppressed.reason));
      res.setHeader('Content-Disposition', `attachment; filename="${asciiFileName(surveyId)}-comments.${format}"`);
      if (format === 'csv') {
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.send(writeCommentsCsv(file));
      } else {
        res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        res.send(await writeCommentsXlsx(file));
      }
      return;
    }

    const last = collected.comments[collected.comments.length - 1];
    const body: CommentList = {
      total: suppressed ? 0 : collected.matching,
      comments,
      nextCursor: !suppressed && collected.more && last ? sealCursor(last.position, fingerprint) : null,
      suppressed: suppressed ? [suppressed] : [],
    };
    res.json(body);
  });

  return router;
}

/** The small-group rule for the selection as a whole (and for what the search matched). */
function smallGroup(collected: { responses: number; writers: number; matchingResponses: number }, minGroupSize: number, searching: boolean): Suppression | undefined {
  if (collected.writers === 0) return undefined;
  if (collected.responses < minGroupSize) return { where: 'comments', reason: `the selection has fewer than ${minGroupSize} responses`, rule: 'small' };
  if (collected.matchingResponses > 0 && collected.matchingResponses < minGroupSize) {
    // A handful of respondents' own words, singled out by the filters or a search, is exactly what suppression is for.
    return { where: 'comments', reason: searching ? `fewer than ${minGroupSize} respondents wrote a matching comment` : `fewer than ${minGroupSize} respondents wrote one`, rule: 'small' };
  }
  return undefined;
}

/** kuromoji, loaded on the first need; `get` is for code that runs after `load`. */
class LazyAnalyzer {
  private analyzer: MorphologicalAnalyzer | undefined;
  async load(): Promise<void> {
    this.analyzer ??= await (await import('../text/load-analyzer.ts')).loadAnalyzer();
  }
  readonly get = (): MorphologicalAnalyzer => {
    if (!this.analyzer) throw new Error('the analyser was needed before it was loaded');
    return this.analyzer;
  };
}

/** The survey's comment questions (role `comment`, outside dynamic panels), with their labels. */
function commentQuestions(definition: SurveyDefinition): { names: string[]; labelOf: (name: string, locale: string) => string } {
  const listed = listQuestions(definition.json).filter((question) => question.analysis?.role === 'comment' && question.scope === undefined);
  const titles = new Map(listed.map((question) => [question.name, question.title]));
  return { names: listed.map((question) => question.name), labelOf: (name, locale) => localizeText(titles.get(name), locale, name) };
}

/**
 * The response's segments as labels: each segment variable with a value among its choices. A free-text segment
 * (no choices) is left out: its text could name the person. In the order the dashboard's filter bar puts them
 * (client/pages/dashboard/choose-prominent-segments.ts): meta variables, the cohort, the ward and the age band,
 * then the rest, so a list that shows only the first few shows those.
 */
function segmentColumns(definition: SurveyDefinition, locale: string) {
  const rank = (variable: SegmentVariable) => (variable.source === 'meta' ? 0 : variable.role === 'cohort' ? 1 : PROMINENT_SEGMENTS.includes(variable.name) ? 2 : 3);
  const variables = listSegmentVariables(definition)
    .filter((variable) => variable.choices.length > 0)
    .map((variable, index) => ({ variable, index }))
    .sort((a, b) => rank(a.variable) - rank(b.variable) || a.index - b.index)
    .map(({ variable }) => variable);
  const readers = new Map(segmentVariables(definition).map((reader) => [reader.name, reader.read]));
  const labelled = variables.map((variable) => ({
    name: variable.name,
    read: readers.get(variable.name)!,
    labels: new Map(variable.choices.map((choice) => [choice.value, localizeText(choice.text, locale, choice.value)])),
  }));
  return {
    columns: variables.map((variable) => ({ name: variable.name, title: localizeText(variable.title, locale, variable.name) })),
    valuesOf: (record: Pick<ResponseRecord, 'meta' | 'data'>): Record<string, string> => {
      const values: Record<string, string> = {};
      for (const variable of labelled) {
        const value = variable.read(record);
        const label = value === undefined || value === null ? undefined : variable.labels.get(String(value));
        if (label !== undefined) values[variable.name] = label;
      }
      return values;
    },
  };
}

function parseSearch(own: Record<string, string | undefined>, questions: { names: string[] }, rules: readonly CodingRule[]): CommentSearch {
  const search: CommentSearch = { questions: questions.names };
  if (own.question !== undefined) {
    if (!questions.names.includes(own.question)) {
      throw new HttpError(400, 'invalid_comments_request', `question must be one of this survey's comment questions (${questions.names.join(', ') || 'none'}); got ${JSON.stringify(own.question)}`);
    }
    search.question = own.question;
  }
  if (own.q !== undefined) search.q = searchText('q', own.q);
  if (own.word !== undefined) search.word = searchText('word', own.word);
  if (own.code !== undefined) {
    const index = rules.findIndex((rule) => rule.code === own.code);
    if (index < 0) {
      const known = rules.length > 0 ? `one of this survey's codes (${rules.map((rule) => rule.code).join(', ')})` : 'a code of the survey’s coding rules, and this survey has none';
      throw new HttpError(400, 'invalid_comments_request', `code must be ${known}; got ${JSON.stringify(own.code)}`);
    }
    search.code = index;
  }
  return search;
}

function searchText(key: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || [...trimmed].length > MAX_SEARCH_CHARS) {
    throw new HttpError(400, 'invalid_comments_request', `${key} must be 1 to ${MAX_SEARCH_CHARS} characters; got ${JSON.stringify(value.length > 240 ? `${value.slice(0, 240)}…` : value)}`);
  }
  return trimmed;
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  const limit = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    throw new HttpError(400, 'invalid_limit', `limit must be a whole number from 1 to ${MAX_LIMIT}; got ${JSON.stringify(raw)}`);
  }
  return limit;
}

function cursorPosition(token: string, fingerprint: string): CommentPosition {
  const opened = openCursor(token, fingerprint);
  if ('position' in opened) return opened.position;
  const shown = JSON.stringify(token.length > 80 ? `${token.slice(0, 80)}…` : token);
  if (opened.error === 'other-search') {
    throw new HttpError(400, 'invalid_cursor', `cursor ${shown} belongs to another search (other filters, question, q, word, code or locale); start again without a cursor`);
  }
  throw new HttpError(400, 'invalid_cursor', `cursor ${shown} is not one this server gave out (or the server has restarted since); start again without a cursor`);
}

/** A parameter of this route, given at most once, as text. */
function once(query: Record<string, unknown>, key: string): string | undefined {
  const value = query[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'invalid_comments_request', `give ${key} once, as text; got ${JSON.stringify(value)}`);
  return value;
}

/**
 * The survey's coding rules (its coding.txt beside the definition; server/text/read-coding-rules.ts), none when it
 * has no such file. A broken file is the operator's fault, not the request's: 500 naming it.
 */
async function codingRulesOf(definitionsDir: string | undefined, definition: SurveyDefinition): Promise<CodingRule[]> {
  if (!definitionsDir) return [];
  try {
    return (await readCodingRules(definitionsDir, definition.id))?.rules ?? [];
  } catch (error) {
    if (error instanceof CodingFileError) throw new HttpError(500, 'broken_coding_rules', error.message);
    throw error;
  }
}

/** The filter in one spelling, however the query ordered it (ward=kita&ward=chuo is ward=chuo,kita). */
function canonicalFilter(filter: ResponseFilter): unknown {
  const segments = Object.entries(filter.segments)
    .map(([name, values]) => [name, [...new Set(values)].sort()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [filter.receivedFrom ?? null, filter.receivedTo ?? null, filter.channels ? [...new Set(filter.channels)].sort() : null, segments, filter.includeTest === true];
}

function withoutKeys(query: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([key]) => !keys.includes(key)));
}

/** Names come from definitions; a header is ASCII, so anything else becomes "_". */
function asciiFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

