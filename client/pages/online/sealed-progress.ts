/**
 * Unfinished answers of an anonymous survey with `"resume": "invitation"`, kept
 * on the device sealed under the person's own invitation code
 * (docs/decisions/0094-no-answers-left-on-a-shared-device.md).
 *
 * PBKDF2 over the normalised code gives 512 bits: the first 128 name the
 * storage entry, the last 256 are an AES-GCM key for its content. Without the
 * code the next colleague on a shared PC can neither find the entry nor read
 * it; with their own code they derive another name and start empty.
 *
 * WebCrypto exists only in secure contexts (HTTPS, localhost): elsewhere there
 * is no sealed store and such a survey resumes nothing, as if it had no opt-in.
 */
import type { ProgressStore, SavedProgress } from './saved-progress.ts';
import { parseSavedProgress } from './saved-progress.ts';

/** Every sealed entry's key starts with this and the survey id. */
export const SEALED_PREFIX = 'survey-sealed:';
/** A sealed entry untouched this long is removed on the next open of its survey: a fieldwork is weeks, not months. */
export const SEALED_PROGRESS_MAX_AGE_MS = 30 * 24 * 3_600_000;
const PBKDF2_ITERATIONS = 210_000;

interface SealedEntry {
  savedAt: string;
  iv: string;
  sealed: string;
}

/** The code in the server's canonical form (server/enrollment/short-code.ts): case, spaces, hyphens and I/L/O do not matter. */
export function normaliseInvitationCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

export function sealedKeyPrefix(surveyId: string): string {
  return `${SEALED_PREFIX}${surveyId}:`;
}

/** The sealed store of this code's answers, or undefined where the browser offers no WebCrypto. */
export async function openSealedProgress(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
  surveyId: string,
  version: number,
  code: string,
  subtle: SubtleCrypto | null | undefined = globalThis.crypto?.subtle,
): Promise<ProgressStore | undefined> {
  if (!subtle) return undefined;
  const encoder = new TextEncoder();
  const material = await subtle.importKey('raw', encoder.encode(normaliseInvitationCode(code)), 'PBKDF2', false, ['deriveBits']);
  const salt = encoder.encode(`survey-toolkit resume ${surveyId} v${version}`);
  const bits = new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: PBKDF2_ITERATIONS }, material, 512));
  const key = await subtle.importKey('raw', bits.slice(32), 'AES-GCM', false, ['encrypt', 'decrypt']);
  const storageKey = `${sealedKeyPrefix(surveyId)}v${version}:${toHex(bits.slice(0, 16))}`;

  const initial = await unseal(subtle, key, readEntry(storage, storageKey));
  // Writes are chained so the last one wins, and a clear after completion comes after every save.
  let chain: Promise<void> = Promise.resolve();
  const then = (work: () => Promise<void> | void) => {
    chain = chain.then(work).catch(() => undefined);
  };
  return {
    initial,
    save(progress: SavedProgress) {
      then(async () => {
        const iv = crypto.getRandomValues(new Uint8Array(12));
        const sealed = await subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(JSON.stringify(progress)));
        const entry: SealedEntry = { savedAt: new Date().toISOString(), iv: toBase64(iv), sealed: toBase64(new Uint8Array(sealed)) };
        storage.setItem(storageKey, JSON.stringify(entry));
      });
    },
    clear() {
      then(() => storage.removeItem(storageKey));
    },
    settled: () => chain,
  };
}

/** When a sealed entry was last written (kept in the clear, so stale ones can be removed without the code). */
export function sealedEntrySavedAt(text: string | null): number | undefined {
  try {
    const entry = JSON.parse(text ?? 'null') as Partial<SealedEntry> | null;
    const at = typeof entry?.savedAt === 'string' ? Date.parse(entry.savedAt) : Number.NaN;
    return Number.isNaN(at) ? undefined : at;
  } catch {
    return undefined;
  }
}

function readEntry(storage: Pick<Storage, 'getItem'>, key: string): SealedEntry | undefined {
  try {
    const entry = JSON.parse(storage.getItem(key) ?? 'null') as Partial<SealedEntry> | null;
    if (entry && typeof entry.iv === 'string' && typeof entry.sealed === 'string' && typeof entry.savedAt === 'string') return entry as SealedEntry;
  } catch {
    // Not ours: nothing to resume.
  }
  return undefined;
}

async function unseal(subtle: SubtleCrypto, key: CryptoKey, entry: SealedEntry | undefined): Promise<SavedProgress | null> {
  if (!entry) return null;
  try {
    const plain = await subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(entry.iv) }, key, fromBase64(entry.sealed));
    return parseSavedProgress(new TextDecoder().decode(plain));
  } catch {
    return null;
  }
}

function toHex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
