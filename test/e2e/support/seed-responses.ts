/**
 * Fills a test server's SQLite file with the analysis library's synthetic
 * responses (analysis/synthesize/), keeping each record's receivedAt so that
 * the fieldwork spreads over weeks as it would in the field (a plain insert
 * would stamp them all "now"). Optionally turns every n-th response into an
 * online one, so that channel charts and filters have two channels to show.
 */
import type { SurveyDefinition } from '../../../core/definitions/survey-definition.ts';
import { synthesizeResponses } from '../../../analysis/synthesize/synthesize-responses.ts';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { openSqliteResponseStore } from '../../../server/store/sqlite-response-store.ts';

export interface SeedOptions {
  count: number;
  seed: number;
  startDate?: string;
  days?: number;
  /** Every `onlineEvery`-th response arrives online instead of at a kiosk (0: leave the channel as synthesized). */
  onlineEvery?: number;
}

export async function seedResponses(sqliteFile: string, definition: SurveyDefinition, options: SeedOptions): Promise<ResponseRecord[]> {
  const records = [...synthesizeResponses(definition, { count: options.count, seed: options.seed, startDate: options.startDate, days: options.days })].map(
    (record, index) => (options.onlineEvery && index % options.onlineEvery === 0 ? asOnline(record) : record),
  );
  const importer = await openSqliteResponseStore(sqliteFile);
  try {
    const results = await importer.importRecords(records);
    const duplicates = results.filter((result) => result.duplicate).length;
    if (duplicates > 0) throw new Error(`${duplicates} synthetic records of ${definition.id} were already stored (seed ${options.seed} used twice?)`);
  } finally {
    await importer.close();
  }
  return records;
}

/** The same answers sent from the online form: no kiosk id (the ward stays: the exit survey's link names it). */
function asOnline(record: ResponseRecord): ResponseRecord {
  const { kioskId: _kioskId, ...meta } = record.meta;
  return { ...record, channel: 'online', meta };
}
