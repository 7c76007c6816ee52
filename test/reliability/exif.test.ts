/**
 * Location data never leaves the browser: a photo with a GPS EXIF block, picked in the ticket form
 * or the reply box, is uploaded without it (the shared attachment pipeline re-encodes it).
 * The server strips metadata too (server/test/upload-attacks.test.ts); this checks the client side.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import '../../src/define/cadia-provider.js';
import '../../src/define/cadia-ticket-form.js';
import { AttachmentsController } from '../../src/controllers/attachments.js';
import { sniffImage } from '../../src/domain/images.js';
import { freshBackend, waitFor } from '../harness/backend.js';
import { containsBytes, EXIF_MAGIC, exifTiff, latitudeBytes, withExif } from './exif.js';
import { clearDrafts } from '../harness/drafts.js';
import { pickImages } from '../harness/dom.js';
import { newCustomer } from './helpers.js';

class ExifHost extends LitElement {
  readonly attachments = new AttachmentsController(this);
}
customElements.define('exif-test-host', ExifHost);

const bytesOf = async (b: Blob) => new Uint8Array(await b.arrayBuffer());

/** A real, decodable JPEG photo (drawn here) carrying a GPS EXIF block. */
async function gpsJpeg(width = 64, height = 48): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#2a6';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#fff';
  ctx.fillRect(8, 8, width / 2, height / 2);
  const plain = await bytesOf(await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 }));
  return new File([withExif(plain)], 'baustelle.jpg', { type: 'image/jpeg' });
}

/** A small PNG screenshot with an eXIf chunk (GPS) right after its header. */
async function gpsPng(): Promise<File> {
  const canvas = new OffscreenCanvas(40, 30);
  canvas.getContext('2d')!.fillRect(0, 0, 20, 20);
  const png = await bytesOf(await canvas.convertToBlob({ type: 'image/png' }));
  const data = exifTiff();
  const chunk = new Uint8Array(12 + data.length);
  const v = new DataView(chunk.buffer);
  v.setUint32(0, data.length);
  chunk.set([0x65, 0x58, 0x49, 0x66], 4); // "eXIf"
  chunk.set(data, 8);
  v.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  const at = 8 + 25; // after the signature and IHDR
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, at));
  out.set(chunk, at);
  out.set(png.subarray(at), at + chunk.length);
  return new File([out], 'screenshot.png', { type: 'image/png' });
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

describe('EXIF/GPS is removed before upload', () => {
  it('the fixtures really carry a GPS position and decode as images', async () => {
    for (const file of [await gpsJpeg(), await gpsPng()]) {
      const bytes = await bytesOf(file);
      expect(containsBytes(bytes, latitudeBytes()), file.name).to.equal(true);
      expect(sniffImage(bytes), file.name).to.not.equal(null);
      const bmp = await createImageBitmap(file);
      expect(bmp.width).to.be.greaterThan(0);
      bmp.close();
    }
  });

  for (const make of [gpsJpeg, gpsPng]) {
    it(`the attachment pipeline drops it from a ${make === gpsJpeg ? 'JPEG photo' : 'PNG screenshot'}, keeping the picture`, async () => {
      const host = await fixture<ExifHost>(html`<exif-test-host></exif-test-host>`);
      const file = await make();
      await host.attachments.add([file]);
      expect(host.attachments.problem).to.equal(undefined);
      const [blob] = host.attachments.blobs();
      const out = await bytesOf(blob!);
      expect(containsBytes(out, latitudeBytes()), 'no GPS position in the upload').to.equal(false);
      expect(containsBytes(out, EXIF_MAGIC) || containsBytes(out, new Uint8Array([0x65, 0x58, 0x49, 0x66])), 'no EXIF block').to.equal(false);
      const before = await createImageBitmap(file);
      const after = await createImageBitmap(blob!);
      expect([after.width, after.height]).to.deep.equal([before.width, before.height]);
    });
  }

  it('in the ticket form: what is sent carries no GPS, and the server stores none', async () => {
    const be = freshBackend();
    const c = await newCustomer(be);
    await clearDrafts(`${c.number}:`);
    const provider = await fixture(html`<cadia-provider api-base=${be.apiBase} .token=${c.token}><cadia-ticket-form></cadia-ticket-form></cadia-provider>`);
    const form = provider.querySelector('cadia-ticket-form')!;
    await form.ready;
    const sent: Uint8Array[] = [];
    const original = window.fetch;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      if (req.method === 'POST' && req.url.endsWith('/v1/tickets')) sent.push(await bytesOf(await req.clone().blob()));
      return original(req);
    };
    try {
      await pickImages(form, [await gpsJpeg(800, 600)]);
      form.shadowRoot!.querySelector<HTMLInputElement>('input[name="category"][value="concern"]')!.click();
      for (const [name, value] of [['subject', 'Foto vom Lager'], ['description', 'Das Etikett ist falsch gedruckt.']] as const) {
        const f = form.shadowRoot!.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
        f.value = value;
        f.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      }
      await form.updateComplete;
      form.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
      await waitFor(() => form.shadowRoot!.querySelector('[part="success"]'), 10_000, 'success');
    } finally {
      window.fetch = original;
    }
    expect(sent.length).to.be.greaterThan(0);
    for (const body of sent) expect(containsBytes(body, latitudeBytes()), 'the request body has no GPS position').to.equal(false);
    const [att] = await be.sql<{ id: string }>(`SELECT a.id FROM attachments a WHERE a.customer_number = '${c.number}'`);
    const r = await fetch(`${be.apiBase}/v1/attachments/${att!.id}`, { headers: { Authorization: `Bearer ${c.token}` } });
    expect(containsBytes(await bytesOf(await r.blob()), latitudeBytes())).to.equal(false);
  });
});
