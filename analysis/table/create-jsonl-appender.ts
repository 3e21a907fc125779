/**
 * Adds JSONL lines (UTF-8 bytes) to a response table without building the records as objects.
 *
 * JSON.parse of a 700-byte record costs ~5 µs here, so a million lines would spend the whole
 * 5 s budget on parsing alone (docs/decisions/0040-columnar-streaming-report.md). This scanner
 * reads the bytes once, validates the JSON grammar of the whole line, and writes the answers the
 * table needs straight into its typed arrays; everything else is skipped, not materialised.
 *
 * It is a fast path only. Whenever a line is anything but the common case (not valid JSON, an
 * escaped key or value, a duplicated key, another survey, an unknown version or value, a value
 * of an unexpected type), it gives up on the line and hands it to JSON.parse + appendRecord,
 * which either adds it (the scanner was merely cautious) or throws the precise RecordError.
 * So the table is always exactly what appendRecord would build; tests check that on generated lines.
 */
import { clearRow, reserveRow } from './create-response-table.ts';
import { appendRecord } from './append-record.ts';
import { fnv1aBytes, offerComment, sampleIdOf } from './offer-comment.ts';
import { RecordError } from './record-error.ts';
import { KIOSK_ID_KEY, kioskIdColumn, NO_CHANNEL, TABLE_CHANNELS, type CommentColumn, type MultipleColumn, type NumberColumn, type ResponseTable, type SingleColumn, type TableColumn } from './response-table.ts';
import { parseCanonical, parseInstant } from './parse-instant.ts';

export interface JsonlAppender {
  /**
   * `origin` is kept with the row (its line number). The comment sample is keyed by the record's `id`
   * (sampleIdOf, as appendRecord does); `sampleId` is only the fallback for a line without a string id,
   * and must be the same however the file is split, e.g. the line's byte offset in the file.
   */
  (bytes: Uint8Array, start: number, end: number, origin: number, sampleId: number): void;
  /** Lines the fast path handed to JSON.parse: for tests and benchmarks. */
  readonly slowLines: number;
}

/** Thrown inside the scanner to give a line to the slow path; never escapes. */
const GIVE_UP = Symbol('give up on this line');

interface ValueLookup {
  /** String values by UTF-8 byte length. */
  strings: Array<Array<{ bytes: Uint8Array; code: number }> | undefined>;
  /**
   * The same string values by their first byte, each as a probe of its bytes and the closing quote, compared in place
   * (issue 24): a value is then read in one pass, without scanning it as a string first. Values holding a byte JSON
   * must escape are left out (they never appear unescaped).
   */
  byFirstByte: Array<Probe[] | undefined>;
  numbers: Map<number, number>;
  /** The codes of the numbers 0–9 (−1: not a value), for an answer of one digit, the common case of ratings and matrices. */
  digits: Int16Array;
  trueCode: number;
  falseCode: number;
}

const SINGLE = 1;
const MULTIPLE = 2;
const RANKING = 3;
const COMMENT = 4;
const MATRIX = 5;
const NUMBER = 6;
/** meta.kioskId, when no meta variable reads it: only whether it names a tablet (ResponseTable.kiosk). */
const KIOSK = 7;
/** A computed matrixdropdown cell (expression): any JSON value, validated and skipped; only whether it holds one. */
const COMPUTED = 8;

const NO_CODES = new Int16Array(0);
const NO_FLAGS = new Uint8Array(0);
const NO_NUMBERS = new Float64Array(0);

/** One answer key the scanner knows. One class with every property, so V8 sees a single shape. */
class Field {
  /** Last line (stamp) the key was seen on: a second sighting is a duplicate key. */
  stamp = 0;
  /**
   * The column's arrays, held here and written directly (bind() after the table grows). Read through the column
   * objects, whose shapes differ by kind and change as reserveRow replaces their arrays, V8 made those loads
   * megamorphic: ~7 % of the scanner's time went to LoadIC stubs (issue 24).
   */
  codes: Int16Array = NO_CODES;
  cells: Uint8Array[] = [];
  answered: Uint8Array = NO_FLAGS;
  numbers: Float64Array = NO_NUMBERS;
  constructor(
    readonly kind: number,
    /** The column, not its arrays: reserveRow replaces those as the table grows. */
    readonly single: SingleColumn | null,
    readonly multiple: MultipleColumn | null,
    readonly comment: CommentColumn | null,
    readonly lookup: ValueLookup | null,
    readonly rows: KeyTable<Field> | null,
    readonly number: NumberColumn | null = null,
  ) {
    this.bind();
  }

  /** Takes the column's current arrays. */
  bind(): void {
    if (this.single !== null) this.codes = this.single.codes;
    if (this.multiple !== null) {
      this.cells = this.multiple.cells;
      this.answered = this.multiple.answered;
    }
    if (this.comment !== null) this.answered = this.comment.answered;
    if (this.number !== null) this.numbers = this.number.numbers;
  }
}

