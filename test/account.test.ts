/**
 * <cadia-account> against the real backend: the statement of the month with its running balance,
 * other months by keyboard, downloads, the orders, live updates when support books time, errors,
 * English; and the badge's link to it.
 */
import { fixture, html, expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { unzipSync, strFromU8 } from 'fflate';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-account.js';
import '../src/define/cadia-credit-badge.js';
import type { CadiaAccount } from '../src/elements/account/account.js';
import type { CadiaCreditBadge } from '../src/elements/credit-badge/credit-badge.js';
import { addMonths, monthOf } from '../src/domain/statement.js';
import type { Statement } from '../src/api/types.js';
import { freshBackend, waitFor, TOKENS, type TestBackend } from './harness/backend.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T & Element>(sel) as T | null;
const $$ = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const text = (el: Element | null) => (el?.textContent ?? '').replace(/[ \t\n\r]+/g, ' ').trim();

async function mount(be: TestBackend, opts: { token?: string; locale?: string } = {}) {
  const provider = await fixture(html`<cadia-provider api-base=${be.apiBase} locale=${opts.locale ?? 'de'} .token=${opts.token ?? TOKENS.positive}>
    <cadia-credit-badge account-href="#account"></cadia-credit-badge>
    <cadia-account></cadia-account>
  </cadia-provider>`);
  return { account: provider.querySelector('cadia-account') as CadiaAccount, badge: provider.querySelector('cadia-credit-badge') as CadiaCreditBadge };
}

const loaded = (account: CadiaAccount) => waitFor(() => $(account, '[part="entries"]') && $(account, '.statement[aria-busy="false"]'), 5000, 'statement');
const ordersLoaded = (account: CadiaAccount) => waitFor(() => $(account, '[part="order"]'), 5000, 'orders');

describe('<cadia-account>', () => {
  let be: TestBackend;
  beforeEach(() => {
    be = freshBackend();
  });

  it('shows the current month like a bank statement: opening, entries with ticket and running balance, closing = the badge; accessible', async () => {
    // One booking on each kind of ticket now, so the current month has entries whatever the seed's dates.
    const billable = await be.api<{ ticket: { id: string; number: string } }>('/v1/tickets', { token: TOKENS.positive, method: 'POST', body: (() => {
      const f = new FormData();
      f.set('category', 'concern');
      f.set('subject', 'Rechnungsnummernkreis ändern');
      f.set('description', 'Wie ändere ich den Nummernkreis?');
      return f;
    })() });
    expect(billable.status).to.equal(201);
    expect((await be.api(`/v1/agent/tickets/${billable.body.ticket.id}/time`, { method: 'POST', json: { minutes: 25 } })).status).to.equal(201);
    const { account, badge } = await mount(be);
    await loaded(account);
    const statement = (await be.api<Statement>(`/v1/statement?month=${monthOf(new Date())}`, { token: TOKENS.positive })).body;
    const rows = $$(account, '[part~="entry"]');
    expect(rows.length).to.equal(statement.entries.length);
    const last = rows.at(-1)!;
    expect(text(last)).to.contain('Supportzeit');
    expect(text(last)).to.contain('Rechnungsnummernkreis ändern');
    expect(text(last)).to.contain(`Ticket ${billable.body.ticket.number}`);
    expect(text(last)).to.contain('25\u00a0Min. gearbeitet');
    // Who asked for the help: the person who filed the ticket.
    expect(text(last)).to.contain('von Petra Müller');
    expect(text(last.querySelectorAll('.amount')[0]!)).to.equal('\u221230\u00a0Min.');
    expect(text(last.querySelectorAll('.amount')[1]!)).to.equal(`${statement.closingMinutes}\u00a0Min.`);
    // Closing balance in the summary equals what the badge shows.
    await waitFor(() => $(badge, '[part="value"]'));
    expect(text($(account, '[part~="closing"] .value'))).to.equal(text($(badge, '[part="value"]')));
    expect(text($(account, 'tfoot'))).to.contain('Endsaldo');
    expect(text($(account, 'tbody tr'))).to.contain('Anfangssaldo');
    await expect(account).to.be.accessible();
  });

  it('goes to other months by keyboard (buttons and the picker); the next month is disabled at the current one', async () => {
    const { account } = await mount(be);
    await loaded(account);
    const current = monthOf(new Date());
    const [prev, next] = $$(account, '[part="month"] button') as HTMLButtonElement[];
    expect(next!.disabled).to.equal(true);
    prev!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => account.month === addMonths(current, -1));
    await loaded(account);
    const before = (await be.api<Statement>(`/v1/statement?month=${addMonths(current, -1)}`, { token: TOKENS.positive })).body;
    expect($$(account, '[part~="entry"]').length).to.equal(before.entries.length);
    expect(($(account, 'select') as HTMLSelectElement).value).to.equal(addMonths(current, -1));
    expect(next!.disabled).to.equal(false);
    // The picker: arrow keys choose another month.
    ($(account, 'select') as HTMLSelectElement).focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(() => account.month === addMonths(current, -2), 3000, 'month from the picker');
    await loaded(account);
    expect(account.getAttribute('month')).to.equal(addMonths(current, -2));
  });

  it('a month without movements says so and carries the balance through', async () => {
    const { account } = await mount(be);
    account.month = addMonths(monthOf(new Date()), -20);
    await waitFor(() => $(account, '.empty'));
    expect(text($(account, '.empty'))).to.contain('nicht bewegt');
    await expect(account).to.be.accessible();
  });

  it('downloads the statement as PDF and CSV with the session, and says so', async () => {
    const { account } = await mount(be);
    await loaded(account);
    const clicked: Array<{ name: string; type: string; size: number }> = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      void fetch(this.href).then(async (r) => {
        const blob = await r.blob();
        clicked.push({ name: this.download, type: blob.type, size: blob.size });
      });
    };
    try {
      const [pdf, csv] = $$(account, '[part="download"] button') as HTMLButtonElement[];
      pdf!.click();
      await waitFor(() => clicked.length === 1);
      expect(clicked[0]!.name).to.match(/^Cadia-Kontoauszug-10001-\d{4}-\d{2}\.pdf$/);
      expect(clicked[0]!.type).to.equal('application/pdf');
      expect(clicked[0]!.size).to.be.greaterThan(1000);
      await waitFor(() => text($(account, '[part="download"] [role="status"]')).includes('heruntergeladen'));
      csv!.click();
      await waitFor(() => clicked.length === 2);
      expect(clicked[1]!.name).to.match(/\.csv$/);
      expect(clicked[1]!.type).to.match(/^text\/csv/);
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    await be.fault({ kind: 'status', status: 500, match: '/v1/statement', times: 3 });
    ($$(account, '[part="download"] button')[0] as HTMLButtonElement).click();
    await waitFor(() => text($(account, '[part="download"] [role="status"]')).includes('nicht erstellt'));
  });

  it('lists the orders with price and state; a new order shows in the statement and the orders at once', async () => {
    const { account } = await mount(be);
    await loaded(account);
    await ordersLoaded(account);
    const before = $$(account, '[part="order"]').length;
    const seeded = $(account, '[data-id="ord_off_demo_last_year"]')!;
    expect(text(seeded)).to.contain('Treueangebot Supportpaket 600');
    expect(text(seeded)).to.contain('+600\u00a0Min.');
    expect(text(seeded)).to.contain('764,00\u00a0€');
    expect(text(seeded)).to.contain('Gutgeschrieben');
    const entries = $$(account, '[part~="entry"]').length;
    // Ordered elsewhere (another tab): the event stream brings the credit, the account reloads.
    const placed = await be.api<{ order: { id: string } }>('/v1/orders', { token: TOKENS.positive, method: 'POST', json: { packageId: 'pkg-60' } });
    expect(placed.status).to.equal(201);
    await waitFor(() => $$(account, '[part="order"]').length === before + 1, 8000, 'the new order');
    await waitFor(() => $$(account, '[part~="entry"]').length === entries + 1, 8000, 'the new entry');
    expect(text($$(account, '[part~="entry"]').at(-1)!)).to.contain('Gutschrift aus Bestellung');
    // Who ordered, in the orders and on the statement: the admin the token speaks for.
    expect(text($(account, `[data-id="${placed.body.order.id}"]`))).to.contain('von Petra Müller');
    expect(text($$(account, '[part~="entry"]').at(-1)!)).to.contain('von Petra Müller');
  });

  it('orders show their state honestly: a cancelled one struck through with the date and reason, its correction on the statement', async () => {
    const { account } = await mount(be);
    await ordersLoaded(account);
    const cancelled = $(account, '[data-id="ord_demo_cancelled"]')!;
    expect(cancelled.dataset['status']).to.equal('cancelled');
    expect(text(cancelled.querySelector('.state'))).to.equal('Storniert');
    expect(text(cancelled)).to.match(/Storniert am .+: Versehentlich das große Paket bestellt – auf Ihren Wunsch storniert/);
    expect(getComputedStyle(cancelled.querySelector('.void')!).textDecorationLine).to.equal('line-through');
    expect(text($(account, '[data-id="ord_off_demo_last_year"] .state'))).to.equal('Gutgeschrieben');
    // Support cancels today's order: the list and the statement follow live.
    const placed = await be.api<{ order: { id: string } }>('/v1/orders', { token: TOKENS.positive, method: 'POST', json: { packageId: 'pkg-60' } });
    await waitFor(() => $(account, `[data-id="${placed.body.order.id}"]`), 8000, 'the new order');
    await loaded(account);
    const entries = $$(account, '[part~="entry"]').length;
    expect((await be.api(`/v1/agent/orders/${placed.body.order.id}/cancel`, { method: 'POST', json: { note: 'Doppelt bestellt' } })).status).to.equal(200);
    await waitFor(() => $(account, `[data-id="${placed.body.order.id}"]`)?.dataset['status'] === 'cancelled', 8000, 'cancelled live');
    await waitFor(() => $$(account, '[part~="entry"]').length === entries + 1, 8000, 'the correction');
    const correction = $$(account, '[part~="entry"]').at(-1)!;
    expect(text(correction)).to.contain('Korrektur durch den Cadia-Support');
    expect(text(correction)).to.contain('Doppelt bestellt');
    expect(text(correction)).to.contain('Bestellung: Supportpaket 60');
    expect(text(correction.querySelector('.amount'))).to.equal('\u221260\u00a0Min.');
    await expect(account).to.be.accessible();
  });

  it('an admin sees the company\'s people read only: name, email, role, last activity; themselves marked', async () => {
    const { account } = await mount(be);
    const people = await waitFor(() => ($$(account, '[part="contact"]').length ? $$(account, '[part="contact"]') : null), 5000, 'the people');
    expect(text($(account, '#company-heading'))).to.equal('Personen Ihres Unternehmens');
    const [jonas, petra] = people;
    expect(text(jonas!)).to.contain('Jonas Weber');
    expect(text(jonas!)).to.contain('j.weber@mueller-haustechnik.example');
    expect(text(jonas!)).to.contain('Mitglied');
    expect(text(jonas!)).to.match(/zuletzt aktiv \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    expect(text(petra!)).to.contain('Petra Müller (Sie)');
    expect(text(petra!)).to.contain('Administrator');
    // Read only: nothing in it to press or type into.
    expect($(account, '[part="company"]')!.querySelectorAll('button, input, select, a').length).to.equal(0);
    await expect(account).to.be.accessible();
  });

  it('shows an error with retry when the statement cannot load, and the sign-in hint without a session', async () => {
    await be.fault({ kind: 'status', status: 500, match: '/v1/statement', times: 3 });
    const { account } = await mount(be);
    const retry = await waitFor(() => $<HTMLButtonElement>(account, '[part="statement"] [part="retry"]'));
    expect(text($(account, '[part="statement"] [role="alert"]'))).to.contain('Der Kontoauszug konnte nicht geladen werden.');
    await expect(account).to.be.accessible();
    retry.click();
    await loaded(account);

    const signedOut = await mount(be, { token: 'no-such-token' });
    await waitFor(() => text(signedOut.account.shadowRoot!.querySelector('[part="statement"]')).includes('Bitte melden Sie sich an'));
  });

  it('a member sees who to ask instead of the statement and the orders, and asks the server for neither; accessible', async () => {
    const asked: string[] = [];
    const seen = new PerformanceObserver((list) => asked.push(...list.getEntries().map((e) => e.name)));
    seen.observe({ type: 'resource', buffered: false });
    const { account } = await mount(be, { token: TOKENS.positiveMember });
    const notice = await waitFor(() => $(account, '[part="member-notice"]'), 5000, 'the member notice');
    await waitFor(() => text(notice).includes('Petra Müller'), 5000, 'the admin named');
    expect(text(notice)).to.contain('Kontoauszug und Bestellungen Ihres Unternehmens sehen nur dessen Administratoren.');
    expect(text(notice)).to.contain('Ihre Tickets');
    expect($(account, '[part="statement"]')).to.equal(null);
    expect($(account, '[part="orders"]')).to.equal(null);
    seen.disconnect();
    // (The observer does see the widget's reads: the company's people were asked for.)
    expect(asked.some((u) => u.includes('/v1/contacts'))).to.equal(true);
    expect(asked.filter((u) => /\/v1\/(statement|orders)/.test(u))).to.deep.equal([]);
    await expect(account).to.be.accessible();
  });

  it('every person downloads their own data by keyboard: one ZIP with their profile and tickets; it says so', async () => {
    const saved: Array<{ name: string; bytes: Uint8Array }> = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      void fetch(this.href).then(async (r) => saved.push({ name: this.download, bytes: new Uint8Array(await r.arrayBuffer()) }));
    };
    try {
      // A member: the money is not theirs, their data is.
      const { account } = await mount(be, { token: TOKENS.positiveMember });
      const button = await waitFor(() => $<HTMLButtonElement>(account, '[part="export"]'), 5000, 'the export button');
      expect(text(button)).to.equal('Meine Daten herunterladen');
      expect(text($(account, '[part="my-data"]'))).to.contain('DSGVO Art. 15 und 20');
      button.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => saved.length === 1, 8000, 'the archive');
      expect(saved[0]!.name).to.match(/^Cadia-Meine-Daten-10001-\d{4}-\d{2}-\d{2}\.zip$/);
      const files = unzipSync(saved[0]!.bytes);
      expect(JSON.parse(strFromU8(files['profile.json']!)).name).to.equal('Jonas Weber');
      expect(Object.keys(files).some((n) => /^tickets\/[^/]+\/ticket\.json$/.test(n))).to.equal(true);
      expect(strFromU8(files['LIESMICH.txt']!)).to.contain('Ihre Daten beim Cadia-Support');
      await waitFor(() => text($(account, '[part="my-data"] [role="status"]')).includes('heruntergeladen'));
      await expect(account).to.be.accessible();
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    // When it cannot be made, the status says so (and the reason), the button stays.
    const { account } = await mount(be, { locale: 'en' });
    await be.fault({ kind: 'status', status: 500, match: '/v1/me/export', times: 3 });
    const button = await waitFor(() => $<HTMLButtonElement>(account, '[part="export"]'));
    expect(text(button)).to.equal('Download my data');
    button.click();
    await waitFor(() => text($(account, '[part="my-data"] [role="status"]')).includes('could not be prepared'), 8000, 'the failure');
    expect(button.disabled).to.equal(false);
  });

  it('English: words, numbers and dates', async () => {
    const { account } = await mount(be, { locale: 'en' });
    await loaded(account);
    expect(text($(account, 'h2'))).to.equal('Support credit statement');
    expect(text($(account, 'tbody tr'))).to.contain('Opening balance');
    expect(text($(account, '[part="download"]'))).to.contain('Download PDF');
    await ordersLoaded(account);
    expect(text($(account, '[data-id="ord_off_demo_last_year"]'))).to.contain('€764.00');
    await expect(account).to.be.accessible();
  });

  it('the badge links to the statement; cancelling cadia-statement-requested keeps the page', async () => {
    const { badge } = await mount(be);
    const link = await waitFor(() => $<HTMLAnchorElement>(badge, '[part="statement"]'));
    expect(text(link)).to.equal('Kontoauszug');
    expect(link.getAttribute('href')).to.equal('#account');
    let seen = 0;
    const stop = (e: Event) => {
      seen++;
      e.preventDefault();
    };
    badge.addEventListener('cadia-statement-requested', stop);
    link.click();
    badge.removeEventListener('cadia-statement-requested', stop);
    expect(seen).to.equal(1);
    expect(location.hash).to.not.equal('#account');
    link.click();
    expect(location.hash).to.equal('#account');
    history.replaceState(null, '', location.pathname + location.search);
  });
});
