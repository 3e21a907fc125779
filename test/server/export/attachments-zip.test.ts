/**
 * GET /api/surveys/:id/responses/attachments (issue 22, item 2; ADR 0101), on loopback with a real SQLite file:
 * an admin downloads the survey's signatures and attached files as one zip whose paths are the export's cells,
 * recorded in the audit log first; an analyst is refused; a survey without attachment questions has none.
 */
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataUrl, makeJpeg, makePdf, makePng } from '../../fixtures/attachment-bytes.ts';
import { onlineSubmission } from '../../fixtures/online-submission.ts';
import { bearer, startSecureApp, type SecureApp } from '../auth/start-secure-app.ts';

const SURVEY = 'road-damage-report';
let defs: string;
let app: SecureApp;

beforeAll(async () => {
  defs = await mkdtemp(join(tmpdir(), 'attachments-zip-'));
  await mkdir(join(defs, SURVEY));
  await cp(join(import.meta.dirname, '..', '..', 'fixtures', 'attachments', `${SURVEY}.json`), join(defs, SURVEY, 'v1.json'));
  await cp(join(import.meta.dirname, '..', '..', 'fixtures', 'definitions', 'all-question-types.json'), join(defs, 'all-question-types.json'));
  app = await startSecureApp({ definitionsDir: defs });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await rm(defs, { recursive: true, force: true });
});

/** The entries of a zip, read from its central directory, each checked against its CRC. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const bytes = zip.subarray(start, start + size);
    expect(crc32(bytes)).toBe(zip.readUInt32LE(at + 16));
    entries.set(name, bytes);
    at += 46 + nameLength;
  }
  return entries;
}

describe('the attachments zip', () => {
  it('gives an admin every attachment at the path the export cell names, on record in the audit log', async () => {
    const signature = makePng(300, 200);
    const photo = makeJpeg(64, 48);
    const pdf = makePdf();
    const post = async (data: Record<string, unknown>) => {
      const response = await fetch(`${app.url}/api/surveys/${SURVEY}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(onlineSubmission(data)),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const first = await post({
      ward: '北区',
      consent: dataUrl('image/png', signature),
      photo: [{ name: '../../etc/passwd.jpg', type: 'image/jpeg', content: dataUrl('image/jpeg', photo) }, { name: 'map.pdf', type: 'application/pdf', content: dataUrl('application/pdf', pdf) }],
    });
    const second = await post({ ward: '東区', consent: dataUrl('image/png', signature) });

    const response = await fetch(`${app.url}/api/surveys/${SURVEY}/responses/attachments`, { headers: bearer(app.tokens.admin) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${SURVEY}-attachments.zip"`);
    const entries = unzip(Buffer.from(await response.arrayBuffer()));
    // The respondent's file name is never a path: response id and question only.
    expect([...entries.keys()].sort()).toEqual([`${first}/consent.png`, `${first}/photo-1.jpg`, `${first}/photo-2.pdf`, `${second}/consent.png`].sort());
    expect(entries.get(`${first}/photo-1.jpg`)).toEqual(photo);
    expect(entries.get(`${first}/photo-2.pdf`)).toEqual(pdf);
    expect(entries.get(`${second}/consent.png`)).toEqual(signature);

    const csv = await (await fetch(`${app.url}/api/surveys/${SURVEY}/responses?format=csv&codes`, { headers: bearer(app.tokens.analyst) })).text();
    expect(csv).toContain(`${first}/photo-1.jpg; ${first}/photo-2.pdf`);
    expect(csv).not.toContain('base64');

    const audit = (await readFile(join(app.dir, 'audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(audit).toContainEqual(expect.objectContaining({ action: 'export-personal-data', surveyId: SURVEY, format: 'attachments' }));
  });

  it('filters like the export', async () => {
    const response = await fetch(`${app.url}/api/surveys/${SURVEY}/responses/attachments?ward=zz`, { headers: bearer(app.tokens.admin) });
    expect(response.status).toBe(400);
  });

  it('refuses an analyst, and a survey without attachment questions', async () => {
    expect((await fetch(`${app.url}/api/surveys/${SURVEY}/responses/attachments`, { headers: bearer(app.tokens.analyst) })).status).toBe(403);
    const none = await fetch(`${app.url}/api/surveys/all-question-types/responses/attachments`, { headers: bearer(app.tokens.admin) });
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('no_attachments');
  });
});