/**
 * A key of a KeyTable, known (value) or not (undefined, kept so it can be predicted too). `next` is the key that
 * followed it in the last record: records from one writer repeat their key order, so the next key is first
 * compared in place with that prediction, without scanning it as a string and looking it up (issue 24).
 */
interface KeyEntry<T> {
  bytes: Uint8Array;
  /** The key's bytes, its closing quote and the colon, compared in place when it is predicted; null for a key JSON must escape. */
  probe: Probe | null;
  /** `,"key":`, the comma before the key included: the common separator and next key compared in place as one. */
  afterComma: Probe | null;
  value: T | undefined;
  next: KeyEntry<T> | undefined;
}

/** Keys by UTF-8 byte length, compared byte by byte; `first` predicts an object's first key, `unknown` holds the unknown keys seen. */
type KeyTable<T> = Array<Array<KeyEntry<T>> | undefined> & { first: KeyEntry<T> | undefined; unknown: Array<KeyEntry<T>> };

/** At most this many unknown keys per object are remembered for prediction; more are still read, only not predicted. */
const MAX_UNKNOWN_KEYS = 64;

const TOP_SURVEY_ID = 1;
const TOP_SURVEY_VERSION = 2;
const TOP_META = 3;
const TOP_DATA = 4;
const TOP_COMPLETED_AT = 5;
const TOP_CHANNEL = 6;
const TOP_STARTED_AT = 7;
/** The response's `id`: the comment sample is keyed by it (sampleIdOf). */
const TOP_ID = 8;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Bytes to compare in place (issue 24): `words` holds them as little-endian 32-bit words at offsets 0, 4, 8, … and,
 * last, at length − 4 (overlapping), so a comparison of n ≥ 4 bytes is ⌈n / 4⌉ DataView reads instead of n byte reads.
 */
class Probe {
  readonly words: Int32Array;
  readonly length: number;
  /** The index of the last word. */
  readonly last: number;
  /**
   * The first four words and the last, also as properties of the probe itself: one load each, not three (the array,
   * its data, the word); a probe of up to 20 bytes, most keys and values, never touches `words`.
   */
  readonly w0: number;
  readonly w1: number;
  readonly w2: number;
  readonly w3: number;
  readonly wLast: number;
  constructor(
    readonly bytes: Uint8Array,
    /** For a choice value's probe, the value's code. */
    readonly code = -1,
  ) {
    const n = bytes.length;
    this.length = n;
    const view = new DataView(bytes.buffer, bytes.byteOffset, n);
    const words: number[] = [];
    if (n >= 4) {
      for (let k = 0; k + 4 < n; k += 4) words.push(view.getInt32(k, true));
      words.push(view.getInt32(n - 4, true));
    }
    this.words = Int32Array.from(words);
    this.last = words.length - 1;
    this.w0 = words[0] ?? 0;
    this.w1 = words[1] ?? 0;
    this.w2 = words[2] ?? 0;
    this.w3 = words[3] ?? 0;
    this.wLast = words[words.length - 1] ?? 0;
  }
}

/**
 * A probe of a string's bytes and its closing quote (and a colon, for a key), or null when the string holds a byte
 * JSON must escape (so it never appears as such).
 */
function quotedProbe(bytes: Uint8Array, { colon = false, code = -1 } = {}): Probe | null {
  for (const byte of bytes) if (byte === 0x22 || byte === 0x5c || byte < 0x20) return null;
  const quoted = new Uint8Array(bytes.length + (colon ? 2 : 1));
  quoted.set(bytes);
  quoted[bytes.length] = 0x22;
  if (colon) quoted[bytes.length + 1] = 0x3a;
  return new Probe(quoted, code);
}

export function createJsonlAppender(table: ResponseTable): JsonlAppender {
  const scanner = new LineScanner(table);
  const append = (bytes: Uint8Array, start: number, end: number, origin: number, sampleId: number) =>
    scanner.append(bytes, start, end, origin, sampleId);
  return Object.defineProperty(append, 'slowLines', { get: () => scanner.slowLines }) as JsonlAppender;
}

class LineScanner {
  private b: Uint8Array = new Uint8Array(0);
  /** The same bytes as `b`, for 4-byte reads. */
  private view: DataView = new DataView(new ArrayBuffer(0));
  private i = 0;
  private end = 0;
  private row = 0;
  private stamp = 0;
  slowLines = 0;
  // Set by scanString: the content between the quotes, and whether it has escapes.
  private stringStart = 0;
  private stringEnd = 0;
  private escaped = false;
  // Set by scanRecord: the bounds of the record's unescaped string `id`, or idStart < 0 when it has none.
  private idStart = -1;
  private idEnd = -1;
  // Set by scanNumber.
  private number = 0;
  private readonly topKeys: KeyTable<number>;
  private readonly dataFields: KeyTable<Field>;
  private readonly metaFields: KeyTable<Field>;
  private readonly surveyIdBytes: Uint8Array;
  private readonly surveyIdProbe: Probe | null;
  private readonly channelBytes: Uint8Array[];
  private readonly channelProbes: Probe[];
  private readonly versions: number[];
  private readonly pendingComments: Array<{ column: CommentColumn; start: number; end: number; escaped: boolean }> = [];
  /** Columns that read the record's channel (source `channel`): their code is the table's channel code. */
  private readonly channelColumns: SingleColumn[];
  /** Their codes arrays, as Field holds its column's (bound again when the table grows). */
  private channelCodes: Int16Array[] = [];
  /** Every field of every depth, to bind() again when the table grows. */
  private readonly fields: Field[] = [];
  /** The table's capacity when the fields last took its arrays: reserveRow replaces them when it grows. */
  private boundCapacity = -1;

