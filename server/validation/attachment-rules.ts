/**
 * Consent signatures and attachments (issue 22, item 2): signaturepad and file questions, stored as SurveyJS
 * stores them by default, as data URLs inside the answer (docs/decisions/0101-attachments-inside-the-record.md).
 *
 * At load, what a question allows is read from the survey-core model and narrowed to what is safe to keep and
 * hand to analysts: PNG and JPEG signatures, PNG, JPEG and PDF files, within the limits below. A definition
 * asking for anything else (an SVG signature, uploads to another service, only unsafe file types) is refused
 * with the reason. For a response, each data URL is decoded and its bytes checked by content
 * (inspect-attachment-bytes.ts), never by the type the client declares alone.
 */
import { Model, type Question } from 'survey-core';
import type { SurveyDefinition } from '../../core/definitions/survey-definition.ts';
import { ATTACHMENT_TYPES, inspectAttachment, type AttachmentType } from './inspect-attachment-bytes.ts';
import { formatCount, quoteValue } from './quote-value.ts';

/** Largest signature image, decoded. A 300×200 pad drawn at 3× pixel density is some 10–40 KB as PNG. */
export const MAX_SIGNATURE_BYTES = 128 * 1024;
/** Largest attached file, decoded, whatever the question's maxSize says. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Most files one file question may hold, whatever its maxFiles says. */
export const MAX_FILES = 10;
/** Longest file name kept (the name is only shown; exports name files by response and question). */
const MAX_FILE_NAME = 255;
/**
 * A signature canvas is the pad's size times the device's pixel ratio (up to 4 on phones); with
 * signatureAutoScaleEnabled it follows the page's width. Either way no side beyond this.
 */
const MAX_SIGNATURE_SIDE = 4096;
const MAX_PIXEL_RATIO = 4;

/**
 * The most a submission's body may grow to for a survey's attachments, whatever they allow: JSON.parse and the
 * checks above then take some tens of milliseconds at most, and a stored line stays a few MB.
 */
export const MAX_ATTACHMENT_BODY_BYTES = 16 * 1024 * 1024;

export type AttachmentRule =
  | { kind: 'signature'; type: 'image/png' | 'image/jpeg'; maxBytes: number; maxWidth: number; maxHeight: number }
  | { kind: 'files'; types: readonly AttachmentType[]; maxBytes: number; maxFiles: number };

type AnyQuestion = Question & Record<string, any>;

/** The rule of a signaturepad or file question; `refuse` makes the load-time error naming the question. */
export function attachmentRule(q: AnyQuestion, refuse: (reason: string) => Error): AttachmentRule {
  if (q.storeDataAsText === false) {
    throw refuse('storeDataAsText: false (uploading files to another service through onUploadFiles) is not supported: the server would never see the files; leave storeDataAsText at its default, true');
  }
  // Exports write a top-level question's attachments as files; inside a panel or a row they would be one JSON cell.
  if (q.parentQuestion) throw refuse(`a ${q.getType()} question inside a dynamic panel or a matrix is not supported yet; put it at the top level of a page`);
  if (q.getType() === 'signaturepad') return signatureRule(q, refuse);
  return filesRule(q, refuse);
}

function signatureRule(q: AnyQuestion, refuse: (reason: string) => Error): AttachmentRule {
  const format = String(q.dataFormat ?? 'png');
  // An SVG is a document that can carry script; only raster formats are kept.
  if (format === 'svg') throw refuse('a signaturepad with dataFormat "svg" is not supported (an SVG can carry script); use "png" (the default) or "jpeg"');
  const side = (size: unknown, fallback: number) =>
    q.signatureAutoScaleEnabled ? MAX_SIGNATURE_SIDE : Math.min(MAX_SIGNATURE_SIDE, Math.ceil((Number(size) > 0 ? Number(size) : fallback) * MAX_PIXEL_RATIO));
  return {
    kind: 'signature',
    type: format === 'jpeg' ? 'image/jpeg' : 'image/png',
    maxBytes: MAX_SIGNATURE_BYTES,
    maxWidth: side(q.signatureWidth, 300),
    maxHeight: side(q.signatureHeight, 200),
  };
}

function filesRule(q: AnyQuestion, refuse: (reason: string) => Error): AttachmentRule {
  const accepted = String(q.renderedAcceptedTypes ?? '').trim();
  const types = accepted === '' ? [...ATTACHMENT_TYPES] : ATTACHMENT_TYPES.filter((type) => acceptedBy(accepted, type));
  if (types.length === 0) {
    throw refuse(`acceptedTypes ${quoteValue(accepted)} allows none of the file types the server keeps (PNG, JPEG, PDF)`);
  }
  const maxSize = Number(q.maxSize) > 0 ? Math.min(Number(q.maxSize), MAX_FILE_BYTES) : MAX_FILE_BYTES;
  const maxFiles = q.allowMultiple ? Math.min(Number(q.maxFiles) > 0 ? Number(q.maxFiles) : MAX_FILES, MAX_FILES) : 1;
  return { kind: 'files', types, maxBytes: maxSize, maxFiles };
}

const EXTENSIONS: Record<AttachmentType, readonly string[]> = {
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg', '.jpe', '.jfif'],
  'application/pdf': ['.pdf'],
};

