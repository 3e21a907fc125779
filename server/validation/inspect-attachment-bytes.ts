/**
 * What an attachment's bytes really are (issue 22, item 2). A data URL names a type, and the file object a
 * second one, but either is the client's word: the type is decided here from the content alone, and each
 * format is walked to its end so that nothing can hide behind it (a PNG whose IEND is followed by a ZIP or a
 * script, a JPEG with data after its EOI, a PDF that runs JavaScript when opened). Only PNG, JPEG and PDF are
 * recognised; SVG never is, since an SVG is a document that can carry script.
 *
 * Each function returns the facts a caller checks limits against, or a problem in words. The work is linear in
 * the bytes, and a PNG's pixels are inflated only up to the size its header promises (MAX_DECODED_BYTES at most).
 */
import { constants, crc32, inflateSync } from 'node:zlib';

export type AttachmentType = 'image/png' | 'image/jpeg' | 'application/pdf';
export const ATTACHMENT_TYPES: readonly AttachmentType[] = ['image/png', 'image/jpeg', 'application/pdf'];

/** File name extension an export writes for each type (never the name the respondent's file had). */
export const ATTACHMENT_EXTENSIONS: Record<AttachmentType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'application/pdf': 'pdf' };

export type Inspected =
  | { ok: true; type: AttachmentType; width?: number; height?: number }
  | { ok: false; problem: string };

/** A PNG's pixels are decoded to prove they are pixels; beyond this the image is refused rather than decoded. */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;
/** Inflated content of a PDF's compressed streams read in all, for the same reason. */
const MAX_PDF_INFLATED_BYTES = 32 * 1024 * 1024;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type the bytes start like (magic bytes), before any deeper check; undefined when none of ours. */
export function sniffType(bytes: Buffer): AttachmentType | undefined {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 5 && bytes.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return undefined;
}

/** Sniffs the type, then walks the whole file as that type. */
export function inspectAttachment(bytes: Buffer): Inspected {
  const type = sniffType(bytes);
  if (type === 'image/png') return inspectPng(bytes);
  if (type === 'image/jpeg') return inspectJpeg(bytes);
  if (type === 'application/pdf') return inspectPdf(bytes);
  return { ok: false, problem: `the content is not a PNG, JPEG or PDF file (it starts with bytes ${hexPrefix(bytes)})` };
}

function hexPrefix(bytes: Buffer): string {
  return bytes.length === 0 ? '(none)' : bytes.subarray(0, 8).toString('hex').replace(/(..)(?!$)/g, '$1 ');
}

function fail(problem: string): Inspected {
  return { ok: false, problem };
}

// --- PNG (https://www.w3.org/TR/png-3/) ---

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const BIT_DEPTHS: Record<number, readonly number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const ADAM7: ReadonlyArray<readonly [number, number, number, number]> = [
  [0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2],
];

export function inspectPng(bytes: Buffer): Inspected {
  let at = 8;
  let header: { width: number; height: number; bitsPerPixel: number; interlaced: boolean } | undefined;
  const idat: Buffer[] = [];
  let hasPalette = false;
  let colorType = -1;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) return fail(`the PNG is cut short inside a chunk header at byte ${at}`);
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return fail(`the PNG has a chunk with an invalid type ${JSON.stringify(type)} at byte ${at}`);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) return fail(`the PNG's ${type} chunk runs past the end of the file`);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) return fail(`the PNG's ${type} chunk has a bad checksum`);
    if (header === undefined && type !== 'IHDR') return fail(`the PNG starts with a ${type} chunk, not IHDR`);
    if (type === 'IHDR') {
      if (header !== undefined) return fail('the PNG has two IHDR chunks');
      if (length !== 13) return fail('the PNG has an IHDR chunk of the wrong length');
      const width = data.readUInt32BE(0);
      const height = data.readUInt32BE(4);
      const bitDepth = data[8];
      colorType = data[9];
      if (width === 0 || height === 0) return fail(`the PNG is ${width}×${height} pixels`);
      if (!(BIT_DEPTHS[colorType] ?? []).includes(bitDepth)) return fail(`the PNG has an invalid colour type ${colorType} with bit depth ${bitDepth}`);
      if (data[10] !== 0 || data[11] !== 0 || data[12] > 1) return fail('the PNG has an unknown compression, filter or interlace method');
      header = { width, height, bitsPerPixel: CHANNELS[colorType] * bitDepth, interlaced: data[12] === 1 };
    } else if (type === 'PLTE') {
      hasPalette = true;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      // The end: whatever follows is another file hiding behind the image (a polyglot).
      if (end !== bytes.length) return fail(`the PNG has ${bytes.length - end} bytes of data after its end (IEND)`);
      if (!header) return fail('the PNG has no IHDR chunk');
      if (colorType === 3 && !hasPalette) return fail('the PNG has a palette colour type but no palette');
      if (idat.length === 0) return fail('the PNG has no image data (IDAT)');
      return checkPngPixels(header, Buffer.concat(idat));
    }
    at = end;
  }
  return fail('the PNG has no end (IEND chunk)');
}