  constructor(private readonly table: ResponseTable) {
    this.topKeys = keyTable([
      ['surveyId', TOP_SURVEY_ID],
      ['surveyVersion', TOP_SURVEY_VERSION],
      ['meta', TOP_META],
      ['data', TOP_DATA],
      ['completedAt', TOP_COMPLETED_AT],
      ['channel', TOP_CHANNEL],
      ['startedAt', TOP_STARTED_AT],
      ['id', TOP_ID],
    ]);
    this.channelBytes = TABLE_CHANNELS.map((channel) => encoder.encode(channel));
    this.channelProbes = this.channelBytes.flatMap((bytes, code) => quotedProbe(bytes, { code }) ?? []);
    this.surveyIdBytes = encoder.encode(table.spec.surveyId);
    this.surveyIdProbe = quotedProbe(this.surveyIdBytes);
    this.versions = table.spec.versions;
    const data: Array<[string, Field]> = [];
    const meta: Array<[string, Field]> = [];
    const matrices = new Map<string, Array<[string, Field]>>();
    // A matrixdropdown is a matrix of matrices: row → { column → cell }; an unknown row or column gives up, as a matrix's unknown row does.
    const grids = new Map<string, Map<string, Array<[string, Field]>>>();
    this.channelColumns = [];
    for (const column of table.columns) {
      const source = column.source;
      if (source.from === 'channel') {
        this.channelColumns.push(column as SingleColumn);
        continue;
      }
      const field = source.from === 'matrixCell' && source.computed ? new Field(COMPUTED, null, null, column as CommentColumn, null, null) : fieldOf(column);
      this.fields.push(field);
      if (source.from === 'data') data.push([source.key, field]);
      else if (source.from === 'meta') meta.push([source.key, field]);
      else if (source.from === 'matrix') {
        let rows = matrices.get(source.key);
        if (!rows) matrices.set(source.key, (rows = []));
        rows.push([source.row, field]);
      } else {
        let rows = grids.get(source.key);
        if (!rows) grids.set(source.key, (rows = new Map()));
        let cells = rows.get(source.row);
        if (!cells) rows.set(source.row, (cells = []));
        cells.push([source.column, field]);
      }
    }
    for (const [key, rows] of matrices) data.push([key, new Field(MATRIX, null, null, null, null, keyTable(rows))]);
    for (const [key, rows] of grids) {
      const rowFields: Array<[string, Field]> = [...rows].map(([row, cells]) => [row, new Field(MATRIX, null, null, null, null, keyTable(cells))]);
      data.push([key, new Field(MATRIX, null, null, null, null, keyTable(rowFields))]);
    }
    if (kioskIdColumn(table.columns) === undefined) meta.push([KIOSK_ID_KEY, new Field(KIOSK, null, null, null, null, null)]);
    this.dataFields = keyTable(data);
    this.metaFields = keyTable(meta);
  }

