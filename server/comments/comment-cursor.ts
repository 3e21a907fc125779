/**
 * The comments list's paging cursor (issue 30): where the last comment of a page sits in the order newest first
 * (its response's receivedAt and id, and which comment question), sealed with AES-256-GCM under a key made when
 * the process starts. The client gets an opaque token: the time and the id inside stay on the server, since a
 * comment must not be tied to a moment or a record. A token from another process (after a restart), for another
 * search, or altered is refused, and the client starts again from the first page.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A comment's place: later receivedAt first, then the larger id, then the later comment question. */
export interface CommentPosition {
  receivedAt: string;
  id: string;
  question: number;
}

const KEY = randomBytes(32);
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Compares positions in the order the list is read: negative when `a` comes first (is newer). */
export function comparePositions(a: CommentPosition, b: CommentPosition): number {
  if (a.receivedAt !== b.receivedAt) return a.receivedAt > b.receivedAt ? -1 : 1;
  if (a.id !== b.id) return a.id > b.id ? -1 : 1;
  return b.question - a.question;
}

/** A short digest of what the list was asked for (filters and search), so a cursor serves that search only. */
export function searchFingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function sealCursor(position: CommentPosition, fingerprint: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', KEY, iv);
  const plain = Buffer.from(JSON.stringify([position.receivedAt, position.id, position.question, fingerprint]), 'utf8');
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

export type OpenedCursor = { position: CommentPosition } | { error: 'unreadable' | 'other-search' };

export function openCursor(token: string, fingerprint: string): OpenedCursor {
  if (!/^[A-Za-z0-9_-]{40,400}$/.test(token)) return { error: 'unreadable' };
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return { error: 'unreadable' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', KEY, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    const [receivedAt, id, question, sealedFor] = JSON.parse(plain) as [string, string, number, string];
    if (sealedFor !== fingerprint) return { error: 'other-search' };
    return { position: { receivedAt, id, question } };
  } catch {
    return { error: 'unreadable' };
  }
}
