import type { ResponseRecord } from '../../contracts/response-record.ts';

const CHUNK_CHARS = 64 * 1024;

/**
 * One ResponseRecord per line, exactly as stored: the input of
 * `survey-toolkit report --input` (contracts/response-record.ts). No BOM, no
 * neutralising: this is data for programs, not for spreadsheets.
 */
export async function* jsonlChunks(records: AsyncIterable<ResponseRecord>): AsyncGenerator<string> {
  let chunk = '';
  for await (const record of records) {
    chunk += JSON.stringify(record) + '\n';
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