  append(bytes: Uint8Array, start: number, end: number, origin: number, sampleId: number): void {
    const row = reserveRow(this.table);
    if (this.table.capacity !== this.boundCapacity) this.bindColumns();
    if (bytes !== this.b) {
      this.b = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    this.i = start;
    this.end = end;
    this.row = row;
    this.stamp += 1;
    if (this.pendingComments.length !== 0) this.pendingComments.length = 0;
    this.idStart = -1;
    let version = -1;
    try {
      version = this.scanRecord();
    } catch (signal) {
      if (signal !== GIVE_UP) throw signal;
    }
    if (version < 0) {
      this.slowLines += 1;
      clearRow(this.table, row);
      appendParsedLine(this.table, bytes, start, end, origin, sampleId);
      return;
    }
    // Hashed only for a line with a comment to offer; the same id appendRecord computes (sampleIdOf).
    const lineSampleId = this.pendingComments.length === 0 || this.idStart < 0 ? sampleId : this.idSampleId(bytes);
    for (const { column, start: from, end: to, escaped } of this.pendingComments) {
      offerComment(this.table, column, row, lineSampleId, () =>
        // An escaped text is decoded by JSON.parse of the whole token, quotes included.
        escaped ? (JSON.parse(decoder.decode(bytes.subarray(from - 1, to + 1))) as string) : decoder.decode(bytes.subarray(from, to)),
      );
    }
    this.table.version[row] = version;
    this.table.origin[row] = origin;
    this.table.rowCount = row + 1;
  }

  /** The fields and channel columns take the table's current arrays (after it grew, or at the first line). */
  private bindColumns(): void {
    for (const field of this.fields) field.bind();
    this.channelCodes = this.channelColumns.map((column) => column.codes);
    this.boundCapacity = this.table.capacity;
  }

  /**
   * sampleIdOf the record's id, from its bytes (idStart..idEnd, unescaped): FNV-1a of them as they are. Bytes
   * of 0x80 and above are decoded first, as JSON.parse of the line would see them, so an invalid UTF-8
   * sequence hashes as its U+FFFD, like on the slow path; valid UTF-8 gives the same hash either way.
   */
  private idSampleId(bytes: Uint8Array): number {
    const start = this.idStart;
    const end = this.idEnd;
    for (let k = start; k < end; k++) if (bytes[k] >= 0x80) return sampleIdOf(decoder.decode(bytes.subarray(start, end)));
    return fnv1aBytes(bytes, start, end);
  }

  /** The record's version, after writing its answers to this.row. */
  private scanRecord(): number {
    this.skipSpace();
    this.expect(0x7b); // {
    let version = -1;
    let seenSurveyId = false;
    let seenResponseId = false;
    let seenData = false;
    let seenMeta = false;
    let seenCompletedAt = false;
    let seenStartedAt = false;
    let seenChannel = false;
    this.skipSpace();
    if (this.b[this.i] === 0x7d) throw GIVE_UP; // {} is no record
    let entry = this.scanKeyEntry(this.topKeys, undefined);
    for (;;) {
      const key = entry?.value;
      switch (key) {
        case TOP_SURVEY_ID:
          if (seenSurveyId || this.b[this.i] !== 0x22) throw GIVE_UP;
          if (this.surveyIdProbe !== null && this.matchesAt(this.i + 1, this.surveyIdProbe)) this.i += this.surveyIdProbe.length + 1;
          else {
            this.scanString();
            if (this.escaped || !this.stringEquals(this.surveyIdBytes)) throw GIVE_UP;
          }
          seenSurveyId = true;
          break;
        case TOP_ID:
          // A non-string or escaped id, or a repeated one (JSON.parse keeps the last): appendRecord decides.
          if (seenResponseId || this.b[this.i] !== 0x22) throw GIVE_UP;
          seenResponseId = true;
          this.scanString();
          if (this.escaped) throw GIVE_UP;
          this.idStart = this.stringStart;
          this.idEnd = this.stringEnd;
          break;
        case TOP_SURVEY_VERSION:
          if (version >= 0 || !this.scanNumberIfAny()) throw GIVE_UP;
          if (this.number !== this.versions[0] && !this.versions.includes(this.number)) throw GIVE_UP;
          version = this.number;
          break;
        case TOP_META:
          if (seenMeta || this.b[this.i] !== 0x7b) throw GIVE_UP;
          seenMeta = true;
          this.scanFields(this.metaFields);
          break;
        case TOP_DATA:
          if (seenData || this.b[this.i] !== 0x7b) throw GIVE_UP;
          seenData = true;
          this.scanFields(this.dataFields);
          break;
        case TOP_COMPLETED_AT:
          // appendRecord reads any non-string as "no date"; a duplicate key is JSON.parse's business.
          if (seenCompletedAt) throw GIVE_UP;
          seenCompletedAt = true;
          if (this.b[this.i] !== 0x22) this.skipValue(0);
          else {
            this.table.completedAt[this.row] = this.scanInstant();
          }
          break;
        case TOP_STARTED_AT:
          if (seenStartedAt) throw GIVE_UP;
          seenStartedAt = true;
          if (this.b[this.i] !== 0x22) this.skipValue(0);
          else {
            this.table.startedAt[this.row] = this.scanInstant();
          }
          break;
        case TOP_CHANNEL:
          if (seenChannel) throw GIVE_UP;
          seenChannel = true;
          if (this.b[this.i] !== 0x22) this.skipValue(0);
          else {
            let code = -1;
            for (let k = 0; k < this.channelProbes.length; k++) {
              const probe = this.channelProbes[k];
              if (this.matchesAt(this.i + 1, probe)) {
                code = probe.code;
                this.i += probe.length + 1;
                break;
              }
            }
            if (code < 0) {
              this.scanString();
              if (this.escaped) throw GIVE_UP;
              for (let k = 0; k < this.channelBytes.length; k++) {
                if (this.stringEquals(this.channelBytes[k])) {
                  code = k;
                  break;
                }
              }
            }
            this.table.channel[this.row] = code < 0 ? NO_CHANNEL : code;
            for (let k = 0; k < this.channelCodes.length; k++) this.channelCodes[k][this.row] = code;
          }
          break;
        default:
          this.skipValue(0);
      }
      entry = this.nextKeyEntry(this.topKeys, entry);
      if (entry === CLOSED) break;
    }
    this.skipSpace();
    if (this.i !== this.end || !seenSurveyId || !seenData || version < 0) throw GIVE_UP;
    return version;
  }

  /** An object whose known keys are answers; unknown keys are validated and skipped. */
  private scanFields(fields: KeyTable<Field>): void {
    this.i++; // {
    this.skipSpace();
    if (this.b[this.i] === 0x7d) {
      this.i++;
      return;
    }
    let entry = this.scanKeyEntry(fields, undefined);
    for (;;) {
      const field = entry?.value;
      if (field === undefined) this.skipValue(0);
      else {
        if (field.stamp === this.stamp) throw GIVE_UP; // duplicate key: JSON.parse keeps the last one
        field.stamp = this.stamp;
        // A single answer read here, the most common kind, without a call to scanAnswer.
        if (field.kind === SINGLE && this.b[this.i] !== 0x6e) field.codes[this.row] = this.scanScalarCode(field.lookup!);
        else this.scanAnswer(field);
      }
      entry = this.nextKeyEntry(fields, entry);
      if (entry === CLOSED) return;
    }
  }

  private scanAnswer(field: Field): void {
    const b = this.b;
    if (b[this.i] === 0x6e) {
      this.expectLiteral(NULL_BYTES); // null: no answer
      return;
    }
    const kind = field.kind;
    if (kind === SINGLE) {
      field.codes[this.row] = this.scanScalarCode(field.lookup!);
    } else if (kind === MULTIPLE || kind === RANKING) {
      if (b[this.i] !== 0x5b) throw GIVE_UP; // [
      this.i++;
      this.skipSpace();
      if (b[this.i] === 0x5d) {
        this.i++;
        return;
      }
      const cells = field.cells;
      const row = this.row;
      const lookup = field.lookup!;
      let rank = 0;
      for (;;) {
        this.skipSpace();
        const code = this.scanScalarCode(lookup);
        rank += 1;
        if (kind === MULTIPLE) cells[code][row] = 1;
        else {
          if (cells[code][row] !== 0 || rank > 255) throw GIVE_UP;
          cells[code][row] = rank;
        }
        this.skipSpace();
        const next = b[this.i++];
        if (next === 0x2c) continue;
        if (next === 0x5d) break;
        throw GIVE_UP;
      }
      field.answered[row] = 1;
    } else if (kind === KIOSK) {
      if (b[this.i] !== 0x22) {
        this.skipValue(0);
        return;
      }
      this.scanString();
      this.table.kiosk[this.row] = this.stringEnd > this.stringStart ? 1 : 0;
    } else if (kind === NUMBER) {
      // Anything but a plain JSON number goes to the reference path, which names the bad answer.
      if (!this.scanNumberIfAny() || !Number.isFinite(this.number)) throw GIVE_UP;
      field.numbers[this.row] = this.number;
    } else if (kind === COMPUTED) {
      if (b[this.i] === 0x22) {
        this.scanString();
        if (this.stringEnd > this.stringStart) field.answered[this.row] = 1;
      } else {
        this.skipValue(0);
        field.answered[this.row] = 1;
      }
    } else if (kind === COMMENT) {
      if (b[this.i] !== 0x22) throw GIVE_UP;
      this.scanString();
      if (this.stringEnd > this.stringStart) {
        this.pendingComments.push({ column: field.comment!, start: this.stringStart, end: this.stringEnd, escaped: this.escaped });
      }
    } else {
      // A matrix: { row: answer, … }
      if (b[this.i] !== 0x7b) throw GIVE_UP;
      this.i++;
      this.skipSpace();
      if (b[this.i] === 0x7d) {
        this.i++;
        return;
      }
      const rows = field.rows!;
      let entry = this.scanKeyEntry(rows, undefined);
      for (;;) {
        const rowField = entry?.value;
        if (rowField === undefined || rowField.stamp === this.stamp) throw GIVE_UP; // unknown or repeated row
        rowField.stamp = this.stamp;
        if (rowField.kind === SINGLE && b[this.i] !== 0x6e) rowField.codes[this.row] = this.scanScalarCode(rowField.lookup!);
        else this.scanAnswer(rowField);
        entry = this.nextKeyEntry(rows, entry);
        if (entry === CLOSED) return;
      }
    }
  }

  /** A string, number or boolean the lookup knows; anything else gives up. */
  private scanScalarCode(lookup: ValueLookup): number {
    const b = this.b;
    const i = this.i;
    const c = b[i];
    let code: number | undefined;
    if (c === 0x22) {
      // Compared in place with the values that start with the same byte; a match ends at its closing quote.
      const probes = lookup.byFirstByte[b[i + 1]];
      if (probes !== undefined) {
        for (let k = 0; k < probes.length; k++) {
          const probe = probes[k];
          if (this.matchesAt(i + 1, probe)) {
            this.i = i + 1 + probe.length;
            return probe.code;
          }
        }
      }
      this.scanString();
      if (this.escaped) throw GIVE_UP;
      const candidates = lookup.strings[this.stringEnd - this.stringStart];
      if (candidates !== undefined) {
        for (let k = 0; k < candidates.length; k++) {
          if (this.stringEquals(candidates[k].bytes)) {
            code = candidates[k].code;
            break;
          }
        }
      }
    } else if (c === 0x74) {
      this.expectLiteral(TRUE_BYTES);
      code = lookup.trueCode;
    } else if (c === 0x66) {
      this.expectLiteral(FALSE_BYTES);
      code = lookup.falseCode;
    } else if (c >= 0x30 && c <= 0x39 && !continuesNumber(b[i + 1])) {
      // One digit: the whole number (a leading 0 stands alone in JSON, so "0" followed by a digit is not this case).
      this.i = i + 1;
      code = lookup.digits[c - 0x30];
    } else if (this.scanNumberIfAny()) {
      code = lookup.numbers.get(this.number);
    }
    if (code === undefined || code < 0) throw GIVE_UP;
    return code;
  }

  /**
   * The key at this.i and the colon after it (with any space around it), as the key's entry: first the predicted one
   * (`previous.next`, or the object's first key) compared in place with `"key":`; otherwise scanned and looked up, and
   * remembered as the prediction. A probe holds no quote, backslash or control character before its closing quote, so
   * a match is the whole key.
   */
  private scanKeyEntry<T>(keys: KeyTable<T>, previous: KeyEntry<T> | undefined): KeyEntry<T> | undefined {
    this.skipSpace();
    const i = this.i;
    if (this.b[i] !== 0x22) throw GIVE_UP;
    const predicted = previous === undefined ? keys.first : previous.next;
    if (predicted !== undefined && predicted.probe !== null && this.matchesAt(i + 1, predicted.probe)) {
      this.i = i + 1 + predicted.probe.length;
      this.skipSpace();
      return predicted;
    }
    const entry = this.lookUpKey(keys, previous);
    this.skipSpace();
    this.expect(0x3a); // :
    this.skipSpace();
    return entry;
  }

  /**
   * After a member's value: the next member's key entry (past its colon and any space), or CLOSED past the object's
   * closing brace. The common case, a comma right after the value and then the key that followed `previous` last
   * time, is one in-place comparison of `,"key":` instead of a byte for the comma and a probe for the key.
   */
  private nextKeyEntry<T>(keys: KeyTable<T>, previous: KeyEntry<T> | undefined): KeyEntry<T> | undefined {
    const predicted = previous === undefined ? undefined : previous.next;
    if (predicted !== undefined && predicted.afterComma !== null && this.matchesAt(this.i, predicted.afterComma)) {
      this.i += predicted.afterComma.length;
      this.skipSpace();
      return predicted;
    }
    this.skipSpace();
    const next = this.b[this.i++];
    if (next === 0x7d) return CLOSED as KeyEntry<T>; // }
    if (next !== 0x2c) throw GIVE_UP; // ,
    return this.scanKeyEntry(keys, previous);
  }

  /** The key at this.i scanned as a string and looked up (scanKeyEntry's miss), and remembered as the prediction. */
  private lookUpKey<T>(keys: KeyTable<T>, previous: KeyEntry<T> | undefined): KeyEntry<T> | undefined {
    const b = this.b;
    this.scanString();
    if (this.escaped) throw GIVE_UP;
    let entry: KeyEntry<T> | undefined;
    const candidates = keys[this.stringEnd - this.stringStart];
    if (candidates !== undefined) {
      for (let k = 0; k < candidates.length; k++) {
        if (this.stringEquals(candidates[k].bytes)) {
          entry = candidates[k];
          break;
        }
      }
    }
    if (entry === undefined) {
      const unknown = keys.unknown;
      for (let k = 0; k < unknown.length; k++) {
        if (this.stringEquals(unknown[k].bytes)) {
          entry = unknown[k];
          break;
        }
      }
      if (entry === undefined) {
        if (unknown.length >= MAX_UNKNOWN_KEYS) return undefined;
        const bytes = b.slice(this.stringStart, this.stringEnd);
        entry = keyEntry<T>(bytes, undefined);
        unknown.push(entry);
      }
    }
    if (previous === undefined) keys.first = entry;
    else previous.next = entry;
    return entry;
  }

  /**
   * The string at this.i as an instant (parseInstant). The stored form `YYYY-MM-DDTHH:MM:SS.sssZ` is read in place
   * without scanning it as a string first: parseCanonical checks every one of its bytes, so with a quote after them
   * they are the whole, unescaped string.
   */
  private scanInstant(): number {
    const b = this.b;
    const i = this.i;
    if (i + 25 < this.end && b[i + 25] === 0x22) {
      const fast = parseCanonical(b, i + 1, i + 25);
      if (fast === fast) {
        this.i = i + 26;
        return fast;
      }
    }
    this.scanString();
    if (this.escaped) throw GIVE_UP;
    return parseInstant(b, this.stringStart, this.stringEnd);
  }

  /** Whether the probe's bytes stand at `at`, all of them before the line's end. */
  private matchesAt(at: number, probe: Probe): boolean {
    const n = probe.length;
    if (at + n > this.end) return false;
    if (n < 4) {
      const bytes = probe.bytes;
      const b = this.b;
      for (let k = 0; k < n; k++) if (b[at + k] !== bytes[k]) return false;
      return true;
    }
    const view = this.view;
    // Words 0 to last − 1 at 4k, then the last at n − 4 (overlapping). The first and the last first: together they
    // are the whole of a probe of up to 8 bytes, and most mismatches show in one of them.
    if (view.getInt32(at, true) !== probe.w0 || view.getInt32(at + n - 4, true) !== probe.wLast) return false;
    const last = probe.last;
    if (last > 1) {
      if (view.getInt32(at + 4, true) !== probe.w1) return false;
      if (last > 2) {
        if (view.getInt32(at + 8, true) !== probe.w2) return false;
        if (last > 3) {
          if (view.getInt32(at + 12, true) !== probe.w3) return false;
          const words = probe.words;
          for (let k = 4; k < last; k++) if (view.getInt32(at + 4 * k, true) !== words[k]) return false;
        }
      }
    }
    return true;
  }

  private stringEquals(expected: Uint8Array): boolean {
    const length = this.stringEnd - this.stringStart;
    if (length !== expected.length) return false;
    const b = this.b;
    const offset = this.stringStart;
    for (let k = 0; k < length; k++) if (b[offset + k] !== expected[k]) return false;
    return true;
  }

  /** A JSON string at this.i (which holds the opening quote), validated; sets its bounds. */
  private scanString(): void {
    const b = this.b;
    const end = this.end;
    let i = this.i + 1;
    this.stringStart = i;
    let escaped = false;
    // Four bytes at a time while none of them is a quote, a backslash or a control character (exact bit tests for
    // "some byte is zero" and "some byte is below 0x20"); the byte loop below takes over at the first that may be.
    const view = this.view;
    const limit = end - 4;
    while (i <= limit) {
      const w = view.getInt32(i, true);
      const quote = w ^ 0x22222222;
      const backslash = w ^ 0x5c5c5c5c;
      if ((((quote - 0x01010101) & ~quote) | ((backslash - 0x01010101) & ~backslash) | ((w - 0x20202020) & ~w)) & 0x80808080) break;
      i += 4;
    }
    for (;;) {
      if (i >= end) throw GIVE_UP;
      const c = b[i];
      if (c === 0x22) break;
      if (c === 0x5c) {
        escaped = true;
        const e = b[i + 1];
        if (e === 0x75) {
          // \uXXXX
          for (let k = 2; k < 6; k++) if (!isHexDigit(b[i + k])) throw GIVE_UP;
          i += 6;
        } else if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
          i += 2;
        } else throw GIVE_UP;
        continue;
      }
      if (c < 0x20) throw GIVE_UP; // control characters must be escaped
      i++;
    }
    this.stringEnd = i;
    this.escaped = escaped;
    this.i = i + 1;
  }

