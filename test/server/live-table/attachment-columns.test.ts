/**
 * The live table's attachment counts (issue 22) stay with their responses when the table is put in the store's list
 * order (responses imported out of order, then sortIntoListOrder), and grow with the table; a survey without
 * attachment questions keeps none.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { countAttachmentRows } from '../../../server/live-table/attachment-counts.ts';
import { appendStored, createLiveTable, sortIntoListOrder } from '../../../server/live-table/live-table.ts';
import { dataUrl, makePng } from '../../fixtures/attachment-bytes.ts';
import { readShipped } from '../../analysis/definitions/shipped-definition-files.ts';

const definition = loadDefinition({ id: 'road-damage-report', version: 1, locale: 'ja', ...JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'attachments', 'road-damage-report.json'), 'utf8')) }, 'road-damage-report');
const png = dataUrl('image/png', makePng(20, 10));
const utf8 = new TextEncoder();

function line(index: number, receivedAt: string, files: number) {
  const data: Record<string, unknown> = { ward: '北区', consent: png };
  if (files > 0) data.photo = Array.from({ length: files }, (_, k) => ({ name: `p${k}.png`, type: 'image/png', content: png }));
  const record = { id: `r${index}`, surveyId: 'road-damage-report', surveyVersion: 1, submissionId: `s${index}`, channel: 'online', meta: {}, startedAt: receivedAt, completedAt: receivedAt, receivedAt, data };
  return { surveyId: 'road-damage-report', id: record.id, receivedAt, bytes: utf8.encode(JSON.stringify(record)), test: false };
}

describe('the live table attachment columns', () => {
  it('follow their rows into list order, through growth', () => {
    const live = createLiveTable([definition]);
    const files = new Map<string, number>();
    // 3,000 rows (past the table's first capacity), received in reverse: the list order is the opposite of arrival.
    for (let k = 0; k < 3000; k++) {
      const count = k % 4;
      files.set(`r${k}`, count);
      appendStored(live, line(k, new Date(Date.UTC(2026, 0, 1) + (3000 - k) * 60_000).toISOString(), count));
    }
    sortIntoListOrder(live);
    const photo = live.attachments!.files[0];
    for (let row = 0; row < live.table.rowCount; row++) expect(photo[row], live.ids[row]).toBe(files.get(live.ids[row]));
    expect(live.ids[0]).toBe('r2999');
    const rows = Int32Array.from({ length: live.table.rowCount }, (_, row) => row);
    expect(countAttachmentRows(live.attachments!, rows, 5).questions).toEqual([
      { question: 'photo', type: 'file', respondents: 2250, files: 4500 },
      { question: 'consent', type: 'signaturepad', respondents: 3000, files: 3000 },
    ]);
  });

  it('are none for a survey without attachment questions', () => {
    expect(createLiveTable([loadDefinition(readShipped('ward-office-exit'), 'ward-office-exit')]).attachments).toBeNull();
  });
});
