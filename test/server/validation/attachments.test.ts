/**
 * Issue 22, item 2, in-process: what the server makes of attachment bytes (inspect-attachment-bytes.ts), and
 * which signaturepad and file definitions it refuses at load, with the reason. The same answers over HTTP on a
 * real SQLite file are in attachments-over-http.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../../analysis/definitions/load-definition.ts';
import { createResponseValidator } from '../../../server/validation/create-response-validator.ts';
import { inspectAttachment } from '../../../server/validation/inspect-attachment-bytes.ts';
import { dataUrl, makeJpeg, makePdf, makePng } from '../../fixtures/attachment-bytes.ts';
import { onlineSubmission } from '../../fixtures/online-submission.ts';

function validatorOf(elements: unknown[]) {
  return createResponseValidator(loadDefinition({ pages: [{ name: 'p', elements }] }, 'attachments.json'));
}

describe('attachment bytes are judged by content, to their end', () => {
  it('accepts a real PNG, JPEG and PDF, with their sizes', () => {
    expect(inspectAttachment(makePng(300, 200))).toEqual({ ok: true, type: 'image/png', width: 300, height: 200 });
    expect(inspectAttachment(makeJpeg(16, 8))).toEqual({ ok: true, type: 'image/jpeg', width: 16, height: 8 });
    expect(inspectAttachment(makePdf())).toEqual({ ok: true, type: 'application/pdf' });
  });

  it.each([
    ['a PNG with data after IEND', Buffer.concat([makePng(), Buffer.from('PK\x03\x04 a zip behind the image')]), /27 bytes of data after its end \(IEND\)/],
    ['a PNG cut short', makePng().subarray(0, 60), /runs past the end|cut short/],
    ['a PNG whose header was changed', (() => { const png = Buffer.from(makePng(300, 200)); png.writeUInt32BE(301, 16); return png; })(), /bad checksum/],
    ['a JPEG with data after EOI', Buffer.concat([makeJpeg(), Buffer.from('<script>alert(1)</script>')]), /25 bytes of data after its end \(EOI\)/],
    ['a JPEG without EOI', makeJpeg().subarray(0, -2), /no end \(EOI marker\)/],
    ['a PDF with JavaScript that runs on opening', makePdf({ catalogExtra: '/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ' }), /\/JavaScript \(JavaScript\)/],
    ['a PDF that launches a program', makePdf({ catalogExtra: '/OpenAction << /S /Launch /F (cmd.exe) >> ' }), /\/Launch/],
    ['a PDF with a name spelt in #-escapes', makePdf({ catalogExtra: '/OpenAction << /S /Java#53cript /J#53 (app.alert(1)) >> ' }), /\/JavaScript/],
    ['a PDF with JavaScript inside a compressed stream', makePdf({ compressed: '<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>' }), /\/JavaScript/],
    ['a PDF with data after %%EOF', Buffer.concat([makePdf(), Buffer.from('<html><script>alert(1)</script></html>')]), /bytes of data after its end \(%%EOF\)/],
    ['an SVG with a script', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), /not a PNG, JPEG or PDF file \(it starts with bytes 3c 73 76 67/],
  ])('refuses %s', (_, bytes, problem) => {
    const inspected = inspectAttachment(bytes);
    expect(inspected.ok).toBe(false);
    expect(!inspected.ok && inspected.problem).toMatch(problem);
  });
});

describe('signaturepad and file definitions', () => {
  it.each([
    [{ type: 'signaturepad', name: 'sign', dataFormat: 'svg' }, /question "sign": a signaturepad with dataFormat "svg" is not supported \(an SVG can carry script\)/],
    [{ type: 'signaturepad', name: 'sign', storeDataAsText: false }, /question "sign": storeDataAsText: false .* not supported/],
    [{ type: 'file', name: 'doc', storeDataAsText: false }, /question "doc": storeDataAsText: false \(uploading files to another service/],
    [{ type: 'file', name: 'doc', acceptedTypes: '.docx,.xlsx' }, /question "doc": acceptedTypes ".docx,.xlsx" allows none of the file types the server keeps \(PNG, JPEG, PDF\)/],
    [{ type: 'paneldynamic', name: 'pd', templateElements: [{ type: 'file', name: 'doc' }] }, /question "pd.doc": a file question inside a dynamic panel or a matrix is not supported yet/],
  ])('refuses %j at load with the reason', (element, reason) => {
    expect(() => validatorOf([element])).toThrow(reason);
  });

  it('keeps a signature to the format the pad draws and its size', () => {
    const validate = validatorOf([{ type: 'signaturepad', name: 'sign', signatureWidth: 300, signatureHeight: 100 }]);
    expect(validate(onlineSubmission({ sign: dataUrl('image/png', makePng(900, 300)) }))).toEqual([]);
    expect(validate(onlineSubmission({ sign: dataUrl('image/jpeg', makeJpeg()) }))).toEqual([
      { question: 'sign', message: 'the signature: the data URL\'s type "image/jpeg" is not image/png' },
    ]);
    expect(validate(onlineSubmission({ sign: dataUrl('image/png', makePng(1300, 100)) }))).toEqual([
      { question: 'sign', message: 'the signature: the image is 1300×100 pixels, larger than this signature pad draws (at most 1200×400)' },
    ]);
    const jpegPad = validatorOf([{ type: 'signaturepad', name: 'sign', dataFormat: 'jpeg' }]);
    expect(jpegPad(onlineSubmission({ sign: dataUrl('image/jpeg', makeJpeg()) }))).toEqual([]);
  });

  it('takes a file question\'s types from acceptedTypes, within PNG, JPEG and PDF', () => {
    const validate = validatorOf([{ type: 'file', name: 'doc', acceptedTypes: 'image/*' }]);
    expect(validate(onlineSubmission({ doc: [{ name: 'a.png', type: 'image/png', content: dataUrl('image/png', makePng()) }] }))).toEqual([]);
    expect(validate(onlineSubmission({ doc: [{ name: 'a.pdf', type: 'application/pdf', content: dataUrl('application/pdf', makePdf()) }] }))).toEqual([
      { question: 'doc', message: 'the file: type "application/pdf" is not allowed here (allowed: image/png, image/jpeg)' },
    ]);
    expect(validate(onlineSubmission({ doc: [{ name: 'a.svg', type: 'image/svg+xml', content: 'data:image/svg+xml;base64,PHN2Zz4=' }] }))).toEqual([
      { question: 'doc', message: 'the file: type "image/svg+xml" is not allowed here (allowed: image/png, image/jpeg)' },
    ]);
    // Without allowMultiple, one file.
    const two = [makePng(), makePng()].map((png, i) => ({ name: `${i}.png`, type: 'image/png', content: dataUrl('image/png', png) }));
    expect(validate(onlineSubmission({ doc: two }))).toEqual([{ question: 'doc', message: '2 files, at most 1 allowed' }]);
  });
});