  /** A JSON number at this.i, if there is one; its value goes to this.number. */
  private scanNumberIfAny(): boolean {
    const b = this.b;
    let i = this.i;
    const start = i;
    if (b[i] === 0x2d) i++; // -
    let c = b[i];
    if (c === 0x30) i++; // a leading 0 stands alone
    else if (c >= 0x31 && c <= 0x39) {
      do i++;
      while (b[i] >= 0x30 && b[i] <= 0x39);
    } else {
      if (i !== start) throw GIVE_UP;
      return false;
    }
    let simple = i - start <= 15;
    c = b[i];
    if (c === 0x2e) {
      // fraction
      i++;
      if (!(b[i] >= 0x30 && b[i] <= 0x39)) throw GIVE_UP;
      while (b[i] >= 0x30 && b[i] <= 0x39) i++;
      simple = false;
      c = b[i];
    }
    if (c === 0x65 || c === 0x45) {
      // exponent
      i++;
      if (b[i] === 0x2b || b[i] === 0x2d) i++;
      if (!(b[i] >= 0x30 && b[i] <= 0x39)) throw GIVE_UP;
      while (b[i] >= 0x30 && b[i] <= 0x39) i++;
      simple = false;
    }
    if (i > this.end) throw GIVE_UP;
    if (simple) {
      let value = 0;
      const negative = b[start] === 0x2d;
      for (let k = negative ? start + 1 : start; k < i; k++) value = value * 10 + (b[k] - 0x30);
      this.number = negative ? -value : value;
    } else {
      this.number = Number(String.fromCharCode(...b.subarray(start, i)));
    }
    this.i = i;
    return true;
  }

