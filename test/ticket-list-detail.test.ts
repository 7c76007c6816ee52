import { sendKeys } from '@web/test-runner-commands';
import { fixture, html, expect, oneEvent } from '@open-wc/testing';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-ticket-list.js';
import type { CadiaTicketList } from '../src/elements/ticket-list/ticket-list.js';
import type { CadiaProvider } from '../src/context/provider.js';
import type { TicketDetail } from '../src/api/types.js';
import type { TicketSelectEvent } from '../src/events/index.js';
import { ledgerTotals } from '../src/domain/billing.js';
import { freshBackend, waitFor, shadowText, TOKENS, type TestBackend } from './harness/backend.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function mount(be: TestBackend, opts: { token?: string; locale?: string; ticketId?: string } = {}) {
  const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale=${opts.locale ?? 'de'} .token=${opts.token ?? TOKENS.positive}>
    <cadia-ticket-list ticket-id=${opts.ticketId ?? ''}></cadia-ticket-list>
  </cadia-provider>`);
  return { provider, list: provider.querySelector('cadia-ticket-list') as CadiaTicketList };
}

/** The filed fields as "label value" lines. */
const fields = (el: Element) => $$(el, '.fields dl > div').map((d) => `${text(d.querySelector('dt'))} ${text(d.querySelector('dd'))}`);

const opened = (list: CadiaTicketList, subject: string) =>
  waitFor(() => text($(list, '.subject-h')) === subject, 5000, `detail of "${subject}"`);

async function customerDetail(be: TestBackend, id: string) {
  const r = await be.api<TicketDetail>(`/v1/tickets/${id}`, { token: TOKENS.positive });
  return r.body;
}

/** A small PNG made in the browser, as a screenshot would be. */
async function png(name: string): Promise<File> {
  const c = document.createElement('canvas');
  c.width = 40;
  c.height = 30;
  const g = c.getContext('2d')!;
  g.fillStyle = '#c33';
  g.fillRect(0, 0, 40, 30);
  const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

describe('<cadia-ticket-list> detail', () => {
  let be: TestBackend;
  beforeEach(() => {
    be = freshBackend();
  });

  it('deep link: thread oldest first with authors, filed fields, booked time charged as the server does', async () => {
    const { list } = await mount(be, { ticketId: 'tkt_demo_c' });
    await opened(list, 'Datensicherung bleibt bei 80 % stehen');
    const msgs = $$(list, '.messages > li');
    expect(msgs).to.have.length(4);
    expect(text(msgs[0]!.querySelector('.author'))).to.equal('Sie');
    expect(text(msgs[0]!.querySelector('.body'))).to.contain('bleibt seit drei Tagen bei 80 %');
    expect(text(msgs[1]!.querySelector('.author'))).to.equal('Lena Hoffmann');
    expect(text(msgs[3]!.querySelector('.body'))).to.contain('Archiv getrennt sichern');
    expect(fields(list)).to.include.members(['Fenster Extras → Datensicherung', 'Bleibt hängen bei 80 %']);
    // Waiting for the customer: no queue position.
    expect($(list, '.queue')).to.be.null;

    // 15 min → 20 charged, 10 → 10: 30 min charged, exactly the server's billing block.
    const entries = $$(list, '.entries tbody tr');
    expect(entries).to.have.length(2);
    expect(text(entries[0])).to.contain('15 Min. → 20 Min.');
    expect(text(entries[0])).to.contain('berechnet');
    expect(text(entries[0])).to.contain('Protokoll gesichtet');
    const server = await customerDetail(be, 'tkt_demo_c');
    const mine = ledgerTotals(server.timeEntries);
    expect(mine.chargedMinutes).to.equal(server.billing.chargedMinutes);
    expect(text($(list, '[data-total="charged"]'))).to.equal('30 Min.');
    expect(text($(list, '[data-total="booked"]'))).to.equal('25 Min.');
    expect(text($(list, '[data-total="credit"]'))).to.equal(`${server.billing.fromCreditMinutes} Min.`);
    await expect(list).to.be.accessible();
  });

  it('shows the queue position while the ticket waits, urgent ones first', async () => {
    const { list } = await mount(be, { ticketId: 'tkt_demo_d' });
    await opened(list, 'Zusätzliches Feld „Lagerort 2“ im Artikelstamm');
    // Ahead of it: the urgent ticket, then the two older open ones.
    expect(text($(list, '.queue strong'))).to.equal('Ihr Ticket ist an Position 4');
    expect(fields(list)).to.include('Kopie (CC) an it@partner-edv.example');
    const { list: urgent } = await mount(be, { ticketId: 'tkt_demo_a' });
    await opened(urgent, 'Warenwirtschaft stürzt beim Drucken von Lieferscheinen ab');
    expect(text($(urgent, '.queue strong'))).to.equal('Ihr Ticket ist an Position 1');
    expect(fields(urgent)).to.include.members(['Telefonisch erreichbar Mo–Fr 8–12 Uhr', 'Vorher angerufen Ja', 'Telefon +49 89 1234567']);
  });

  it('images: thumbnail from a blob (no token in the URL), opens large, Escape closes and focus returns', async () => {
    const { list } = await mount(be, { ticketId: 'tkt_demo_a' });
    const thumb = await waitFor(() => $<HTMLButtonElement>(list, 'button.thread-thumb'), 5000, 'thumbnail');
    const img = thumb.querySelector('img')!;
    expect(img.src).to.match(/^blob:/);
    expect(thumb.getAttribute('aria-label')).to.equal('Bild Fehlermeldung Lieferschein.png groß anzeigen');
    await expect(list).to.be.accessible();
    thumb.focus();
    thumb.click();
    const dialog = await waitFor(() => $<HTMLDialogElement>(list, 'dialog.lightbox[open]'), 8000, 'lightbox');
    expect(dialog.querySelector('img')!.src).to.equal(img.src);
    expect(text(dialog.querySelector('figcaption'))).to.equal('Fehlermeldung Lieferschein.png');
    await expect(list).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !$(list, 'dialog.lightbox'), 8000, 'lightbox closed');
    await waitFor(() => list.shadowRoot!.activeElement === $(list, 'button.thread-thumb'), 8000, 'focus back on the thumbnail');
  });

  it("another customer's ticket id is not found", async () => {
    const { list } = await mount(be, { token: TOKENS.negative, ticketId: 'tkt_demo_a' });
    await waitFor(() => $(list, '.state-box.error'), 5000, 'not found');
    expect(shadowText(list)).to.contain('Dieses Ticket gibt es nicht oder es gehört nicht zu Ihrem Kundenkonto.');
    expect(shadowText(list)).to.not.contain('Lieferschein');
    await expect(list).to.be.accessible();
    // Back leads to the customer's own list.
    $<HTMLButtonElement>(list, '.back')!.click();
    await waitFor(() => $$(list, 'button.row').length === 3, 5000, 'own list');
  });

  it('renders server text as text, never as HTML', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><b>fett</b>';
    await be.api('/v1/agent/tickets/tkt_demo_c/messages', { method: 'POST', json: { body: evil } });
    const { list } = await mount(be, { ticketId: 'tkt_demo_c' });
    await waitFor(() => $$(list, '.messages > li').length === 5, 5000, 'five messages');
    const last = $$(list, '.messages > li')[4]!;
    expect(last.querySelector('.body')!.textContent).to.equal(evil);
    expect(last.querySelector('b')).to.be.null;
    expect(last.querySelector('img')).to.be.null;
    expect((window as unknown as { __pwned?: number }).__pwned).to.be.undefined;
  });

  it('opening marks the support reply read in the list; the select event carries the id', async () => {
    const { list } = await mount(be);
    const row = await waitFor(() => $$<HTMLButtonElement>(list, 'button.row').find((r) => r.textContent!.includes('Datensicherung')), 5000, 'row');
    expect(row.classList.contains('unread')).to.be.true;
    const ev = oneEvent<TicketSelectEvent>(list, 'cadia-ticket-select');
    row.click();
    expect((await ev).ticketId).to.equal('tkt_demo_c');
    await opened(list, 'Datensicherung bleibt bei 80 % stehen');
    $<HTMLButtonElement>(list, '.back')!.click();
    const again = await waitFor(() => $$<HTMLButtonElement>(list, 'button.row').find((r) => r.textContent!.includes('Datensicherung')), 5000, 'row again');
    expect(again.classList.contains('unread')).to.be.false;
  });

  it('live: an agent reply and a status change show in the open detail and in the list without reload', async () => {
    const { list } = await mount(be, { ticketId: 'tkt_demo_g' });
    await opened(list, 'Frage zur Rechnung RE-2026-0815');
    expect(text($(list, '.detail .status'))).to.equal('In Bearbeitung');
    // Let the event stream connect before the agent acts.
    await new Promise((r) => setTimeout(r, 500));
    await be.api('/v1/agent/tickets/tkt_demo_g/messages', { method: 'POST', json: { body: 'Der Vertrag ist zum Jahresende gekündigt.' } });
    await waitFor(() => shadowText(list).includes('Der Vertrag ist zum Jahresende gekündigt.'), 6000, 'live reply');
    await waitFor(() => text($(list, '.detail .status')) === 'Wartet auf Ihre Antwort', 6000, 'live status');

    $<HTMLButtonElement>(list, '.back')!.click();
    await waitFor(() => $$(list, 'button.row').length > 0, 5000, 'list');
    await be.api('/v1/agent/tickets/tkt_demo_g/status', { method: 'POST', json: { status: 'closed' } });
    await waitFor(() => {
      const row = $$(list, 'button.row').find((r) => r.textContent!.includes('RE-2026-0815'));
      return row?.textContent!.includes('Abgeschlossen');
    }, 6000, 'list row closed');
    // The changed ticket moved to the top (newest activity first).
    expect($$(list, 'button.row')[0]!.textContent).to.contain('RE-2026-0815');
  });

  it('a ticket created on the same page appears in the list at once, loading the list once', async () => {
    const { provider, list } = await mount(be);
    await waitFor(() => $$(list, 'button.row').length > 0, 5000, 'list');
    expect(text($(list, '.count'))).to.equal('31 Tickets');
    // An order made elsewhere raises the credit through the event stream: once it shows, the
    // stream is delivering, and events arrive in the order the server sent them.
    const orderElsewhere = async () => {
      const before = provider.store.me.value!.credit.minutes;
      await be.api('/v1/orders', { token: TOKENS.positive, method: 'POST', json: { packageId: 'pkg-60' }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      await waitFor(() => provider.store.me.value!.credit.minutes === before + 60, 5000, 'credit event');
    };
    await orderElsewhere();
    const listLoads: string[] = [];
    const original = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      if (req.method === 'GET' && new URL(req.url).pathname.endsWith('/v1/tickets')) listLoads.push(req.url);
      return original(req);
    };
    try {
      await provider.store.createTicket({ category: 'concern', subject: 'Neue Frage zur Lizenz', description: 'Bitte um Rückruf.' }, crypto.randomUUID());
      await waitFor(() => $$(list, 'button.row')[0]?.textContent!.includes('Neue Frage zur Lizenz'), 5000, 'new ticket on top');
      expect(text($(list, '.count'))).to.equal('32 Tickets');
      // The server's event about the new ticket came before this later one: it loaded nothing more.
      await orderElsewhere();
      expect(listLoads).to.have.length(1);
    } finally {
      window.fetch = original;
    }
  });

  it('reclassified from bug: a clear notice, and the booked time shows as billable', async () => {
    const { list } = await mount(be, { ticketId: 'tkt_demo_b' });
    await opened(list, 'Nach Update 24.3 falsche Mehrwertsteuer auf Gutschriften');
    expect(text($(list, '.entries tbody tr .kind'))).to.equal('kostenlos');
    expect(shadowText(list)).to.not.contain('Kein Programmfehler');
    await new Promise((r) => setTimeout(r, 500));
    const r = await be.api('/v1/agent/tickets/tkt_demo_b/reclassify', { method: 'POST', json: { category: 'user_error' } });
    expect(r.status).to.equal(200);
    await waitFor(() => $(list, '.banner.reclassified'), 6000, 'reclassified banner');
    expect(text($(list, '.banner.reclassified strong'))).to.equal('Kein Programmfehler – Aufwand wird berechnet');
    expect(text($(list, '.notice.reclassified .notice-title'))).to.equal('Kein Programmfehler – Aufwand wird berechnet');
    await waitFor(() => text($(list, '.entries tbody tr .kind')) === 'berechnet', 3000, 'entry billable');
    expect(text($(list, '[data-total="charged"]'))).to.equal('20 Min.');
    const server = await customerDetail(be, 'tkt_demo_b');
    expect(server.billing.chargedMinutes).to.equal(20);
    await expect(list).to.be.accessible();
  });

  it('reply with text and an image: sent once, shows in the thread with its thumbnail', async () => {
    const { list } = await mount(be, { ticketId: 'tkt_demo_c' });
    await opened(list, 'Datensicherung bleibt bei 80 % stehen');
    const textarea = await waitFor(() => $<HTMLTextAreaElement>(list, '#reply-body:not([disabled])'), 5000, 'reply box');
    // Empty reply: refused in the browser, focus on the field.
    $<HTMLButtonElement>(list, '[part="reply-submit"]')!.click();
    await waitFor(() => text($(list, '#reply-status')) === 'Bitte schreiben Sie eine Antwort.', 3000, 'empty refused');
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');

    textarea.value = 'Mit „Archiv getrennt sichern“ läuft die Sicherung durch. Screenshot anbei.';
    textarea.dispatchEvent(new Event('input'));
    const input = $<HTMLInputElement>(list, '.reply input[type=file]')!;
    const dt = new DataTransfer();
    dt.items.add(await png('protokoll.png'));
    input.files = dt.files;
    input.dispatchEvent(new Event('change'));
    await waitFor(() => $(list, '.reply .thumbs img'), 5000, 'picked image');
    await expect(list).to.be.accessible();
    const submit = $<HTMLButtonElement>(list, '[part="reply-submit"]')!;
    submit.click();
    submit.click(); // a double click sends once
    await waitFor(() => text($(list, '#reply-status')) === 'Ihre Antwort wurde gesendet.', 6000, 'sent');
    await waitFor(() => $$(list, '.messages > li').length === 5, 6000, 'reply in the thread');
    const last = $$(list, '.messages > li')[4]!;
    expect(text(last.querySelector('.author'))).to.equal('Sie');
    await waitFor(() => last.querySelector('button.thread-thumb img'), 5000, 'thumbnail of the reply');
    expect(await be.count('messages', "ticket_id = 'tkt_demo_c' AND author = 'customer'")).to.equal(3);
    expect(await be.count('attachments a JOIN messages m ON m.id = a.message_id', "m.ticket_id = 'tkt_demo_c'")).to.equal(1);
    expect(textarea.value).to.equal('');
    // Waiting for the customer → in progress again after the reply.
    await waitFor(() => text($(list, '.detail .status')) === 'In Bearbeitung', 5000, 'status in progress');
  });

  it('speaks English in the detail', async () => {
    const { list } = await mount(be, { ticketId: 'tkt_demo_e', locale: 'en' });
    await opened(list, 'Preise im Angebot werden falsch gerundet');
    expect(text($(list, '.banner.reclassified strong'))).to.equal('Not a program bug – time is billable');
    expect(shadowText(list)).to.contain('Support time booked');
    expect(shadowText(list)).to.contain('Charged');
    expect(text($(list, '.back'))).to.contain('Back to the list');
    expect(text($(list, '#reply-h'))).to.equal('Reply');
  });
});
