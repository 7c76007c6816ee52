/**
 * Known-issue notices (issue 18) as the customer meets them, against the real backend: the form
 * shows a notice for the host's program version and for what is typed (one question after typing
 * stops, not one per key), "Betrifft mich auch" by keyboard, "Trotzdem Ticket erstellen" files the
 * ticket linked to the notice, a fix shows live, and the list shows the version's notice on top
 * until it is hidden for the session.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-ticket-form.js';
import '../src/define/cadia-ticket-list.js';
import type { CadiaTicketForm } from '../src/elements/ticket-form/ticket-form.js';
import type { CadiaTicketList } from '../src/elements/ticket-list/ticket-list.js';
import type { TicketCreatedEvent } from '../src/events/index.js';
import { freshBackend, TOKENS, waitFor, type TestBackend } from './harness/backend.js';
import { typeInto } from './harness/dom.js';
import { clearDrafts } from './harness/drafts.js';

const WAIT = 10_000;
const ERP = 'CadiaOFFICE Warenwirtschaft';
const TITLE = 'Rechnungsdruck bricht nach dem Update ab';

async function mountForm(be: TestBackend, o: { version?: string; locale?: string; token?: string } = {}) {
  const provider = await fixture(html`<cadia-provider api-base=${be.apiBase} locale=${o.locale ?? 'de'} .token=${o.token ?? TOKENS.positive}>
    <cadia-ticket-form program=${o.version ? ERP : ''} program-version=${o.version ?? ''}></cadia-ticket-form>
  </cadia-provider>`);
  const form = provider.querySelector<CadiaTicketForm>('cadia-ticket-form')!;
  await form.ready;
  return form;
}

const card = (el: Element, id = 'ntc_demo_print') => el.shadowRoot!.querySelector<HTMLElement>(`[part="notice"][data-notice="${id}"]`);
const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const button = (el: Element, label: string) => [...el.querySelectorAll('button')].find((b) => text(b) === label) as HTMLButtonElement | undefined;

/** Notes the URL of every notices question the widgets send (the request still goes to the real backend); returns the undo. */
function listenForQuestions(seen: string[]): () => void {
  const fetch0 = window.fetch;
  window.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.includes('/v1/notices')) seen.push(url);
    return fetch0(input, init);
  };
  return () => {
    window.fetch = fetch0;
  };
}

describe('known-issue notices in the ticket form', () => {
  beforeEach(() => clearDrafts(':ticket-form'));
  afterEach(() => clearDrafts(':ticket-form'));

  it('shows the notice for the host\'s program version at once: title, status, workaround; axe clean', async () => {
    const form = await mountForm(freshBackend(), { version: '2026.3.1 (Build 4711)' });
    const c = await waitFor(() => card(form), WAIT, 'the notice');
    expect(text(c)).to.contain(TITLE);
    expect(text(c)).to.contain('Umgehung verfügbar');
    expect(text(c)).to.contain('Als PDF speichern');
    expect(text(c)).to.contain('Betrifft CadiaOFFICE Warenwirtschaft 2026.3.0 – 2026.3.1');
    expect(button(c, 'Betrifft mich auch'), 'subscribe').to.exist;
    expect(button(c, 'Trotzdem Ticket erstellen'), 'file anyway').to.exist;
    await expect(form).to.be.accessible();
  });

  it('shows a notice that resembles what is typed, asking once after typing stops; in English the English texts', async () => {
    const seen: string[] = [];
    const stopListening = listenForQuestions(seen);
    try {
      const form = await mountForm(freshBackend(), { locale: 'en' });
      form.shadowRoot!.querySelector<HTMLInputElement>('[name="subject"]')!.focus();
      await sendKeys({ type: 'printing invoices stops' });
      const c = await waitFor(() => card(form), WAIT, 'the notice');
      expect(text(c)).to.contain('Printing invoices stops after the update');
      expect(text(c)).to.contain('Workaround available');
      expect(seen.length, `one question for the whole phrase: ${seen.join(' ')}`).to.equal(1);
      expect(new URL(seen[0]!, location.href).searchParams.get('q')).to.equal('printing invoices stops');
      await expect(form).to.be.accessible();
    } finally {
      stopListening();
    }
  });

  it('"Betrifft mich auch" by keyboard subscribes the member once; pressing again unsubscribes', async () => {
    const be = freshBackend();
    const form = await mountForm(be, { version: '2026.3.1', token: TOKENS.positiveMember });
    const c = await waitFor(() => card(form), WAIT, 'the notice');
    button(c, 'Betrifft mich auch')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => text(card(form)).includes('Vermerkt: Wir schreiben Ihnen'), WAIT, 'subscribed');
    expect(await be.count('notice_subscriptions', "notice_id = 'ntc_demo_print'")).to.equal(1);
    // Focus stays at the notice, on the button that takes it back.
    // (The card re-renders once the subscription is saved; focus moves after that render.)
    await waitFor(() => text(form.shadowRoot!.activeElement as HTMLElement) === 'Doch nicht benachrichtigen', WAIT, 'focus on the button that takes it back');
    await expect(form).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => button(card(form)!, 'Betrifft mich auch'), WAIT, 'unsubscribed');
    expect(await be.count('notice_subscriptions', "notice_id = 'ntc_demo_print'")).to.equal(0);
  });

  it('"Trotzdem Ticket erstellen" files the ticket linked to the notice', async () => {
    const be = freshBackend();
    const form = await mountForm(be, { version: '2026.3.1' });
    const c = await waitFor(() => card(form), WAIT, 'the notice');
    form.shadowRoot!.querySelector<HTMLInputElement>('input[name="category"][value="bug"]')!.click();
    await typeInto(form, '[name="subject"]', 'Sammelrechnung wird nicht gedruckt');
    await typeInto(form, '[name="description"]', 'Seit dem Update bricht der Druck der Sammelrechnung ab.');
    const created = new Promise<TicketCreatedEvent>((r) => form.addEventListener('cadia-ticket-created', r, { once: true }));
    button(c, 'Trotzdem Ticket erstellen')!.focus();
    await sendKeys({ press: 'Enter' });
    const { ticket } = await created;
    const [link] = await be.sql<{ ticket_id: string }>("SELECT ticket_id FROM notice_subscriptions WHERE notice_id = 'ntc_demo_print'");
    expect(link?.ticket_id).to.equal(ticket.id);
  });

  it('shows the fix live when support sets the notice to fixed', async () => {
    const be = freshBackend();
    const form = await mountForm(be, { version: '2026.3.1' });
    await waitFor(() => card(form), WAIT, 'the notice');
    const r = await be.api('/v1/agent/notices/ntc_demo_print', { method: 'PATCH', json: { status: 'fixed', fixedIn: '2026.3.2' } });
    expect(r.status).to.equal(200);
    await waitFor(() => text(card(form)).includes('Behoben in Version 2026.3.2'), WAIT, 'the fix, live');
    expect(button(card(form)!, 'Betrifft mich auch'), 'nothing to wait for any more').to.equal(undefined);
  });
});