  /** Validates and skips any JSON value. */
  private skipValue(depth: number): void {
    if (depth > 64) throw GIVE_UP; // leave deep nesting to JSON.parse
    const b = this.b;
    const c = b[this.i];
    if (c === 0x22) {
      this.scanString();
    } else if (c === 0x7b) {
      this.i++;
      this.skipSpace();
      if (b[this.i] === 0x7d) {
        this.i++;
        return;
      }
      for (;;) {
        this.skipSpace();
        if (b[this.i] !== 0x22) throw GIVE_UP;
        this.scanString();
        this.skipSpace();
        this.expect(0x3a);
        this.skipSpace();
        this.skipValue(depth + 1);
        this.skipSpace();
        const next = b[this.i++];
        if (next === 0x2c) continue;
        if (next === 0x7d) return;
        throw GIVE_UP;
      }
    } else if (c === 0x5b) {
      this.i++;
      this.skipSpace();
      if (b[this.i] === 0x5d) {
        this.i++;
        return;
      }
      for (;;) {
        this.skipSpace();
        this.skipValue(depth + 1);
        this.skipSpace();
        const next = b[this.i++];
        if (next === 0x2c) continue;
        if (next === 0x5d) return;
        throw GIVE_UP;
      }
    } else if (c === 0x74) this.expectLiteral(TRUE_BYTES);
    else if (c === 0x66) this.expectLiteral(FALSE_BYTES);
    else if (c === 0x6e) this.expectLiteral(NULL_BYTES);
    else if (!this.scanNumberIfAny()) throw GIVE_UP;
  }