/** The image data must inflate to exactly the bytes the header's size and format need. */
function checkPngPixels(header: { width: number; height: number; bitsPerPixel: number; interlaced: boolean }, compressed: Buffer): Inspected {
  const { width, height, bitsPerPixel, interlaced } = header;
  const rowsBytes = (w: number, h: number) => (w === 0 || h === 0 ? 0 : h * (1 + Math.ceil((w * bitsPerPixel) / 8)));
  const expected = interlaced
    ? ADAM7.reduce((sum, [x0, y0, dx, dy]) => sum + rowsBytes(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)), 0)
    : rowsBytes(width, height);
  if (expected > MAX_DECODED_BYTES) return fail(`the PNG is ${width}×${height} pixels, too large to check`);
  let pixels: Buffer;
  try {
    pixels = inflateSync(compressed, { maxOutputLength: expected + 1 });
  } catch {
    return fail(`the PNG's image data does not decode to ${width}×${height} pixels`);
  }
  if (pixels.length !== expected) return fail(`the PNG's image data does not decode to ${width}×${height} pixels`);
  return { ok: true, type: 'image/png', width, height };
}

// --- JPEG (ITU T.81, JFIF) ---

/** Start-of-frame markers (they carry the size); C4, C8 and CC are other segments. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

export function inspectJpeg(bytes: Buffer): Inspected {
  let at = 2; // after SOI
  let size: { width: number; height: number } | undefined;
  let scans = 0;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return fail(`the JPEG has stray data at byte ${at} where a marker should be`);
    while (at < bytes.length && bytes[at] === 0xff) at++; // fill bytes
    if (at >= bytes.length) break;
    const marker = bytes[at++];
    if (marker === 0xd9) {
      // EOI: whatever follows is another file hiding behind the image (a polyglot).
      if (at !== bytes.length) return fail(`the JPEG has ${bytes.length - at} bytes of data after its end (EOI)`);
      if (!size) return fail('the JPEG has no frame header (SOF)');
      if (scans === 0) return fail('the JPEG has no image data (SOS)');
      return { ok: true, type: 'image/jpeg', ...size };
    }
    if (marker === 0xd8 || marker === 0x00) return fail(`the JPEG has an unexpected marker FF${marker.toString(16).toUpperCase().padStart(2, '0')} at byte ${at - 1}`);
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // no length
    if (at + 2 > bytes.length) break;
    const length = bytes.readUInt16BE(at);
    if (length < 2 || at + length > bytes.length) return fail('the JPEG has a segment that runs past the end of the file');
    if (isStartOfFrame(marker)) {
      if (length < 8) return fail('the JPEG has a frame header of the wrong length');
      const height = bytes.readUInt16BE(at + 3);
      const width = bytes.readUInt16BE(at + 5);
      if (width === 0 || height === 0) return fail(`the JPEG is ${width}×${height} pixels`);
      size = { width, height };
    }
    at += length;
    if (marker === 0xda) {
      if (!size) return fail('the JPEG has image data (SOS) before its frame header (SOF)');
      scans++;
      // Entropy-coded data runs to the next marker that is neither a stuffed FF00 nor a restart marker.
      while (at < bytes.length) {
        if (bytes[at] === 0xff && at + 1 < bytes.length) {
          const next = bytes[at + 1];
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        at++;
      }
    }
  }
  return fail('the JPEG has no end (EOI marker)');
}

// --- PDF (ISO 32000) ---

/**
 * Names that make a PDF act rather than show: run JavaScript (/JS, /JavaScript; an /OpenAction or /AA that
 * runs script needs one of those), start a program (/Launch), carry other files (/EmbeddedFile(s)), play
 * embedded content (/RichMedia), or hold an XFA form (which has its own scripts), send or import form data
 * (/SubmitForm, /ImportData), or open an embedded file (/GoToE). /Encrypt is refused too: its content could
 * not be read to check it.
 */
