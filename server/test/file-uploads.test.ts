/**
 * Files beyond images (issue 18): PDF, text and logs, CSV and ZIP next to the images, on both upload
 * routes. Each attack is refused at its part (`files[i]`) with a sentence that names the file and
 * says what is allowed, and nothing is stored; accepted files are served back as downloads of the
 * type their bytes are.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { MAX_FILES, pdfNameProblem } from '../../src/domain/files.js';
import {
  cleanPdf, cleanZip, csvExport, htmlAsPdf, latin1Text, logWithNul, lyingZipBomb, pdfWithEmbeddedFile, scriptedPdf, traversalZip, utf8Log, zipBomb,
} from '../../test/fixtures/files.js';
import { json, NEG, POS, type ProblemBody, setup, smallPng, type TestBackend, ticketForm } from './helpers.js';

type Target = 'ticket' | 'reply';
interface Part { bytes: Uint8Array; name: string; type?: string }

function upload(b: TestBackend, target: Target, files: Part[], images: Part[] = [], lang = 'de') {
  const form = target === 'ticket' ? ticketForm({}, images) : new FormData();
  if (target === 'reply') {
    form.append('body', 'Hier die Dateien.');
    for (const img of images) form.append('images', new Blob([img.bytes], { type: 'image/png' }), img.name);
  }
  for (const f of files) form.append('files', new Blob([f.bytes], { type: f.type ?? 'application/octet-stream' }), f.name);
  const path = target === 'ticket' ? '/v1/tickets' : '/v1/tickets/tkt_demo_g/messages';
  return b.req(path, { token: POS, form, idempotent: true, headers: { 'Accept-Language': lang } });
}

async function stored(b: TestBackend) {
  const n = (t: string) => b.count(`SELECT COUNT(*) AS n FROM ${t}`);
  return { tickets: await n('tickets'), messages: await n('messages'), attachments: await n('attachments'), blobs: await n('attachment_blobs') };
}

type Att = { id: string; kind: string; fileName: string; contentType: string; size: number; width?: number };
async function attachmentsOf(r: Response): Promise<Att[]> {
  const body = await json<{ ticket?: { messages: Array<{ attachments: Att[] }> }; message?: { attachments: Att[] } }>(r);
  return body.ticket ? body.ticket.messages[0]!.attachments : body.message!.attachments;
}

const ATTACKS: Array<[string, string, () => Uint8Array | Promise<Uint8Array>, string]> = [
  ['PDF with JavaScript in a compressed object stream', 'rechnung.pdf', () => scriptedPdf('JavaScript'), 'file_pdf_javascript'],
  ['PDF with JavaScript, plain objects', 'rechnung.pdf', () => scriptedPdf('JavaScript', false), 'file_pdf_javascript'],
  ['PDF that launches a program', 'rechnung.pdf', () => scriptedPdf('Launch'), 'file_pdf_javascript'],
  ['PDF with an embedded file', 'rechnung.pdf', pdfWithEmbeddedFile, 'file_pdf_embedded_file'],
  ['PDF that does not parse', 'kaputt.pdf', () => new TextEncoder().encode('%PDF-1.7\nnothing else'), 'file_pdf_unreadable'],
  ['HTML renamed .pdf', 'rechnung.pdf', htmlAsPdf, 'file_type_mismatch'],
  ['PDF renamed .log', 'druck.log', cleanPdf, 'file_type_mismatch'],
  ['ZIP with ../ names', 'logs.zip', () => traversalZip(), 'file_zip_unsafe_path'],
  ['ZIP with an absolute name', 'logs.zip', () => traversalZip('/etc/cron.d/evil'), 'file_zip_unsafe_path'],
  ['ZIP with backslash names', 'logs.zip', () => traversalZip('..\\..\\evil.dll'), 'file_zip_unsafe_path'],
  ['ZIP bomb (64 MB of zeros in a few kB)', 'logs.zip', () => zipBomb(64), 'file_zip_bomb'],
  ['ZIP bomb that lies about its size', 'logs.zip', () => lyingZipBomb(16), 'file_zip_bomb'],
  ['not a ZIP at all', 'logs.zip', () => new TextEncoder().encode('PK\x03\x04 and then nothing'), 'file_zip_unreadable'],
  ['log with NUL bytes', 'druck.log', logWithNul, 'file_binary_text'],
  ['an image sent as a file', 'bild.png', () => smallPng(), 'file_not_allowed'],
  ['an unknown type', 'setup.exe', () => new TextEncoder().encode('MZ\n'), 'file_not_allowed'],
  ['an empty file', 'leer.txt', () => new Uint8Array(0), 'file_empty'],
  ['a text over 5 MB', 'gross.log', () => new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41), 'file_too_large'],
];

describe('files beyond images: attacks refused at the file, nothing stored', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  for (const target of ['ticket', 'reply'] as const) {
    it(`${target}: each bad file is 422 file_rejected at files[1], names the file and says what is allowed; nothing stored`, async () => {
      b = await setup();
      const before = await stored(b);
      for (const [what, name, make, code] of ATTACKS) {
        // A good file before the bad one: it must not be stored either.
        const r = await upload(b, target, [{ bytes: utf8Log(), name: 'gut.log' }, { bytes: await make(), name }]);
        assert.equal(r.status, 422, what);
        const p = await json<ProblemBody>(r);
        assert.equal(p.code, 'file_rejected', what);
        assert.deepEqual(p.errors?.map((e) => [e.field, e.code]), [['files[1]', code]], what);
        const message = p.errors![0]!.message;
        assert.ok(message.includes(`„${name}“`) || code === 'file_not_allowed' || code === 'file_too_large' || message.includes(name), `${what}: names the file: ${message}`);
        if (code !== 'file_empty') assert.match(message, /Erlaubt/, `${what}: says what is allowed: ${message}`);
        assert.deepEqual(await stored(b), before, `${what}: nothing stored`);
      }
    });
  }

  it('the script in an object stream is invisible to a byte scan: the parser finds it', async () => {
    const hidden = await scriptedPdf('JavaScript');
    assert.equal(pdfNameProblem(hidden), null, 'no /JavaScript in the written bytes');
    assert.equal(pdfNameProblem(await scriptedPdf('JavaScript', false)), 'pdf_javascript');
    assert.equal(pdfNameProblem(new TextEncoder().encode('%PDF-1.4 <</S/Java#53cript>>')), 'pdf_javascript', '#xx escapes');
  });

  it('the refusal is in English when asked for', async () => {
    b = await setup();
    const r = await upload(b, 'ticket', [{ bytes: await scriptedPdf(), name: 'invoice.pdf' }], [], 'en');
    const p = await json<ProblemBody>(r);
    assert.equal(p.title, 'A file was rejected.');
    assert.equal(p.errors![0]!.message, '“invoice.pdf” contains JavaScript or launches programs; such PDFs are not accepted. Allowed are PDFs without scripts – print the document to PDF again, for example.');
  });

  it(`a ${MAX_FILES + 1}th file is refused (too_many_files) next to three images, nothing stored`, async () => {
    b = await setup();
    const before = await stored(b);
    const images = Array.from({ length: 3 }, (_, i) => ({ bytes: smallPng(3 + i, 3), name: `${i}.png` }));
    const files = Array.from({ length: MAX_FILES + 1 }, (_, i) => ({ bytes: utf8Log(), name: `${i}.log` }));
    const r = await upload(b, 'ticket', files, images);
    assert.equal(r.status, 422);
    const p = await json<ProblemBody>(r);
    assert.equal(p.code, 'too_many_files');
    assert.deepEqual(p.errors?.map((e) => [e.field, e.code]), [['files', 'file_too_many']]);
    assert.deepEqual(await stored(b), before);
  });

  it('a 4th image is still refused as before (too_many_images), also with files beside it', async () => {
    b = await setup();
    const images = Array.from({ length: 4 }, (_, i) => ({ bytes: smallPng(3 + i, 3), name: `${i}.png` }));
    const r = await upload(b, 'reply', [{ bytes: await cleanPdf(), name: 'r.pdf' }], images);
    assert.equal(r.status, 422);
    assert.equal((await json<ProblemBody>(r)).code, 'too_many_images');
  });
});

describe('accepted files are stored and served as downloads of what they are', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('PDF, log (UTF-8), text (Latin-1), CSV and ZIP next to three images: types from the bytes, names fixed, attachment + nosniff', async () => {
    b = await setup();
    const images = Array.from({ length: 3 }, (_, i) => ({ bytes: smallPng(3 + i, 3), name: `${i}.png` }));
    const pdf = await cleanPdf();
    let r = await upload(b, 'ticket', [{ bytes: pdf, name: 'Rechnung RE-0815.pdf', type: 'text/html' }, { bytes: utf8Log(), name: 'druck.log' }, { bytes: cleanZip(), name: 'logs' }], images);
    assert.equal(r.status, 201, await r.clone().text());
    let atts = await attachmentsOf(r);
    assert.deepEqual(atts.map((a) => [a.kind, a.fileName, a.contentType]), [
      ['image', '0.png', 'image/png'], ['image', '1.png', 'image/png'], ['image', '2.png', 'image/png'],
      ['file', 'Rechnung RE-0815.pdf', 'application/pdf'],
      ['file', 'druck.log', 'text/plain; charset=utf-8'],
      ['file', 'logs.zip', 'application/zip'],
    ]);
    assert.equal(atts[3]!.size, pdf.length);
    assert.equal(atts[3]!.width, undefined, 'a file has no pixel size');

    r = await upload(b, 'reply', [{ bytes: latin1Text(), name: 'notiz.txt' }, { bytes: csvExport(), name: 'artikel.csv' }]);
    assert.equal(r.status, 201);
    atts = [...atts, ...(await attachmentsOf(r))];
    const expect: Record<string, string> = {
      'Rechnung RE-0815.pdf': 'application/pdf', 'druck.log': 'text/plain; charset=utf-8', 'logs.zip': 'application/zip',
      'notiz.txt': 'text/plain; charset=iso-8859-1', 'artikel.csv': 'text/csv; charset=utf-8',
    };
    for (const a of atts.filter((x) => x.kind === 'file')) {
      const served = await b.req(`/v1/attachments/${a.id}`, { token: POS });
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('content-type'), expect[a.fileName], a.fileName);
      assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(served.headers.get('content-disposition'), `attachment; filename*=UTF-8''${encodeURIComponent(a.fileName)}`);
      assert.match(served.headers.get('content-security-policy') ?? '', /sandbox/);
      assert.equal(Number(served.headers.get('content-length')), a.size);
    }
    const back = new Uint8Array(await (await b.req(`/v1/attachments/${atts[3]!.id}`, { token: POS })).arrayBuffer());
    assert.deepEqual(back, pdf, 'the PDF comes back byte for byte');
  });

  it("another customer's file is 404", async () => {
    b = await setup();
    const r = await upload(b, 'ticket', [{ bytes: utf8Log(), name: 'druck.log' }]);
    const [att] = await attachmentsOf(r);
    assert.equal((await b.req(`/v1/attachments/${att!.id}`, { token: NEG })).status, 404);
  });
});
