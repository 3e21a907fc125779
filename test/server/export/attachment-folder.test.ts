/**
 * The attachments folder beside an export (issue 22, ADR 0101) is replaced whole on each export: a response no longer
 * selected (marked as test data since, or left out by the filters) leaves no file of its own behind.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../../contracts/response-record.ts';
import { writeAttachmentFolder } from '../../../server/export/attachment-files.ts';
import { dataUrl, makePng } from '../../fixtures/attachment-bytes.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'attachment-folder-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const record = (id: string) => ({ id, data: { consent: dataUrl('image/png', makePng(30, 20)) } }) as unknown as ResponseRecord;
async function* records(...ids: string[]): AsyncGenerator<ResponseRecord> {
  for (const id of ids) yield record(id);
}
const questions = new Map([['consent', 'signaturepad' as const]]);

describe('the attachments folder of an export', () => {
  it('holds only the files of the responses of the latest export, written 0600', async () => {
    const folder = join(dir, 'answers.attachments');
    expect(await writeAttachmentFolder(folder, records('r-1', 'r-2'), questions)).toBe(2);
    expect((await readdir(folder)).sort()).toEqual(['r-1', 'r-2']);
    // r-2 was marked as test data since: the next export leaves it out, and its signature goes.
    expect(await writeAttachmentFolder(folder, records('r-1'), questions)).toBe(1);
    expect(await readdir(folder)).toEqual(['r-1']);
    expect(await readdir(join(folder, 'r-1'))).toEqual(['consent.png']);
    expect((await stat(join(folder, 'r-1', 'consent.png'))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((name) => name.includes('partial'))).toEqual([]);
  });
});