describe('the known-issue notice above the ticket list', () => {
  beforeEach(() => sessionStorage.clear());

  async function mountList(be: TestBackend, locale = 'de', version = '2026.3.1') {
    const provider = await fixture(html`<cadia-provider api-base=${be.apiBase} locale=${locale} .token=${TOKENS.positive}>
      <cadia-ticket-list program=${ERP} program-version=${version}></cadia-ticket-list>
    </cadia-provider>`);
    return provider.querySelector<CadiaTicketList>('cadia-ticket-list')!;
  }

  it('shows the version\'s notice on top, hidden for the session once dismissed; none for an unaffected version', async () => {
    const be = freshBackend();
    const list = await mountList(be);
    const c = await waitFor(() => card(list), WAIT, 'the banner');
    expect(text(c)).to.contain('Bekanntes Problem Ihrer Version');
    expect(text(c)).to.contain(TITLE);
    const first = list.shadowRoot!.querySelector('[part="base"]')!.firstElementChild;
    expect(first?.contains(c) || first === c, 'above the heading').to.equal(true);
    await expect(list).to.be.accessible();
    button(c, 'Ausblenden')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !card(list), WAIT, 'hidden');
    const again = await mountList(be);
    await waitFor(() => again.shadowRoot!.querySelector('[part="item"]'), WAIT, 'the list');
    expect(card(again), 'still hidden in this session').to.equal(null);
    sessionStorage.clear();
    const other = await mountList(be, 'en', '2026.4.0');
    await waitFor(() => other.shadowRoot!.querySelector('[part="item"]'), WAIT, 'the list');
    expect(card(other)).to.equal(null);
  });

  it('beside the form (the ERP window): both show the version\'s notice from one question', async () => {
    const seen: string[] = [];
    const stopListening = listenForQuestions(seen);
    try {
      const provider = await fixture(html`<cadia-provider api-base=${freshBackend().apiBase} .token=${TOKENS.positive}>
        <cadia-ticket-form program=${ERP} program-version="2026.3.1"></cadia-ticket-form>
        <cadia-ticket-list program=${ERP} program-version="2026.3.1"></cadia-ticket-list>
      </cadia-provider>`);
      const form = provider.querySelector<CadiaTicketForm>('cadia-ticket-form')!;
      const list = provider.querySelector<CadiaTicketList>('cadia-ticket-list')!;
      expect(text(await waitFor(() => card(form), WAIT, 'the notice in the form'))).to.contain(TITLE);
      expect(text(await waitFor(() => card(list), WAIT, 'the banner above the list'))).to.contain(TITLE);
      expect(seen.length, `one question for both: ${seen.join(' ')}`).to.equal(1);
    } finally {
      stopListening();
    }
  });

  it('in English', async () => {
    const list = await mountList(freshBackend(), 'en');
    const c = await waitFor(() => card(list), WAIT, 'the banner');
    expect(text(c)).to.contain('Known problem in your version');
    expect(text(c)).to.contain('Printing invoices stops after the update');
    await expect(list).to.be.accessible();
  });
});
