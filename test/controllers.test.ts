import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { AttachmentsController } from '../src/controllers/attachments.js';
import { DraftController } from '../src/controllers/drafts.js';
import { IdempotentSubmitController } from '../src/controllers/idempotent-submit.js';
import { CadiaApiError } from '../src/api/errors.js';
import { UPLOAD_MAX_EDGE } from '../src/domain/images.js';
import { fakePng, imageSize, pngFile, svgFile } from './fixtures/images.js';
import { waitFor } from './harness/backend.js';

class TestHost extends LitElement {
  customer: string | undefined = '10001';
  updates = 0;
  readonly attachments = new AttachmentsController(this);
  text = '';
  sendKey: string | undefined;
  readonly drafts = new DraftController<{ text: string }>(this, {
    scope: 'controllers-test',
    customer: () => this.customer,
    delay: 20,
    sources: {
      data: () => ({ text: this.text }),
      hasContent: () => this.text !== '' || this.attachments.items.length > 0,
      images: () => this.attachments.blobs(),
      send: () => ({ key: this.sendKey, isQueued: false }),
    },
  });
  override requestUpdate(...args: Parameters<LitElement['requestUpdate']>) {
    this.updates++;
    super.requestUpdate(...args);
  }
}
customElements.define('controllers-test-host', TestHost);

const host = () => fixture<TestHost>(html`<controllers-test-host></controllers-test-host>`);

describe('AttachmentsController', () => {
  it('accepts three images and refuses a fourth with a message', async () => {
    const el = await host();
    const a = el.attachments;
    await a.add([await pngFile(), await pngFile(20, 20, 'b.png'), await pngFile(10, 10, 'c.png')]);
    expect(a.items.map((i) => i.status)).to.deep.equal(['ready', 'ready', 'ready']);
    expect(a.items[0]!.url).to.match(/^blob:/);
    expect(a.problem).to.equal(undefined);
    await a.add([await pngFile(5, 5, 'd.png')]);
    expect(a.items).to.have.length(3);
    expect(a.problem).to.deep.equal({ code: 'too_many', fileName: 'd.png' });
    a.remove(a.items[0]!.id);
    expect(a.items).to.have.length(2);
    expect(a.blobs()).to.have.length(2);
  });

  it('refuses SVG and a renamed non-image by content', async () => {
    const a = (await host()).attachments;
    await a.add([svgFile()]);
    expect(a.problem).to.deep.equal({ code: 'not_an_image', fileName: 'logo.svg' });
    await a.add([fakePng()]);
    expect(a.problem).to.deep.equal({ code: 'not_an_image', fileName: 'renamed.png' });
    await a.add([new File([], 'empty.png')]);
    expect(a.problem?.code).to.equal('empty');
    expect(a.items).to.have.length(0);
  });

  it('shrinks a 12-megapixel PNG to the upload edge', async () => {
    const a = (await host()).attachments;
    const big = await pngFile(4000, 3000, 'huge.png');
    await a.add([big]);
    expect(a.items[0]!.status).to.equal('ready');
    const size = await imageSize(a.blobs()[0]!);
    expect(Math.max(size.width, size.height)).to.equal(UPLOAD_MAX_EDGE);
    expect(size.width / size.height).to.be.closeTo(4 / 3, 0.01);
  });

  it('re-encodes a JPEG (drops EXIF) and keeps small PNGs untouched', async () => {
    const a = (await host()).attachments;
    const png = await pngFile(30, 20);
    const jpeg = await pngFile(30, 20, 'photo.jpg', 'image/jpeg');
    await a.add([png, jpeg]);
    expect(a.blobs()[0]).to.equal(png);
    expect(a.blobs()[1]).not.to.equal(jpeg);
    expect(a.blobs()[1]!.type).to.equal('image/jpeg');
  });

  it('takes a pasted screenshot and lets text pastes through', async () => {
    const el = await host();
    const dt = new DataTransfer();
    dt.items.add(await pngFile(50, 40, 'clip.png'));
    const paste = new ClipboardEvent('paste', { clipboardData: dt, cancelable: true });
    el.attachments.handlePaste(paste);
    expect(paste.defaultPrevented).to.equal(true);
    await waitFor(() => el.attachments.items[0]?.status === 'ready');
    const text = new DataTransfer();
    text.setData('text/plain', 'hello');
    const textPaste = new ClipboardEvent('paste', { clipboardData: text, cancelable: true });
    el.attachments.handlePaste(textPaste);
    expect(textPaste.defaultPrevented).to.equal(false);
  });
});