const ACTIVE_PDF_NAMES: ReadonlySet<string> = new Set([
  'JS', 'JavaScript', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA', 'SubmitForm', 'ImportData', 'GoToE', 'Encrypt',
]);
/** Stream filters whose output is not read here, so a stream using one could hide any of the names above. */
const OPAQUE_PDF_FILTERS: ReadonlySet<string> = new Set(['LZWDecode', 'ASCIIHexDecode', 'ASCII85Decode', 'RunLengthDecode', 'Crypt', 'AHx', 'A85', 'LZW', 'RL']);

export function inspectPdf(bytes: Buffer): Inspected {
  // latin1 keeps one character per byte, so offsets in the text are offsets in the file.
  const text = bytes.toString('latin1');
  if (!/^%PDF-[12]\.\d/.test(text)) return fail(`the PDF has no valid header (it starts with ${JSON.stringify(text.slice(0, 8))})`);
  const eof = text.lastIndexOf('%%EOF');
  if (eof < 0) return fail('the PDF has no end (%%EOF)');
  const after = text.slice(eof + 5);
  if (!/^[\r\n\t \0]*$/.test(after)) return fail(`the PDF has ${after.length} bytes of data after its end (%%EOF)`);

  // The file's own syntax outside streams, and the inflated content of each compressed stream, are read for names.
  const outside: string[] = [];
  let inflatedBudget = MAX_PDF_INFLATED_BYTES;
  let from = 0;
  const streamStart = /stream\r?\n/g;
  for (let match = streamStart.exec(text); match !== null; match = streamStart.exec(text)) {
    if (text.slice(match.index - 3, match.index) === 'end') continue; // "endstream\n"
    const begin = match.index + match[0].length;
    const finish = text.indexOf('endstream', begin);
    if (finish < 0) return fail('the PDF has a stream without endstream');
    const objectStart = text.lastIndexOf(' obj', match.index);
    const dictionary = text.slice(Math.max(from, objectStart < 0 ? from : objectStart), match.index);
    outside.push(text.slice(from, match.index));
    const names = pdfNames(dictionary);
    const opaque = names.find((name) => OPAQUE_PDF_FILTERS.has(name));
    if (opaque !== undefined) return fail(`the PDF has a stream encoded with /${opaque}, whose content cannot be checked`);
    const flateLayers = names.filter((name) => name === 'FlateDecode' || name === 'Fl').length;
    if (flateLayers > 0) {
      if (names.includes('ObjStm') && names.includes('DecodeParms')) return fail('the PDF has an object stream with a predictor, whose content cannot be checked');
      let content: Buffer = bytes.subarray(begin, finish);
      for (let layer = 0; layer < flateLayers; layer++) {
        try {
          content = inflateSync(content, { maxOutputLength: inflatedBudget + 1, finishFlush: constants.Z_SYNC_FLUSH /* a missing zlib trailer is tolerated, as readers do */ });
        } catch {
          return fail(`the PDF has a compressed stream at byte ${begin} that does not decode`);
        }
        inflatedBudget -= content.length;
        if (inflatedBudget < 0) return fail('the PDF has more compressed content than can be checked');
      }
      const active = pdfNames(content.toString('latin1')).find((name) => ACTIVE_PDF_NAMES.has(name));
      if (active !== undefined) return fail(activeMessage(active));
    }
    from = finish + 'endstream'.length;
    streamStart.lastIndex = from;
  }
  outside.push(text.slice(from));
  for (const part of outside) {
    const active = pdfNames(part).find((name) => ACTIVE_PDF_NAMES.has(name));
    if (active !== undefined) return fail(activeMessage(active));
  }
  return { ok: true, type: 'application/pdf' };
}

function activeMessage(name: string): string {
  if (name === 'Encrypt') return 'the PDF is encrypted, so its content cannot be checked';
  return `the PDF contains /${name}${name === 'JS' || name === 'JavaScript' ? ' (JavaScript)' : ''}, which can act when the file is opened`;
}

/** Every name token (/Name) in PDF syntax, with #xx escapes decoded (so /Java#53cript is /JavaScript). */
function pdfNames(text: string): string[] {
  const names: string[] = [];
  const pattern = /\/([^\s/[\]<>(){}%\0]*)/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const raw = match[1];
    names.push(raw.includes('#') ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : raw);
  }
  return names;
}
