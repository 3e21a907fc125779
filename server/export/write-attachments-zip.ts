/**
 * The attachments of an export as one zip, for the API (GET /api/surveys/:id/responses/attachments), with the
 * same paths as the export's cells and `survey-toolkit export`'s folder (attachment-files.ts). Entries are
 * stored, not compressed: PNG, JPEG and PDF are compressed already. Streamed one record at a time; each entry's
 * bytes are known before its header is written, so no data descriptors are needed.
 *
 * Every entry has the same time (1980-01-01, the zip epoch): a file's time would tell when a response came
 * in, which an export of a survey with invitation codes must not show to the second (write-export.ts).
 * A plain zip (no zip64): at most 65,535 files and 4 GiB, which the limits on attachments keep far off for
 * the surveys this serves; beyond, the download stops with an error rather than write a broken file.
 */
import { crc32 } from 'node:zlib';
import type { ResponseRecord } from '../../contracts/response-record.ts';
import { attachmentFilesOf } from './attachment-files.ts';

const MAX_ENTRIES = 0xffff;
const MAX_OFFSET = 0xffffffff;
const UTF8_NAMES = 0x0800;
const DOS_DATE_1980_01_01 = 0x0021;

export async function* attachmentsZipChunks(
  records: AsyncIterable<ResponseRecord>,
  questions: ReadonlyMap<string, 'signaturepad' | 'file'>,
): AsyncGenerator<Buffer> {
  const central: Buffer[] = [];
  let offset = 0;
  for await (const record of records) {
    for (const file of attachmentFilesOf(record, questions)) {
      if (central.length >= MAX_ENTRIES) throw new Error(`more than ${MAX_ENTRIES} attachments: too many for one zip; narrow the export with a period`);
      const name = Buffer.from(file.path, 'utf8');
      const crc = crc32(file.bytes);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4); // version needed: 2.0
      local.writeUInt16LE(UTF8_NAMES, 6);
      local.writeUInt16LE(0, 8); // stored
      local.writeUInt16LE(0, 10); // time 00:00
      local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(file.bytes.length, 18);
      local.writeUInt32LE(file.bytes.length, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(0, 28);
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(20, 4);
      entry.writeUInt16LE(20, 6);
      entry.writeUInt16LE(UTF8_NAMES, 8);
      entry.writeUInt16LE(0, 10);
      entry.writeUInt16LE(0, 12);
      entry.writeUInt16LE(DOS_DATE_1980_01_01, 14);
      entry.writeUInt32LE(crc, 16);
      entry.writeUInt32LE(file.bytes.length, 20);
      entry.writeUInt32LE(file.bytes.length, 24);
      entry.writeUInt16LE(name.length, 28);
      entry.writeUInt32LE(offset, 42);
      central.push(entry, name);
      const size = local.length + name.length + file.bytes.length;
      if (offset + size > MAX_OFFSET) throw new Error('the attachments are over 4 GiB: too large for one zip; narrow the export with a period');
      offset += size;
      yield Buffer.concat([local, name]);
      yield file.bytes;
    }
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield directory;
  yield end;
}
