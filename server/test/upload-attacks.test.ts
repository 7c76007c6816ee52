/**
 * Upload attacks against both upload routes (new ticket, reply): every refused file leaves no row
 * and no blob behind; accepted files are served as what their bytes are, never as what the client
 * claimed, with names that cannot break a header or a page; location metadata is not stored.
 * (tickets.test.ts checks the problem codes for ticket creation; this file checks what is stored.)
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { MAX_IMAGE_BYTES } from '../../src/domain/images.js';
import { containsBytes, EXIF_MAGIC, exifApp1, exifTiff, latitudeBytes } from '../../test/reliability/exif.js';
import { pngChunk } from '../png.js';
import { MULTIPART_LIMIT } from '../uploads.js';
import { bombPng, json, POS, type ProblemBody, setup, smallPng, type TestBackend, ticketForm } from './helpers.js';

type Target = 'ticket' | 'reply';
const TARGETS: Target[] = ['ticket', 'reply'];

/** Row counts of everything an upload could leave behind. */
async function stored(b: TestBackend) {
  const n = (t: string) => b.count(`SELECT COUNT(*) AS n FROM ${t}`);
  return { tickets: await n('tickets'), messages: await n('messages'), attachments: await n('attachments'), blobs: await n('attachment_blobs'), outbox: await n('outbox'), keys: await n('idempotency_keys') };
}

function upload(b: TestBackend, target: Target, images: Array<{ bytes: Uint8Array; name: string; type?: string }>) {
  if (target === 'ticket') return b.req('/v1/tickets', { token: POS, form: ticketForm({}, images), idempotent: true });
  const form = new FormData();
  form.append('body', 'Hier der Screenshot.');
  for (const img of images) form.append('images', new Blob([img.bytes], { type: img.type ?? 'image/png' }), img.name);
  return b.req('/v1/tickets/tkt_demo_g/messages', { token: POS, form, idempotent: true });
}

/** Attachments of the thing just created, as the API lists them. */
async function attachmentsOf(r: Response): Promise<Array<{ id: string; fileName: string; contentType: string; size: number }>> {
  const body = await json<{ ticket?: { messages: Array<{ attachments: [] }> }; message?: { attachments: [] } }>(r);
  return body.ticket ? body.ticket.messages[0]!.attachments : body.message!.attachments;
}

// --- Files that claim to be images ---------------------------------------------------------------

const u16le = (n: number) => [n & 0xff, n >> 8];
const u24le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff];

/** A GIF header claiming 65535 × 65535 pixels. */
const gifBomb = () => new Uint8Array([...'GIF89a'].map((c) => c.charCodeAt(0)).concat(u16le(65535), u16le(65535), [0, 0, 0], Array(20).fill(0)));

function riff(chunks: Array<[string, number[] | Uint8Array]>): Uint8Array {
  const body: number[] = [...'WEBP'].map((c) => c.charCodeAt(0));
  for (const [type, data] of chunks) {
    body.push(...[...type].map((c) => c.charCodeAt(0)), ...u24le(data.length), 0, ...data);
    if (data.length & 1) body.push(0);
  }
  return new Uint8Array([...'RIFF'].map((c) => c.charCodeAt(0)).concat([...u24le(body.length), 0], body));
}
/** An extended WebP header (VP8X) claiming 16384 × 16384 pixels. */
const webpBomb = () => riff([['VP8X', [0, 0, 0, 0, ...u24le(16383), ...u24le(16383)]], ['VP8L', [0x2f, 0, 0, 0, 0]]]);

/** A baseline JPEG header (SOF0) with the given size, then a token scan: enough for a sniffer. */
function jpeg(width: number, height: number, extra: Uint8Array = new Uint8Array(0)): Uint8Array {
  const sof = [0xff, 0xc0, 0, 11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0];
  const sos = [0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0x12, 0x34, 0x56, 0xff, 0xd9];
  return new Uint8Array([0xff, 0xd8, ...extra, ...sof, ...sos]);
}

/** A 1×1 GIF (two-colour table, one frame); `blocks` go between the screen and the frame. */
function gif(blocks: number[][] = [], frame: { width: number; height: number } = { width: 1, height: 1 }): Uint8Array {
  const screen = [...'GIF89a'].map((c) => c.charCodeAt(0)).concat(u16le(1), u16le(1), [0x80, 0, 0], [0, 0, 0, 255, 255, 255]);
  const image = [0x2c, 0, 0, 0, 0, ...u16le(frame.width), ...u16le(frame.height), 0, 2, 2, 0x44, 0x01, 0];
  return new Uint8Array([...screen, ...blocks.flat(), ...image, 0x3b]);
}
/** A GIF extension block: introducer, label, data as sub-blocks, terminator. */
const gifExtension = (label: number, ...subBlocks: string[]) =>
  [0x21, label, ...subBlocks.flatMap((s) => [s.length, ...[...s].map((c) => c.charCodeAt(0))]), 0];