describe('DraftController', () => {
  it('restores a saved draft per customer and discards it', async () => {
    const el = await host();
    await el.drafts.discard();
    const image = await pngFile();
    el.drafts.save({ data: { text: 'Hallo' }, images: [image], idempotencyKey: 'k1' });
    await el.drafts.flush();
    const other = await host();
    const d = await other.drafts.restore();
    expect(d?.data).to.deep.equal({ text: 'Hallo' });
    expect(d?.idempotencyKey).to.equal('k1');
    expect(d?.images[0]?.size).to.equal(image.size);
    other.customer = '10002';
    expect(await other.drafts.restore()).to.equal(undefined);
    other.customer = '10001';
    await other.drafts.discard();
    expect(await el.drafts.restore()).to.equal(undefined);
  });

  it('autosave keeps what is typed, and drops the draft when everything is cleared by hand', async () => {
    const el = await host();
    await el.drafts.discard();
    el.text = 'Drucker hängt';
    el.drafts.keep();
    expect(el.drafts.hasSaved).to.equal(true);
    await el.drafts.flush();
    expect((await (await host()).drafts.restore())?.data).to.deep.equal({ text: 'Drucker hängt' });
    el.text = '';
    el.drafts.keep();
    expect(el.drafts.hasSaved).to.equal(false);
    await waitFor(async () => (await (await host()).drafts.restore()) === undefined, 3000, 'draft gone');
  });

  it('keeps an empty draft while a send is on its way (its idempotency key must survive a reload)', async () => {
    const el = await host();
    await el.drafts.discard();
    el.sendKey = 'key-1';
    await el.drafts.persist();
    expect((await (await host()).drafts.restore())?.idempotencyKey).to.equal('key-1');
    await el.drafts.discard();
  });

  it('saves after the debounce by itself', async () => {
    const el = await host();
    el.drafts.save({ data: { text: 'later' }, images: [] });
    await new Promise((r) => setTimeout(r, 80));
    const fresh = await host();
    expect((await fresh.drafts.restore())?.data.text).to.equal('later');
    await fresh.drafts.discard();
  });
});

describe('IdempotentSubmitController', () => {
  it('shares one request between double clicks and drops the key after success', async () => {
    const el = await host();
    const keys: string[] = [];
    let online = true;
    const c = new IdempotentSubmitController<string>(el, {
      send: async (k) => {
        keys.push(k);
        await new Promise((r) => setTimeout(r, 20));
        return 'ok';
      },
      persist: async () => undefined,
      isOnline: () => online,
    });
    const [a, b] = await Promise.all([c.submit(), c.submit()]);
    expect([a, b]).to.deep.equal(['ok', 'ok']);
    expect(keys).to.have.length(1);
    expect(c.key).to.equal(undefined);
    online = false;
    expect(await c.submit()).to.equal(undefined);
    expect(c.state).to.equal('queued');
    expect(keys).to.have.length(1);
  });

  it('reuses the key after a lost answer, queues offline and sends on `online`', async () => {
    const el = await host();
    const keys: string[] = [];
    let online = true;
    let fail = true;
    const c = new IdempotentSubmitController<string>(el, {
      send: async (k) => {
        keys.push(k);
        if (fail) throw new CadiaApiError('network', 'lost');
        return 'ok';
      },
      persist: async () => undefined,
      isOnline: () => online,
    });
    await c.submit();
    expect(c.state).to.equal('failed');
    online = false;
    await c.submit();
    expect(c.state).to.equal('queued');
    fail = false;
    online = true;
    window.dispatchEvent(new Event('online'));
    await waitFor(() => c.state === 'idle');
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
  });

  it('drops the key after a validation refusal', async () => {
    const el = await host();
    const c = new IdempotentSubmitController<string>(el, {
      send: async () => {
        throw new CadiaApiError('http', 'bad', 422, 'validation_failed');
      },
      persist: async () => undefined,
    });
    await c.submit();
    expect(c.state).to.equal('failed');
    expect(c.key).to.equal(undefined);
  });
});
