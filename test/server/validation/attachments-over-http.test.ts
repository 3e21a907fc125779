/**
 * Issue 22, item 2, over the real server on loopback with a real SQLite file: a consent signature and
 * attached photos or documents (test/fixtures/attachments/road-damage-report.json). Good ones are stored;
 * each malformed, oversized, wrongly typed and polyglot one gets a 422 that names the question and says
 * what is wrong, and nothing is stored. Then what was stored comes out: `survey-toolkit export` writes the
 * attachments as files beside the CSV (with personal data only), never in a cell, and a report of the survey
 * holds no attachment content.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../cli/run-cli.ts';
import { spawnServer, type SpawnedServer } from '../spawn-server.ts';
import { onlineSubmission } from '../../fixtures/online-submission.ts';
import { dataUrl, makeJpeg, makePdf, makePng } from '../../fixtures/attachment-bytes.ts';
import { openCsvInLibreOffice } from '../../support/open-csv-in-libreoffice.ts';

const SURVEY = 'road-damage-report';
const FIXTURE = join(ROOT, 'test', 'fixtures', 'attachments', `${SURVEY}.json`);

let dir: string;
let server: SpawnedServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'attachments-over-http-'));
  await mkdir(join(dir, 'defs'));
  await cp(FIXTURE, join(dir, 'defs', `${SURVEY}.json`));
  server = await spawnServer({ DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs'), ABUSE_LIMITS: 'off' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

const stored: Array<{ id: string; data: Record<string, unknown> }> = [];

async function post(data: Record<string, unknown>) {
  const response = await fetch(`${server.url}/api/surveys/${SURVEY}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(onlineSubmission(data)),
  });
  const body = (await response.json()) as any;
  if (response.status === 201) stored.push({ id: body.id, data });
  return { status: response.status, body };
}

const signature = dataUrl('image/png', makePng(600, 400));
const file = (name: string, type: string, bytes: Buffer, declared = type) => ({ name, type, content: dataUrl(declared, bytes) });

describe('consent signatures and attachments over HTTP', () => {
  it('stores a drawn signature with a PNG, a JPEG and a PDF attached', async () => {
    const photos = [file('pothole.png', 'image/png', makePng(640, 480)), file('crack.jpg', 'image/jpeg', makeJpeg(64, 48)), file('map.pdf', 'application/pdf', makePdf())];
    const accepted = await post({ ward: '北区', photo: photos, consent: signature });
    expect(accepted.status).toBe(201);
    expect((await post({ ward: '北区', consent: signature })).status).toBe(201);
  });

  it('takes a body over BODY_LIMIT for a survey whose files allow it, and refuses one over that with 413', async () => {
    // Three photos of ~140 KB: some 560 KB of JSON, over the default 256 KB that other surveys keep.
    const photo = makePng(370, 370, { noise: true });
    expect(photo.length).toBeGreaterThan(137_000);
    const three = [1, 2, 3].map((i) => file(`${i}.png`, 'image/png', photo));
    const accepted = await post({ ward: '東区', photo: three, consent: signature });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    // Eight of them do not fit what the survey allows (3 files of 150 000 bytes and a signature).
    const eight = Array.from({ length: 8 }, (_, i) => file(`${i}.png`, 'image/png', photo));
    expect((await post({ ward: '東区', photo: eight, consent: signature })).status).toBe(413);
  });

  const oversized = makePng(600, 400);
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['a signature that is no data URL', { consent: 'my signature' }, 'consent', /^the signature: expected a base64 data URL of image\/png, got "my signature"$/],
    ['an SVG signature', { consent: 'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+' }, 'consent', /the data URL's type "image\/svg\+xml" is not image\/png/],
    ['a signature in broken base64', { consent: 'data:image/png;base64,iVBORw0KGgo*AAA' }, 'consent', /not well-formed base64: "data:image\/png;base64,iVBORw0KGgo\*AAA"/],
    ['an oversized signature', { consent: `data:image/png;base64,${Buffer.alloc(140_000, 7).toString('base64')}` }, 'consent', /140,000 bytes, over the limit of 131,072/],
    ['a signature that is a JPEG declared as PNG', { consent: dataUrl('image/png', makeJpeg()) }, 'consent', /the content is image\/jpeg, not the image\/png it is declared as/],
    ['a signature PNG with data after IEND', { consent: dataUrl('image/png', Buffer.concat([oversized, Buffer.from('<?php system($_GET[1]); ?>')])) }, 'consent', /bytes of data after its end \(IEND\)/],
    ['a signature larger than any pad draws', { consent: dataUrl('image/png', makePng(1300, 100)) }, 'consent', /1300×100 pixels, larger than this signature pad draws/],
    ['a PDF with JavaScript', { photo: [file('a.pdf', 'application/pdf', makePdf({ catalogExtra: '/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ' }))] }, 'photo', /^the file: the PDF contains \/JavaScript \(JavaScript\), which can act when the file is opened$/],
    ['a PDF that launches a program', { photo: [file('a.pdf', 'application/pdf', makePdf({ catalogExtra: '/AA << /O << /S /Launch /F (calc.exe) >> >> ' }))] }, 'photo', /the PDF contains \/Launch/],
    ['a PDF with JavaScript in a compressed stream', { photo: [file('a.pdf', 'application/pdf', makePdf({ compressed: '<< /S /JavaScript /JS (app.alert(1)) >>' }))] }, 'photo', /the PDF contains \/JavaScript/],
    ['an SVG with a script', { photo: [file('a.svg', 'image/svg+xml', Buffer.from('<svg><script>alert(1)</script></svg>'))] }, 'photo', /type "image\/svg\+xml" is not allowed here \(allowed: image\/png, image\/jpeg, application\/pdf\)/],
    ['an SVG declared as a PNG', { photo: [file('a.png', 'image/png', Buffer.from('<svg><script>alert(1)</script></svg>'))] }, 'photo', /the content is not a PNG, JPEG or PDF file/],
    ['a PNG with data after IEND', { photo: [file('a.png', 'image/png', Buffer.concat([makePng(), Buffer.from('PK\x03\x04')]))] }, 'photo', /4 bytes of data after its end \(IEND\)/],
    ['a JPEG with data after EOI', { photo: [file('a.jpg', 'image/jpeg', Buffer.concat([makeJpeg(), Buffer.from('%PDF-1.7')]))] }, 'photo', /8 bytes of data after its end \(EOI\)/],
    ['a PNG declared as a JPEG', { photo: [file('a.jpg', 'image/jpeg', makePng())] }, 'photo', /the content is image\/png, not the image\/jpeg it is declared as/],
    ['a file whose object and data URL disagree', { photo: [file('a.png', 'image/png', makePng(), 'image/jpeg')] }, 'photo', /the data URL's type "image\/jpeg" is not image\/png/],
    ['a file over the question\'s maxSize', { photo: [file('big.pdf', 'application/pdf', Buffer.alloc(150_001, 0x25))] }, 'photo', /150,001 bytes, over the limit of 150,000/],
    ['a type outside acceptedTypes', { photo: [file('a.txt', 'text/plain', Buffer.from('hello'))] }, 'photo', /type "text\/plain" is not allowed here/],
    ['more files than maxFiles', { photo: [1, 2, 3, 4].map((i) => file(`${i}.png`, 'image/png', makePng(8, 8))) }, 'photo', /^4 files, at most 3 allowed$/],
    ['a file that is not an object', { photo: ['data:image/png;base64,AAAA'] }, 'photo', /file: expected an object \{name, type, content\}, got "data:image\/png;base64,AAAA"/],
    ['an empty file', { photo: [{ name: 'a.png', type: 'image/png', content: 'data:image/png;base64,' }] }, 'photo', /the data URL is empty/],
  ];

  it.each(cases)('refuses %s with a 422 naming the question', async (_, answers, question, message) => {
    const refused = await post({ ward: '中央区', consent: signature, ...answers });
    expect(refused.status).toBe(422);
    const details = refused.body.error.details as Array<{ question: string; message: string }>;
    expect(details).toHaveLength(1);
    expect(details[0].question).toBe(question);
    expect(details[0].message).toMatch(message);
  });
});

describe('attachments out of the store', () => {
  const env = () => ({ env: { DATA_DIR: join(dir, 'data'), DEFINITIONS_DIR: join(dir, 'defs') } });
  const withPhotos = () => stored.find((response) => Array.isArray(response.data.photo))!;

  it('export with personal data: the files beside the CSV, named by response and question; the cells hold their paths', async () => {
    const out = join(dir, 'answers.csv');
    const run = await runCli(['export', '--survey', SURVEY, '--format', 'csv', '--codes', '--include-personal-data', '--out', out], env());
    expect(run.code, run.stderr).toBe(0);
    const csv = await readFile(out, 'utf8');
    expect(csv).not.toContain('base64');
    const { id, data } = withPhotos();
    expect(csv).toContain(`${id}/photo-1.png; ${id}/photo-2.jpg; ${id}/photo-3.pdf`);
    expect(csv).toContain(`${id}/consent.png`);
    const folder = join(dir, 'answers.attachments');
    expect((await readdir(folder)).sort()).toEqual(stored.map((response) => response.id).sort());
    expect((await readdir(join(folder, id))).sort()).toEqual(['consent.png', 'photo-1.png', 'photo-2.jpg', 'photo-3.pdf']);
    const photos = data.photo as Array<{ content: string }>;
    expect(await readFile(join(folder, id, 'photo-3.pdf'))).toEqual(Buffer.from(photos[2].content.split(',')[1], 'base64'));
    expect(await readFile(join(folder, id, 'consent.png'))).toEqual(Buffer.from(signature.split(',')[1], 'base64'));
    const codebook = await readFile(join(dir, 'answers.codebook.csv'), 'utf8');
    expect(codebook).toMatch(/^photo,写真・資料,photo,file,,,".*「<出力ファイル名>.attachments」に「回答ID\/設問名\[-番号\].拡張子」/m);
    expect(codebook).toMatch(/^consent,同意の署名,consent,signaturepad,,,".*attachments/m);

    // As an analyst opens it: LibreOffice reads a row per response, the paths in their cells, no image data.
    const cells = await openCsvInLibreOffice(out, dir);
    const header = cells[0];
    const rows = cells.slice(1).filter((row) => row.length > 1);
    expect(rows).toHaveLength(stored.length);
    const photoColumn = header.findIndex((name) => name === 'photo');
    const row = rows.find((cellsOfRow) => cellsOfRow.includes(id))!;
    expect(row[photoColumn]).toBe(`${id}/photo-1.png; ${id}/photo-2.jpg; ${id}/photo-3.pdf`);
    expect(cells.flat().some((cell) => cell.includes('base64'))).toBe(false);
  });

  it('export without personal data: paths only, no files, no content even in JSONL', async () => {
    const out = join(dir, 'masked.jsonl');
    const run = await runCli(['export', '--survey', SURVEY, '--format', 'jsonl', '--out', out], env());
    expect(run.code, run.stderr).toBe(0);
    const jsonl = await readFile(out, 'utf8');
    expect(jsonl).not.toContain('base64');
    expect(jsonl).toContain(`"consent":["${withPhotos().id}/consent.png"]`);
    const csv = await runCli(['export', '--survey', SURVEY, '--format', 'xlsx', '--out', join(dir, 'masked.xlsx')], env());
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toMatch(/attachments not written: signatures and attached files are personal data/);
    expect(await readdir(dir)).not.toContain('masked.attachments');
  });

  it('a report of the survey holds no attachment content, and says why', async () => {
    const input = join(dir, 'full.jsonl');
    const exported = await runCli(['export', '--survey', SURVEY, '--format', 'jsonl', '--include-personal-data', '--out', input], env());
    expect(exported.code, exported.stderr).toBe(0);
    expect(await readFile(input, 'utf8')).toContain('base64');
    for (const format of ['json', 'html']) {
      const report = await runCli(['report', '--survey', SURVEY, '--input', input, '--definitions', join(dir, 'defs'), '--format', format, '--locale', 'en', '--min-group', '1'], env());
      expect(report.code, report.stderr).toBe(0);
      expect(report.stdout).not.toContain('base64');
      expect(report.stdout).not.toContain('iVBORw0KGgo'); // a PNG's first bytes in base64
      expect(report.stdout).toContain('never in a report');
    }
  });
});