  private skipSpace(): void {
    const b = this.b;
    let i = this.i;
    let c = b[i];
    // No 0x0a: a line holds no raw newline, and the one ending it must stop the scan.
    while (c === 0x20 || c === 0x09 || c === 0x0d) c = b[++i];
    this.i = i;
  }

  private expect(byte: number): void {
    if (this.b[this.i] !== byte) throw GIVE_UP;
    this.i++;
  }

  private expectLiteral(literal: Uint8Array): void {
    const b = this.b;
    const i = this.i;
    for (let k = 0; k < literal.length; k++) if (b[i + k] !== literal[k]) throw GIVE_UP;
    this.i = i + literal.length;
  }
}

/** Whether a byte after a digit continues the number (a digit, a fraction or an exponent). */
function continuesNumber(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45;
}

const TRUE_BYTES = encoder.encode('true');
const FALSE_BYTES = encoder.encode('false');
const NULL_BYTES = encoder.encode('null');

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** The slow, exact path: JSON.parse and appendRecord. */
function appendParsedLine(table: ResponseTable, bytes: Uint8Array, start: number, end: number, origin: number, sampleId: number): void {
  const text = decoder.decode(bytes.subarray(start, end));
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    throw new RecordError(`not valid JSON (${(error as Error).message})`);
  }
  appendRecord(table, record, origin, sampleId);
}

