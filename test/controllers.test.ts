import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { AttachmentsController } from '../src/controllers/attachments.js';
import { DraftController } from '../src/controllers/drafts.js';
import { IdempotentSubmitController } from '../src/controllers/idempotent-submit.js';
import { CadiaApiError } from '../src/api/errors.js';
import { UPLOAD_MAX_EDGE } from '../src/domain/images.js';
import { fakePng, imageSize, pngFile, svgFile } from './fixtures/images.js';
import { waitFor } from './harness/backend.js';

/** A host with one text field, an image picker and a draft, as the ticket form and the reply box use it. */
class TestHost extends LitElement {
  static override properties = { text: { state: true } };
  /** Without a customer there is no draft (the image picker's tests). */
  customer: string | undefined;
  declare text: string;
  readonly attachments = new AttachmentsController(this);
  sent: string[] = [];
  /** Makes the next send fail as a lost connection. */
  failNext = false;
  readonly drafts = new DraftController<{ text: string }, string>(this, {
    scope: () => 'controllers-test',
    customer: () => this.customer,
    delay: 20,
    data: () => ({ text: this.text }),
    images: () => this.attachments.blobs(),
    hasContent: () => this.text !== '' || this.attachments.items.length > 0,
    watch: () => [this.text, this.attachments.items],
    apply: (d) => {
      this.text = d.data.text;
      this.attachments.restore(d.images);
    },
    clear: () => {
      this.text = '';
      this.attachments.clear();
    },
    send: async (key) => {
      if (this.failNext) {
        this.failNext = false;
        throw new CadiaApiError('network', 'lost');
      }
      this.sent.push(key);
      return key;
    },
  });
  constructor() {
    super();
    this.text = '';
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

/** Mounts a host, waits for its draft to be restored, and lets autosave write. */
async function ready(customer = '10001') {
  const el = await fixture<TestHost>(html`<controllers-test-host .customer=${customer}></controllers-test-host>`);
  await el.drafts.ready;
  await el.updateComplete;
  return el;
}
const written = () => new Promise((r) => setTimeout(r, 80));

describe('DraftController', () => {
  it('restores the typed text and images per customer once ready, and discards them', async () => {
    const el = await ready();
    await el.drafts.discard();
    const image = await pngFile();
    await el.attachments.add([image]);
    el.text = 'Hallo';
    await el.updateComplete;
    await written();
    const other = await ready();
    expect(other.text).to.equal('Hallo');
    expect(other.attachments.blobs()[0]?.size).to.equal(image.size);
    expect(other.drafts.hasSaved).to.equal(true);
    expect((await ready('10002')).text, 'another customer').to.equal('');
    await other.drafts.discard();
    expect((await ready()).text).to.equal('');
  });

  it('a new customer on the same host clears it and restores theirs; ready is a new promise', async () => {
    const el = await ready('10002');
    el.text = 'Kunde 10002';
    await el.updateComplete;
    await written();
    const first = el.drafts.ready;
    el.customer = '10003';
    el.requestUpdate();
    await el.updateComplete;
    expect(el.drafts.ready).to.not.equal(first);
    await el.drafts.ready;
    expect(el.text).to.equal('');
    el.customer = '10002';
    el.requestUpdate();
    // The host's next update sees the new customer and makes the new promise.
    await el.updateComplete;
    await el.drafts.ready;
    expect(el.text).to.equal('Kunde 10002');
    await el.drafts.discard();
  });

  it('autosave keeps what is typed, and drops the draft when everything is cleared by hand', async () => {
    const el = await ready();
    await el.drafts.discard();
    el.text = 'Drucker hängt';
    await el.updateComplete;
    expect(el.drafts.hasSaved).to.equal(true);
    await written();
    expect((await ready()).text).to.equal('Drucker hängt');
    el.text = '';
    await el.updateComplete;
    expect(el.drafts.hasSaved).to.equal(false);
    await waitFor(async () => (await ready()).text === '', 3000, 'draft gone');
  });

  it('keeps the idempotency key of a send that did not arrive, and the next load resends with it', async () => {
    const el = await ready();
    await el.drafts.discard();
    el.text = 'Bitte zurückrufen';
    await el.updateComplete;
    el.failNext = true;
    await el.drafts.sender.submit();
    const key = el.drafts.sender.key;
    expect(key).to.be.a('string');
    expect(el.drafts.sender.state).to.equal('failed');
    // Reloaded: the draft comes back with the same key, and a send uses it.
    const again = await ready();
    expect(again.text).to.equal('Bitte zurückrufen');
    expect(await again.drafts.sender.submit()).to.equal(key);
    expect(again.sent).to.deep.equal([key]);
    // Confirmed: the draft is gone.
    expect((await ready()).drafts.hasSaved).to.equal(false);
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