/** Whether an HTML accept list ("image/*,.pdf", https://html.spec.whatwg.org/#attr-input-accept) admits the type. */
function acceptedBy(accept: string, type: AttachmentType): boolean {
  return accept.split(',').some((token) => {
    const t = token.trim().toLowerCase();
    return t === type || t === `${type.split('/')[0]}/*` || EXTENSIONS[type].includes(t);
  });
}

/** Problems of one answer (none when fine); each quotes the start of what was sent. */
export function checkAttachmentAnswer(rule: AttachmentRule, value: unknown): string[] {
  if (rule.kind === 'signature') {
    if (typeof value !== 'string') return [`expected a signature image as a data URL, got ${quoteValue(value)}`];
    return checkDataUrl(value, [rule.type], rule.maxBytes, { width: rule.maxWidth, height: rule.maxHeight }).map((problem) => `the signature: ${problem}`);
  }
  // survey-core keeps a file question's value as an array of {name, type, content} even for one file.
  if (!Array.isArray(value)) return [`expected an array of files ({name, type, content}), got ${quoteValue(value)}`];
  if (value.length > rule.maxFiles) return [`${formatCount(value.length)} files, at most ${rule.maxFiles} allowed`];
  const problems: string[] = [];
  value.forEach((file, index) => {
    const which = value.length === 1 ? 'the file' : `file ${index + 1}`;
    for (const problem of checkFile(rule, file)) problems.push(`${which}: ${problem}`);
  });
  return problems;
}

function checkFile(rule: Extract<AttachmentRule, { kind: 'files' }>, file: unknown): string[] {
  if (typeof file !== 'object' || file === null || Array.isArray(file)) return [`expected an object {name, type, content}, got ${quoteValue(file)}`];
  const { name, type, content, ...rest } = file as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) return [`${quoteValue(extra[0])} is not a property of a file (only name, type and content)`];
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_FILE_NAME) return [`expected a file name of 1 to ${MAX_FILE_NAME} characters, got ${quoteValue(name)}`];
  if (typeof type !== 'string') return [`expected the file's type as text, got ${quoteValue(type)}`];
  if (typeof content !== 'string') return [`expected the file's content as a data URL, got ${quoteValue(content)}`];
  if (!(rule.types as readonly string[]).includes(type)) return [`type ${quoteValue(type)} is not allowed here (allowed: ${rule.types.join(', ')})`];
  return checkDataUrl(content, [type as AttachmentType], rule.maxBytes);
}

const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+);base64,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A base64 data URL of one of `types`, at most `maxBytes` decoded, whose bytes are that type through to their
 * end (and within `maxSize` pixels for a signature). The size is judged from the text before decoding.
 */
function checkDataUrl(url: string, types: readonly AttachmentType[], maxBytes: number, maxSize?: { width: number; height: number }): string[] {
  const head = DATA_URL.exec(url);
  if (head === null) return [`expected a base64 data URL of ${types.join(' or ')}, got ${quoteValue(url)}`];
  const declared = head[1].toLowerCase();
  if (!(types as readonly string[]).includes(declared)) return [`the data URL's type ${quoteValue(declared)} is not ${types.join(' or ')}`];
  const base64 = url.slice(head[0].length);
  const decodedLength = (base64.length / 4) * 3 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
  if (decodedLength > maxBytes) return [`${formatCount(Math.floor(decodedLength))} bytes, over the limit of ${formatCount(maxBytes)}`];
  if (base64.length === 0) return ['the data URL is empty'];
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) return [`the data URL is not well-formed base64: ${quoteValue(url)}`];
  const bytes = Buffer.from(base64, 'base64');
  const inspected = inspectAttachment(bytes);
  if (!inspected.ok) return [inspected.problem];
  if (inspected.type !== declared) return [`the content is ${inspected.type}, not the ${declared} it is declared as`];
  if (maxSize && inspected.width !== undefined && inspected.height !== undefined && (inspected.width > maxSize.width || inspected.height > maxSize.height)) {
    return [`the image is ${inspected.width}×${inspected.height} pixels, larger than this signature pad draws (at most ${maxSize.width}×${maxSize.height})`];
  }
  return [];
}

const bodyAllowances = new WeakMap<SurveyDefinition, number>();

/**
 * How many bytes of request body a definition's attachments may take at most, as JSON: each question's largest
 * answer in base64 (4 bytes for 3) with its file names and quoting, summed, never more than
 * MAX_ATTACHMENT_BODY_BYTES; 0 without attachment questions. The route adds it to BODY_LIMIT for that survey,
 * so a survey that takes photos can receive them while every other survey keeps the small limit.
 */
export function attachmentBodyAllowance(definition: SurveyDefinition): number {
  let allowance = bodyAllowances.get(definition);
  if (allowance !== undefined) return allowance;
  allowance = 0;
  const model = new Model(definition.json);
  for (const question of model.getAllQuestions(false, false, false) as AnyQuestion[]) {
    const type = question.getType();
    if ((type !== 'signaturepad' && type !== 'file') || question.parentQuestion) continue;
    let rule: AttachmentRule;
    try {
      rule = attachmentRule(question, (reason) => new Error(reason));
    } catch {
      continue; // refused at load by the validator, with the reason
    }
    const files = rule.kind === 'files' ? rule.maxFiles : 1;
    const perFile = Math.ceil(rule.maxBytes / 3) * 4 + 2 * MAX_FILE_NAME + 200;
    allowance += files * perFile;
  }
  allowance = Math.min(allowance, MAX_ATTACHMENT_BODY_BYTES);
  bodyAllowances.set(definition, allowance);
  return allowance;
}
