/**
 * Attachments in exports (issue 22, item 2; docs/decisions/0101-attachments-inside-the-record.md). A signature
 * or an attached file is never put in a CSV or XLSX cell: the cell holds the file's path, and the file itself
 * is written beside the export (`survey-toolkit export` writes a folder), named by response id and question:
 *
 *   <responseId>/<question>.png        a signaturepad's image
 *   <responseId>/<question>-<n>.<ext>  the n-th file of a file question (from 1)
 *
 * The extension follows the type the server checked by content when it accepted the response (png, jpg,
 * pdf), never the respondent's file name, and names keep only characters that are safe on every disk, so no
 * name from a response can leave the folder. Attachments are personal data (a signature is; a photo may show
 * a face or a car's plate): the files are written only when the export includes personal data, as free text is.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { isAttachmentType } from '../../core/definitions/attachment-types.ts';
import { listQuestions } from '../../core/definitions/list-questions.ts';
import { ATTACHMENT_EXTENSIONS, type AttachmentType } from '../validation/inspect-attachment-bytes.ts';

export interface AttachmentFile {
  /** Inside the attachments folder: `<responseId>/<question>[-<n>].<ext>`, with `/` between the two. */
  path: string;
  bytes: Buffer;
}

/** The question names that hold attachments in any kept version (validation accepts them at the top level only). */
export function attachmentQuestions(versions: readonly SurveyDefinition[]): ReadonlyMap<string, 'signaturepad' | 'file'> {
  const found = new Map<string, 'signaturepad' | 'file'>();
  for (const definition of versions) {
    for (const question of listQuestions(definition.json)) {
      if (isAttachmentType(question.type) && question.scope === undefined && !found.has(question.name)) found.set(question.name, question.type);
    }
  }
  return found;
}

/** Characters kept in a path part; others become "_" (a question name may hold any character). */
function safePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_.\-\u3040-\u30ff\u3400-\u9fff]/g, '_').replace(/^\.+/, '_').slice(0, 120) || '_';
}

const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+);base64,/i;

function extensionOf(url: string): string {
  const type = DATA_URL.exec(url)?.[1].toLowerCase();
  return ATTACHMENT_EXTENSIONS[type as AttachmentType] ?? 'bin';
}

/** The data URLs one answer holds, in order: a signature's one, or each file's content. */
function dataUrlsOf(type: 'signaturepad' | 'file', value: unknown): string[] {
  if (type === 'signaturepad') return typeof value === 'string' && DATA_URL.test(value) ? [value] : [];
  if (!Array.isArray(value)) return [];
  return value.map((file) => (file !== null && typeof file === 'object' ? (file as Record<string, unknown>).content : undefined)).filter((url): url is string => typeof url === 'string' && DATA_URL.test(url));
}

/** How many attachments one answer holds (a signature 1, files each 1), without decoding any: the dashboard's counts. */
export function attachmentCountOf(type: 'signaturepad' | 'file', value: unknown): number {
  return dataUrlsOf(type, value).length;
}

/** The paths of one answer's attachments (the export cell lists them); [] when it has none. */
export function attachmentPaths(recordId: string, question: string, type: 'signaturepad' | 'file', value: unknown): string[] {
  const urls = dataUrlsOf(type, value);
  const folder = safePart(recordId);
  if (type === 'signaturepad') return urls.map((url) => `${folder}/${safePart(question)}.${extensionOf(url)}`);
  return urls.map((url, index) => `${folder}/${safePart(question)}-${index + 1}.${extensionOf(url)}`);
}

/** Every attachment of one record, decoded. */
export function* attachmentFilesOf(record: ResponseRecord, questions: ReadonlyMap<string, 'signaturepad' | 'file'>): Generator<AttachmentFile> {
  for (const [name, type] of questions) {
    if (!Object.hasOwn(record.data, name)) continue;
    const value = record.data[name];
    const paths = attachmentPaths(record.id, name, type, value);
    const urls = dataUrlsOf(type, value);
    for (let index = 0; index < urls.length; index++) {
      const url = urls[index];
      yield { path: paths[index], bytes: Buffer.from(url.slice(url.indexOf(',') + 1), 'base64') };
    }
  }
}

/**
 * Records whose attachments are replaced by their paths (`["<id>/consent.png"]`), for a JSONL export without
 * personal data: the same answers as the CSV shows, and no image or file content. Records are copied.
 */
export async function* attachmentsAsPaths(records: AsyncIterable<ResponseRecord>, questions: ReadonlyMap<string, 'signaturepad' | 'file'>): AsyncGenerator<ResponseRecord> {
  for await (const record of records) {
    let data: Record<string, unknown> | undefined;
    for (const [name, type] of questions) {
      if (!Object.hasOwn(record.data, name)) continue;
      data ??= { ...record.data };
      data[name] = attachmentPaths(record.id, name, type, record.data[name]);
    }
    yield data === undefined ? record : { ...record, data };
  }
}

/** `answers.csv` → `answers.attachments`: the folder beside an export that holds its attachments. */
export function attachmentFolderPath(out: string): string {
  return join(dirname(out), `${basename(out, extname(out))}.attachments`);
}

/**
 * Writes every attachment of `records` under `folder` (attachmentFolderPath), replacing an older one whole:
 * written under a temporary name first, so the folder appears only when complete. Returns how many files.
 */
export async function writeAttachmentFolder(folder: string, records: AsyncIterable<ResponseRecord>, questions: ReadonlyMap<string, 'signaturepad' | 'file'>): Promise<number> {
  const partial = `${folder}.partial-${process.pid}`;
  let count = 0;
  try {
    await rm(partial, { recursive: true, force: true });
    await mkdir(partial, { recursive: true, mode: 0o700 });
    for await (const record of records) {
      for (const file of attachmentFilesOf(record, questions)) {
        const path = join(partial, ...file.path.split('/'));
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        // 0600: personal data, readable by whoever ran the export only.
        await writeFile(path, file.bytes, { mode: 0o600, flag: 'wx' });
        count++;
      }
    }
    await rm(folder, { recursive: true, force: true });
    await rename(partial, folder);
    return count;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}
