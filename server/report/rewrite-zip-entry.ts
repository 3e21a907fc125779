/**
 * Rewrites text entries of a zip file (an xlsx) and keeps the others byte for byte.
 *
 * The workbook needs this for one thing ExcelJS cannot write: an internal hyperlink. ExcelJS gives
 * every link a relationship as well as the `location`, and LibreOffice then joins the two into a
 * link to a file beside the workbook, which opens nothing. Only the zip's central directory is
 * trusted (sizes and offsets); local headers are written afresh, without data descriptors.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DEFLATE = 8;
/** Bit 3: sizes and CRC follow the data; ours are in the header. */
const DATA_DESCRIPTOR = 0x0008;

export function rewriteZipEntries(zip: Buffer, edits: Record<string, (text: string) => string>): Buffer {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || zip.readUInt32LE(end) !== END) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (let k = 0; k < count; k++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error('not a zip file: bad central directory');
    const method = zip.readUInt16LE(at + 10);
    let crc = zip.readUInt32LE(at + 16);
    let compressedSize = zip.readUInt32LE(at + 20);
    let size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    let data = zip.subarray(dataAt, dataAt + compressedSize);
    let entryMethod = method;
    const edit = Object.hasOwn(edits, entryName) ? edits[entryName] : undefined;
    if (edit) {
      const text = Buffer.from(edit((method === DEFLATE ? inflateRawSync(data) : data).toString('utf8')), 'utf8');
      data = deflateRawSync(text);
      entryMethod = DEFLATE;
      crc = crc32(text);
      compressedSize = data.length;
      size = text.length;
    }
    const central = Buffer.from(zip.subarray(at, at + 46 + nameLength + extraLength + commentLength));
    central.writeUInt16LE(central.readUInt16LE(8) & ~DATA_DESCRIPTOR, 8);
    central.writeUInt16LE(entryMethod, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressedSize, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt32LE(offset, 42);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    central.copy(local, 4, 6, 16); // version needed, flags, method, time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressedSize, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameLength, 26);
    local.writeUInt16LE(0, 28);
    const entry = Buffer.concat([local, central.subarray(46, 46 + nameLength), data]);
    locals.push(entry);
    centrals.push(central);
    offset += entry.length;
    at += 46 + nameLength + extraLength + commentLength;
  }
  const directory = Buffer.concat(centrals);
  const tail = Buffer.from(zip.subarray(end, end + 22));
  tail.writeUInt32LE(directory.length, 12);
  tail.writeUInt32LE(offset, 16);
  tail.writeUInt16LE(0, 20);
  return Buffer.concat([...locals, directory, tail]);
}
