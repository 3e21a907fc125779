/**
 * Answers are stored in MongoDB as a real subdocument, so that aggregation
 * pipelines can read `$data.<question>` on the server (server/store/mongodb-pipelines.ts).
 * A few object keys cannot travel through BSON and the server unchanged:
 *
 * - `$ref`/`$id`/`$db` come back as a DBRef object, not as the data sent;
 * - `_bsontype` makes the driver's serialiser treat the object as a BSON value and throw;
 * - a NUL byte cannot be in a BSON key at all;
 * - `.` and a leading `$` cannot be addressed by a field path in queries and pipelines.
 *
 * Keys are therefore percent-escaped, reversibly: `%` itself, `.`, `$`, NUL and
 * the `_` of `_bsontype`. Ordinary question names (`visit_purpose`, `q1`,
 * Japanese text) contain none of these and are stored unchanged, so pipelines
 * reach them directly. Decisions: docs/decisions/0071-mongodb-response-documents.md.
 *
 * `__proto__` needs no escaping: BSON keeps it as an own key both ways, and the
 * copies made here define every key as an own property, never through a setter.
 */

const NEEDS_ESCAPE = /[%.$\u0000]|^_bsontype$/;

/** The stored form of one object key. */
export function escapeFieldName(key: string): string {
  if (!NEEDS_ESCAPE.test(key)) return key;
  const escaped = key.replace(/[%.$\u0000]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return escaped === '_bsontype' ? '%5Fbsontype' : escaped;
}

/** The original key of a stored one; the inverse of escapeFieldName. */
export function unescapeFieldName(key: string): string {
  if (!key.includes('%')) return key;
  return key.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * A copy of a JSON value with every object key escaped. It reads back as its
 * JSON form would, like a record in the SQLite store: `-0` becomes `0` (BSON
 * would keep `-0`) and undefined values are dropped (BSON would store null).
 */
export function escapeFieldNames(value: unknown): unknown {
  return mapKeys(value, escapeFieldName);
}

/** A copy of a stored value with every object key restored. */
export function unescapeFieldNames(value: unknown): unknown {
  return mapKeys(value, unescapeFieldName);
}

function mapKeys(value: unknown, mapKey: (key: string) => string): unknown {
  // As JSON.stringify does (and so the SQLite store): undefined in an array is null, in an object absent.
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : mapKeys(item, mapKey)));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      // defineProperty, not assignment: a "__proto__" key must stay data.
      Object.defineProperty(copy, mapKey(key), { value: mapKeys(item, mapKey), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  if (Object.is(value, -0)) return 0;
  return value;
}