/** A 1×1 screen holding a 65535 × 65535 frame: the header alone looks harmless. */
const gifFrameBomb = () => gif([], { width: 65535, height: 65535 });

/** A valid PNG with extra chunks inserted right after IHDR. */
function pngWith(...chunks: Buffer[]): Buffer {
  const png = smallPng(5, 4);
  const afterIhdr = 8 + 25;
  return Buffer.concat([png.subarray(0, afterIhdr), ...chunks, png.subarray(afterIhdr)]);
}

const ATTACKS: Array<[string, () => Uint8Array, string]> = [
  ['logo.svg', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'), 'not_an_image'],
  ['seite.html', () => Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'), 'not_an_image'],
  ['bild.png', () => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00'), Buffer.alloc(300), Buffer.from('This program cannot be run in DOS mode')]), 'not_an_image'],
  ['foto.jpg', () => Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n'), 'not_an_image'],
  ['leer.png', () => new Uint8Array(0), 'empty'],
  ['kopf.png', () => smallPng().subarray(0, 16), 'not_an_image'],
  ['bombe.png', () => bombPng(60_000, 60_000), 'too_many_pixels'],
  ['bombe.gif', gifBomb, 'too_many_pixels'],
  ['bombe.webp', webpBomb, 'too_many_pixels'],
  ['bombe.jpg', () => jpeg(60_000, 60_000), 'too_many_pixels'],
  ['breit.png', () => bombPng(20_000, 2), 'too_many_pixels'],
  ['gross.png', () => Buffer.concat([smallPng(), Buffer.alloc(MAX_IMAGE_BYTES)]), 'too_large'],
  ['rahmen.gif', gifFrameBomb, 'too_many_pixels'],
  // Files whose structure does not parse to the end are refused, never stored as sent: metadata
  // (or anything else) could hide where the walk stops.
  ['ohne-scan.jpg', () => jpeg(64, 48, exifApp1()).subarray(0, 2 + exifApp1().length + 13), 'not_an_image'],
  ['streubyte.jpg', () => { const j = jpeg(64, 48, exifApp1()); const at = 2 + exifApp1().length + 13; return Buffer.concat([j.subarray(0, at), Buffer.from([0x42]), j.subarray(at)]); }, 'not_an_image'],
  ['ohne-ende.jpg', () => jpeg(64, 48, exifApp1()).subarray(0, -2), 'not_an_image'],
  ['ohne-iend.png', () => Buffer.concat([smallPng().subarray(0, -12), pngChunk('tEXt', Buffer.from('Comment\0GPS 48.1436 11.5806'))]), 'not_an_image'],
  ['zu-lang.png', () => { const p = Buffer.from(pngWith(pngChunk('tEXt', Buffer.from('Comment\0GPS 48.1436 11.5806')))); p.writeUInt32BE(1_000_000, p.length - 12); return p; }, 'not_an_image'],
  ['ohne-ende.gif', () => gif([gifExtension(0xfe, 'GPS 48.1436 11.5806')]).subarray(0, -1), 'not_an_image'],
];

describe('upload attacks: refused by content, nothing stored', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  for (const target of TARGETS) {
    it(`${target}: SVG, HTML, renamed exe/PDF, empty, truncated, PNG/GIF/WebP/JPEG bombs, > 5 MB — each 422, no row, no blob`, async () => {
      b = await setup();
      const before = await stored(b);
      for (const [name, make, code] of ATTACKS) {
        // A good image next to the bad one: the good one must not be stored either.
        const r = await upload(b, target, [{ bytes: smallPng(), name: 'gut.png' }, { bytes: make(), name, type: 'image/png' }]);
        assert.equal(r.status, 422, name);
        const p = await json<ProblemBody>(r);
        assert.deepEqual(p.errors?.map((e) => [e.field, e.code]), [['images[1]', code]], name);
        assert.ok(p.errors?.[0]?.message, `${name}: a sentence for the customer`);
        assert.deepEqual(await stored(b), before, `${name}: nothing stored`);
      }
    });

    it(`${target}: a 4th image is refused and none of the four is stored`, async () => {
      b = await setup();
      const before = await stored(b);
      const four = Array.from({ length: 4 }, (_, i) => ({ bytes: smallPng(3 + i, 3), name: `${i}.png` }));
      const r = await upload(b, target, four);
      assert.equal(r.status, 422);
      assert.equal((await json<ProblemBody>(r)).code, 'too_many_images');
      assert.deepEqual(await stored(b), before);
    });

    it(`${target}: a file past the body limit is cut off (413), nothing stored`, async () => {
      b = await setup();
      const before = await stored(b);
      const huge = Buffer.concat([smallPng(), Buffer.alloc(MULTIPART_LIMIT)]);
      const r = await upload(b, target, [{ bytes: huge, name: 'riesig.png' }]);
      assert.equal(r.status, 413);
      assert.equal((await json<ProblemBody>(r)).code, 'payload_too_large');
      assert.deepEqual(await stored(b), before);
    });
  }
});

describe('accepted uploads are served as what they are', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('the declared type is ignored: a PNG sent as text/html is stored and served as image/png', async () => {
    b = await setup();
    const r = await upload(b, 'reply', [{ bytes: smallPng(), name: 'bild.html', type: 'text/html' }]);
    assert.equal(r.status, 201);
    const [att] = await attachmentsOf(r);
    assert.equal(att!.contentType, 'image/png');
    const served = await b.req(`/v1/attachments/${att!.id}`, { token: POS });
    assert.equal(served.headers.get('content-type'), 'image/png');
  });

  it('a PNG with HTML appended (polyglot) is only ever an image: nosniff, sandbox CSP, no-store for others', async () => {
    b = await setup();
    const polyglot = Buffer.concat([smallPng(), Buffer.from('<html><script>alert(document.domain)</script></html>')]);
    const r = await upload(b, 'ticket', [{ bytes: polyglot, name: 'poly.png', type: 'text/html' }]);
    assert.equal(r.status, 201);
    const [att] = await attachmentsOf(r);
    const served = await b.req(`/v1/attachments/${att!.id}`, { token: POS });
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
    assert.match(served.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.match(served.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(served.headers.get('cache-control') ?? '', /private/);
    assert.match(served.headers.get('cache-control') ?? '', /no-store/, 'not kept in the browser cache after sign-out');
    const bytes = Buffer.from(await served.arrayBuffer());
    assert.ok(!bytes.includes('<script>'), 'what trails the PNG end is not even stored');
  });

  it('hostile file names are kept as text for display but cannot break a header or a path', async () => {
    b = await setup();
    const names: Array<[string, (stored: string) => void]> = [
      ['<img src=x onerror=alert(1)>.png', (s) => assert.equal(s, '<img src=x onerror=alert(1)>.png', 'shown literally by the widgets')],
      ['..\\..\\windows\\system32\\evil.png', (s) => assert.equal(s, 'evil.png')],
      ['../../../etc/passwd.png', (s) => assert.equal(s, 'passwd.png')],
      ['a"; filename="evil.exe.png', (s) => assert.ok(!s.includes('"'), s)],
      ['zeile\r\nSet-Cookie: x=1.png', (s) => assert.ok(!/[\r\n]/.test(s), s)],
      ['\u202Egnp.exe', (s) => assert.equal(s, 'gnp.exe', 'no right-to-left override')],
      ['bild\u2067\u200f.png', (s) => assert.equal(s, 'bild.png')],
      [`${'x'.repeat(5000)}.png`, (s) => assert.ok(s.length <= 200, `${s.length} chars`)],
    ];
    for (const [name, check] of names) {
      const r = await upload(b, 'reply', [{ bytes: smallPng(), name }]);
      assert.equal(r.status, 201, JSON.stringify(name));
      const [att] = await attachmentsOf(r);
      check(att!.fileName);
      const served = await b.req(`/v1/attachments/${att!.id}`, { token: POS });
      const cd = served.headers.get('content-disposition') ?? '';
      // One RFC 5987 parameter with only attr-chars: no quotes, no separators, no raw bytes.
      assert.match(cd, /^attachment; filename\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]*$/, `${JSON.stringify(name)} → ${cd}`);
      assert.equal(decodeURIComponent(cd.replace(/^.*''/, '')), att!.fileName);
    }
  });
});

describe('location metadata is not stored', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  const served = async (r: Response) => {
    assert.equal(r.status, 201);
    const [att] = await attachmentsOf(r);
    const bytes = new Uint8Array(await (await b.req(`/v1/attachments/${att!.id}`, { token: POS })).arrayBuffer());
    const [row] = await b.sql<{ size: number; width: number; height: number }>('SELECT size, width, height FROM attachments WHERE id = ?', att!.id);
    return { bytes, row: row! };
  };

  it('a JPEG sent straight to the API loses its EXIF/GPS block; the picture stays', async () => {
    b = await setup();
    const photo = jpeg(64, 48, exifApp1());
    assert.ok(containsBytes(photo, latitudeBytes()), 'the fixture carries GPS');
    const { bytes, row } = await served(await upload(b, 'ticket', [{ bytes: photo, name: 'foto.jpg' }]));
    assert.ok(!containsBytes(bytes, latitudeBytes()), 'no GPS position');
    assert.ok(!containsBytes(bytes, EXIF_MAGIC), 'no EXIF block');
    assert.deepEqual([row.width, row.height, row.size], [64, 48, bytes.length]);
    assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xd8]);
    assert.ok(containsBytes(bytes, new Uint8Array([0xff, 0xda])), 'scan data kept');
  });

  it('JPEG: a second JPEG with its own EXIF after the end-of-image marker is cut off', async () => {
    b = await setup();
    const photo = Buffer.concat([jpeg(64, 48), jpeg(32, 24, exifApp1())]);
    const { bytes, row } = await served(await upload(b, 'ticket', [{ bytes: photo, name: 'mpf.jpg' }]));
    assert.ok(!containsBytes(bytes, latitudeBytes()), 'no GPS position');
    assert.deepEqual([...bytes], [...jpeg(64, 48)], 'exactly the first picture');
    assert.deepEqual([row.width, row.height], [64, 48]);
  });

  it('GIF: comments and XMP application blocks are dropped, the loop count and frame timing stay, trailing bytes go', async () => {
    b = await setup();
    const timing = [0x21, 0xf9, 4, 0, 10, 0, 0, 0];
    const loop = gifExtension(0xff, 'NETSCAPE2.0', '\x01\x00\x00');
    const xmp = gifExtension(0xff, 'XMP DataXMP', '<x:xmpmeta><exif:GPSLatitude>48,8.6187N</exif:GPSLatitude></x:xmpmeta>');
    const comment = gifExtension(0xfe, 'GPS 48.1436 11.5806');
    const file = Buffer.concat([gif([loop, xmp, comment, timing]), Buffer.from('<html><script>alert(1)</script>')]);
    const { bytes, row } = await served(await upload(b, 'reply', [{ bytes: file, name: 'anim.gif', type: 'image/gif' }]));
    assert.deepEqual([...bytes], [...gif([loop, timing])]);
    assert.deepEqual([row.width, row.height], [1, 1]);
  });

  it('WebP: bytes after the RIFF size are cut', async () => {
    b = await setup();
    const webp = riff([['VP8L', [0x2f, 9, 0x40, 2, 0]]]);
    const { bytes } = await served(await upload(b, 'reply', [{ bytes: Buffer.concat([webp, Buffer.from('GPS 48.1436 11.5806')]), name: 'w.webp' }]));
    assert.deepEqual([...bytes], [...webp]);
  });

  it('PNG eXIf and text chunks, and WebP EXIF chunks, are dropped too', async () => {
    b = await setup();
    const png = pngWith(pngChunk('eXIf', exifTiff()), pngChunk('tEXt', Buffer.from('Comment\0GPS 48.1436 11.5806')));
    const p = await served(await upload(b, 'reply', [{ bytes: png, name: 'screen.png' }]));
    assert.ok(!containsBytes(p.bytes, latitudeBytes()));
    assert.ok(!containsBytes(p.bytes, Buffer.from('48.1436')));
    assert.deepEqual([p.row.width, p.row.height], [5, 4]);
    assert.ok(containsBytes(p.bytes, Buffer.from('IDAT')) && containsBytes(p.bytes, Buffer.from('IEND')));

    const exif = exifTiff();
    const webp = riff([['VP8X', [0x08, 0, 0, 0, ...u24le(9), ...u24le(9)]], ['VP8L', [0x2f, 9, 0x40, 2, 0]], ['EXIF', exif]]);
    const w = await served(await upload(b, 'reply', [{ bytes: webp, name: 'bild.webp' }]));
    assert.ok(!containsBytes(w.bytes, latitudeBytes()));
    assert.equal(w.bytes[20]! & 0x08, 0, 'VP8X no longer announces EXIF');
    assert.equal(new DataView(w.bytes.buffer, w.bytes.byteOffset).getUint32(4, true), w.bytes.length - 8, 'RIFF size fixed');
    assert.deepEqual([w.row.width, w.row.height], [10, 10]);
  });
});