function keyEntry<T>(bytes: Uint8Array, value: T | undefined): KeyEntry<T> {
  const probe = quotedProbe(bytes, { colon: true });
  let afterComma: Probe | null = null;
  if (probe !== null) {
    const withComma = new Uint8Array(probe.length + 2);
    withComma[0] = 0x2c; // ,
    withComma[1] = 0x22; // "
    withComma.set(probe.bytes, 2);
    afterComma = new Probe(withComma);
  }
  return { bytes, probe, afterComma, value, next: undefined };
}

/** nextKeyEntry's answer when the object closes: no key's entry. */
const CLOSED: KeyEntry<never> = keyEntry<never>(new Uint8Array(0), undefined);

function keyTable<T>(entries: Array<[string, T]>): KeyTable<T> {
  const table = Object.assign([] as Array<Array<KeyEntry<T>> | undefined>, { first: undefined, unknown: [] as Array<KeyEntry<T>> });
  for (const [key, value] of entries) {
    const bytes = encoder.encode(key);
    (table[bytes.length] ??= []).push(keyEntry(bytes, value));
  }
  return table;
}

function fieldOf(column: TableColumn): Field {
  if (column.kind === 'comment') return new Field(COMMENT, null, null, column, null, null);
  if (column.kind === 'number') return new Field(NUMBER, null, null, null, null, null, column);
  const lookup: ValueLookup = { strings: [], byFirstByte: [], numbers: new Map(), digits: new Int16Array(10).fill(-1), trueCode: -1, falseCode: -1 };
  column.values.forEach((value, code) => {
    if (typeof value === 'string') {
      const bytes = encoder.encode(value);
      (lookup.strings[bytes.length] ??= []).push({ bytes, code });
      const probe = quotedProbe(bytes, { code });
      // The empty text's probe is the closing quote alone: filed under that byte.
      if (probe !== null) (lookup.byFirstByte[probe.bytes[0]] ??= []).push(probe);
    } else if (typeof value === 'number') {
      lookup.numbers.set(value, code);
      // As Map.get would find it: -0 is 0.
      if (Number.isInteger(value) && value >= 0 && value <= 9) lookup.digits[value] = code;
    }
    else if (value === true) lookup.trueCode = code;
    else lookup.falseCode = code;
  });
  if (column.kind === 'single') return new Field(SINGLE, column, null, null, lookup, null);
  return new Field(column.kind === 'ranking' ? RANKING : MULTIPLE, null, column, null, lookup, null);
}
