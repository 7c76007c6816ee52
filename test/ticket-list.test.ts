import { fixture, html, expect, oneEvent } from '@open-wc/testing';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-ticket-list.js';
import type { CadiaTicketList } from '../src/elements/ticket-list/ticket-list.js';
import type { CadiaProvider } from '../src/context/provider.js';
import type { TicketSelectEvent } from '../src/events/index.js';
import { freshBackend, waitFor, shadowText, TOKENS, type TestBackend } from './harness/backend.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const rows = (el: Element) => $$<HTMLButtonElement>(el, 'button.row');
const countText = (el: Element) => $(el, '.count')?.textContent?.trim() ?? '';

async function mount(be: TestBackend, opts: { token?: string; locale?: string; pageSize?: number; ticketId?: string } = {}) {
  const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale=${opts.locale ?? 'de'} .token=${opts.token ?? TOKENS.positive}>
    <cadia-ticket-list page-size=${opts.pageSize ?? 50} ticket-id=${opts.ticketId ?? ''}></cadia-ticket-list>
  </cadia-provider>`);
  return provider.querySelector('cadia-ticket-list') as CadiaTicketList;
}

const loaded = (list: CadiaTicketList, n = 1) => waitFor(() => rows(list).length >= n, 5000, 'ticket rows');

/** Removes every ticket of a customer (for the empty state). */
async function deleteTickets(be: TestBackend, customer: string) {
  const t = `(SELECT id FROM tickets WHERE customer_number = '${customer}')`;
  await be.exec(`
    DELETE FROM attachment_blobs WHERE attachment_id IN (SELECT a.id FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.ticket_id IN ${t});
    DELETE FROM attachments WHERE message_id IN (SELECT id FROM messages WHERE ticket_id IN ${t});
    DELETE FROM messages WHERE ticket_id IN ${t};
    DELETE FROM time_entries WHERE ticket_id IN ${t};
    DELETE FROM ticket_ratings WHERE ticket_id IN ${t};
    DELETE FROM credit_movements WHERE ticket_id IN ${t};
    DELETE FROM tickets WHERE customer_number = '${customer}';`);
}

describe('<cadia-ticket-list> list', () => {
  let be: TestBackend;
  beforeEach(() => {
    be = freshBackend();
  });

  it('shows a skeleton while loading, then the tickets newest first with all columns', async () => {
    await be.fault({ kind: 'timeout', match: '/v1/tickets', ms: 500 });
    const list = await mount(be, { token: TOKENS.negative });
    await list.updateComplete; // the first render comes in a task of its own, after the provider's
    expect($(list, '.skeleton')).to.exist;
    expect($(list, '[aria-busy="true"]')).to.exist;
    await expect(list).to.be.accessible();
    await loaded(list, 3);
    const [first, second, third] = rows(list).map((r) => r.textContent!.replace(/\s+/g, ' '));
    // 10002: DATEV (5 h ago) · Buchungsstapel (3 d) · Lizenz (24 d)
    expect(first).to.contain('DATEV-Export bricht bei 45 % ab');
    expect(first).to.contain('Neu');
    expect(first).to.contain('Fehlerbehandlung');
    expect(second).to.contain('Buchungsstapel lässt sich nicht exportieren');
    expect(second).to.contain('Wartet auf Ihre Antwort');
    expect(second).to.contain('30 Min.');
    expect(second).to.contain('Neue Antwort');
    expect(third).to.contain('Abgeschlossen');
    expect(third).to.not.contain('Neue Antwort');
    const list_ = $(list, '[role="list"]')!;
    expect(list_.getAttribute('aria-label')).to.equal('Tickets, 3 insgesamt');
    expect(rows(list)[0]!.closest('[role="listitem"]')!.getAttribute('aria-setsize')).to.equal('3');
    expect(countText(list)).to.equal('3 Tickets');
    await expect(list).to.be.accessible();
  });

  it('marks urgent tickets and the ticket number', async () => {
    const list = await mount(be);
    await loaded(list);
    const urgent = rows(list).find((r) => r.textContent!.includes('Lieferscheinen'))!;
    expect(urgent.querySelector('.urgent')!.textContent).to.equal('Dringend');
    expect(urgent.querySelector('.number')!.textContent).to.match(/^T-\d{4}-\d+$/);
  });

  it('filters by status on the server', async () => {
    const list = await mount(be);
    await loaded(list);
    const select = $<HTMLSelectElement>(list, 'select')!;
    select.value = 'waiting_for_customer';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => rows(list).length === 1, 5000, 'one waiting ticket');
    expect(rows(list)[0]!.textContent).to.contain('Datensicherung bleibt bei 80 % stehen');
    expect(countText(list)).to.equal('1 Ticket');
    select.value = 'closed';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => countText(list) === '26 Tickets', 5000, 'closed tickets');
    expect(rows(list).every((r) => r.textContent!.includes('Abgeschlossen'))).to.be.true;
  });

  it('searches number, subject and text on the server; no match offers to show all', async () => {
    const list = await mount(be);
    await loaded(list);
    const input = $<HTMLInputElement>(list, 'input[type=search]')!;
    // "Belegarchiv" is only in a message of the thread, not in a subject.
    input.value = 'Belegarchiv';
    input.dispatchEvent(new Event('input'));
    await waitFor(() => rows(list).length === 1, 5000, 'search result');
    expect(rows(list)[0]!.textContent).to.contain('Datensicherung');
    expect(countText(list)).to.equal('1 Treffer für „Belegarchiv“');

    const [seeded] = await be.sql<{ number: string }>("SELECT number FROM tickets WHERE id = 'tkt_demo_g'");
    input.value = seeded!.number;
    input.form!.requestSubmit();
    await waitFor(() => rows(list).length === 1 && rows(list)[0]!.textContent!.includes('RE-2026-0815'), 5000, 'by number');

    input.value = 'gibt es nicht xyz';
    input.form!.requestSubmit();
    await waitFor(() => $(list, '.no-match'), 5000, 'no match state');
    expect(shadowText(list)).to.contain('Keine passenden Tickets');
    await expect(list).to.be.accessible();
    $<HTMLButtonElement>(list, '.no-match button')!.click();
    await waitFor(() => countText(list) === '31 Tickets', 5000, 'all tickets again');
    expect(input.value).to.equal('');
  });

  it('pages with the cursor as the customer scrolls', async () => {
    const list = await mount(be, { pageSize: 10 });
    await loaded(list, 10);
    expect(rows(list)).to.have.length(10);
    expect(countText(list)).to.equal('10 von 31 Tickets');
    const scroller = $(list, '.scroller')!;
    // Scroll events come with the next rendered frame, which a page in the background may not get soon.
    const scrollToEnd = () => {
      scroller.scrollTop = scroller.scrollHeight;
      scroller.dispatchEvent(new Event('scroll'));
    };
    scrollToEnd();
    await waitFor(() => rows(list).length === 20, 5000, 'second page');
    expect(rows(list).map((r) => r.dataset.id)).to.have.length(new Set(rows(list).map((r) => r.dataset.id)).size);
    // The "load more" button works without scrolling, too.
    const more = $<HTMLButtonElement>(list, '.more button')!;
    expect(more.textContent).to.contain('20 von 31');
    more.click();
    await waitFor(() => rows(list).length === 30, 5000, 'third page');
    scrollToEnd();
    await waitFor(() => rows(list).length === 31, 5000, 'last page');
    expect($(list, '.more button')).to.be.null;
    expect(countText(list)).to.equal('31 Tickets');
  });

  it('shows the empty state for a customer without tickets', async () => {
    await deleteTickets(be, '10002');
    const list = await mount(be, { token: TOKENS.negative });
    await waitFor(() => $(list, '.empty'), 5000, 'empty state');
    expect(shadowText(list)).to.contain('Noch keine Tickets');
    await expect(list).to.be.accessible();
  });

  it('shows an error with a retry that works', async () => {
    await be.fault({ kind: 'status', status: 500, match: '/v1/tickets', times: 3 });
    const list = await mount(be);
    await waitFor(() => $(list, '.state-box.error'), 8000, 'error state');
    expect(shadowText(list)).to.contain('Ihre Tickets konnten nicht geladen werden.');
    expect(shadowText(list)).to.contain('Beim Server ist ein Fehler aufgetreten.');
    await expect(list).to.be.accessible();
    $<HTMLButtonElement>(list, '.state-box.error button')!.click();
    await loaded(list);
  });

  it('keyboard: arrows move between rows, Enter opens, Back returns to the same row', async () => {
    const list = await mount(be);
    await loaded(list);
    const first = rows(list)[0]!;
    expect(first.tabIndex).to.equal(0);
    expect(rows(list)[1]!.tabIndex).to.equal(-1);
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    await waitFor(() => list.shadowRoot!.activeElement === rows(list)[1], 2000, 'second row focused');
    rows(list)[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    await waitFor(() => list.shadowRoot!.activeElement === rows(list)[2], 2000, 'third row focused');
    expect(rows(list)[2]!.tabIndex).to.equal(0);
    const id = rows(list)[2]!.dataset.id!;
    const selected = oneEvent<TicketSelectEvent>(list, 'cadia-ticket-select');
    rows(list)[2]!.click(); // Enter on a native button is a click
    expect((await selected).ticketId).to.equal(id);
    expect(list.ticketId).to.equal(id);
    await waitFor(() => $(list, '.detail .subject-h'), 5000, 'detail');
    expect(list.shadowRoot!.activeElement).to.equal($(list, '.back'));
    $<HTMLButtonElement>(list, '.back')!.click();
    await waitFor(() => list.shadowRoot!.activeElement === rows(list)[2], 3000, 'focus back on the opened row');
    expect(list.ticketId).to.equal('');
  });

  it('a full page: every row is there once complete, rows out of view are skipped until reached, End and Home reach them by keyboard', async () => {
    const list = await mount(be);
    await loaded(list);
    await list.updateComplete;
    const all = rows(list);
    expect(all.length).to.be.greaterThan(20);
    expect(countText(list)).to.equal(`${all.length} Tickets`);
    const last = all.at(-1)!;
    // The browser skips styling and laying out rows scrolled out of view (content-visibility)…
    await waitFor(() => !last.checkVisibility({ contentVisibilityAuto: true }), 2000, 'last row skipped while out of view');
    all[0]!.focus();
    all[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await waitFor(() => list.shadowRoot!.activeElement === last, 2000, 'last row focused');
    // …and shows one as soon as it is reached: in view inside the scroller, laid out.
    const scroller = $(list, '.scroller')!.getBoundingClientRect();
    await waitFor(() => {
      const r = last.getBoundingClientRect();
      return r.height > 40 && r.top >= scroller.top - 1 && r.bottom <= scroller.bottom + 1;
    }, 2000, 'last row in view');
    expect(last.checkVisibility({ contentVisibilityAuto: true })).to.equal(true);
    last.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true, composed: true }));
    await waitFor(() => list.shadowRoot!.activeElement === all[0], 2000, 'first row focused');
    await expect(list).to.be.accessible();
  });

  it('speaks English', async () => {
    const list = await mount(be, { locale: 'en', token: TOKENS.negative });
    await loaded(list, 3);
    expect(shadowText(list)).to.contain('Your tickets');
    expect(rows(list)[1]!.textContent).to.contain('Waiting for your reply');
    expect(countText(list)).to.equal('3 tickets');
  });
});
