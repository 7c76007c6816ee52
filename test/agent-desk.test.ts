/**
 * The support desk against the reference backend, as an agent would use it: the queue in working
 * order with filters, counts and the keyboard; a ticket's thread with images; reply, book time
 * (charge shown before saving), reclassify, status; customers and the mail outbox; bad input
 * refused at the field; two agents on one ticket seeing each other live.
 */
import { sendKeys } from '@web/test-runner-commands';
import { fixture, html, expect } from '@open-wc/testing';
import '../src/define/cadia-agent-desk.js';
import type { CadiaAgentDesk } from '../src/elements/agent-desk/agent-desk.js';
import type { CadiaProvider } from '../src/context/provider.js';
import { freshBackend, waitFor, TOKENS, type TestBackend } from './harness/backend.js';
import { pickImages, typeInto } from './harness/dom.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The agent's sign-in, through the provider's one seam. */
const agentToken = async () => TOKENS.agent;

async function mountDesk(be: TestBackend, locale = 'de', getToken = agentToken): Promise<CadiaAgentDesk> {
  const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale=${locale} .getToken=${getToken}>
    <cadia-agent-desk style="height: 760px"></cadia-agent-desk>
  </cadia-provider>`);
  const desk = provider.querySelector('cadia-agent-desk')!;
  await waitFor(() => $$(desk, '[role=option]').length > 0, 8000, 'the queue');
  await waitFor(() => desk.shadowRoot!.querySelector('.live.on'), 8000, 'the live stream');
  return desk;
}

const rowIds = (desk: Element) => $$(desk, '[role=option]').map((o) => o.id.replace(/^q-/, ''));
const heading = (desk: Element) => text($(desk, '#t-h'));

async function openTicket(desk: CadiaAgentDesk, id: string, subject: RegExp) {
  await waitFor(() => $(desk, `#q-${id}`), 5000, `row ${id}`);
  $(desk, `#q-${id}`)!.click();
  await waitFor(() => subject.test(heading(desk)), 5000, `ticket ${id}`);
}

/** Presses the status filter chip whose label starts with `label`. */
async function statusFilter(desk: CadiaAgentDesk, label: string) {
  $$(desk, '.chip').find((c) => text(c).startsWith(label))!.click();
  await desk.updateComplete;
}

async function submit(desk: CadiaAgentDesk, formHeading: string) {
  $(desk, `form[aria-labelledby="${formHeading}"] button[type=submit]`)!.click();
  await desk.updateComplete;
}

describe('<cadia-agent-desk>', () => {
  // One backend for the file: each test works on tickets the others leave alone.
  const be = freshBackend();

  it('queue: urgent first, then by arrival; counts, filters, search; keyboard opens and jumps to the reply', async () => {
    const desk = await mountDesk(be);
    // Open = new + in progress; the urgent bug leads, the rest by arrival.
    expect(rowIds(desk)[0]).to.equal('tkt_demo_a');
    expect(text($(desk, '.chip[aria-pressed=true]'))).to.match(/^Offen \d+$/);
    expect(text($(desk, '#queue-h'))).to.contain('1 dringend');

    const category = $$<HTMLSelectElement>(desk, '.filters select')[0]!;
    category.value = 'feature';
    category.dispatchEvent(new Event('change'));
    await waitFor(() => rowIds(desk).join() === 'tkt_demo_d', 5000, 'category filter');
    category.value = '';
    category.dispatchEvent(new Event('change'));
    await typeInto(desk, '#q', 'DATEV');
    await waitFor(() => rowIds(desk).length === 1 && /DATEV/.test(text($(desk, '[role=option]'))), 5000, 'search');
    await typeInto(desk, '#q', '');
    await waitFor(() => rowIds(desk).length > 1, 5000, 'search cleared');

    // Keyboard only: into the list, down one, Enter opens it, R goes to the reply.
    $(desk, '[role=listbox]')!.focus();
    await sendKeys({ press: 'j' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'k' });
    const second = rowIds(desk)[1]!;
    expect($(desk, '[role=listbox]')!.getAttribute('aria-activedescendant')).to.equal(`q-${second}`);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(desk, `#q-${second}[aria-selected=true]`) && heading(desk), 5000, 'opened by Enter');
    await sendKeys({ press: 'r' });
    expect(desk.shadowRoot!.activeElement?.id).to.equal('reply-body');
    await expect(desk).to.be.accessible();

    // A laptop (1024 px), a desktop (1280, 1440 px): the queue and the ticket side by side, nothing
    // overlapping, nothing wider than its pane; the actions stand beside the thread, so booking time
    // is in view when a ticket opens, without scrolling past the thread.
    for (const width of [1024, 1280, 1440]) {
      desk.style.width = `${width}px`;
      await new Promise((r) => requestAnimationFrame(r));
      const queue = $(desk, '.queue')!.getBoundingClientRect();
      const ticket = $(desk, '.ticket')!;
      ticket.scrollTop = 0;
      const pane = ticket.getBoundingClientRect();
      expect(queue.right, `${width}: queue ends where the ticket starts`).to.be.at.most(pane.left + 0.5);
      expect(ticket.scrollWidth, `${width}: no sideways scroll in the ticket`).to.be.at.most(ticket.clientWidth);
      for (const card of $$(desk, '.ticket .card')) {
        const r = card.getBoundingClientRect();
        expect(r.right, `${width}: ${card.getAttribute('aria-labelledby')} inside the pane`).to.be.at.most(pane.right + 0.5);
      }
      const main = $(desk, '.t-main')!.getBoundingClientRect();
      const side = $(desk, '.t-side')!.getBoundingClientRect();
      expect(side.left, `${width}: actions beside the thread, not below it`).to.be.at.least(main.right);
      expect(side.top, `${width}: actions start level with the ticket's main column`).to.be.closeTo(main.top, 1);
      const booking = $(desk, 'form[aria-labelledby="time-h"] button[type=submit]')!.getBoundingClientRect();
      expect(booking.bottom, `${width}: "book time" in view without scrolling`).to.be.at.most(pane.top + ticket.clientHeight);
    }
    desk.style.width = '';
  });

  it('ticket: context, CC, thread image; booking shows the charge first, refuses 0 and 601 at the field, then books once', async () => {
    const desk = await mountDesk(be);
    await openTicket(desk, 'tkt_demo_a', /Lieferscheinen/);
    expect(text($(desk, '.context'))).to.contain('Zugriffsverletzung');
    await waitFor(() => $(desk, '.thread .thumb img'), 5000, 'the customer’s screenshot');

    // A bug: free, whatever the minutes.
    await typeInto(desk, '#t-min', '25');
    expect(text($(desk, '#t-preview'))).to.contain('Kostenlos');

    await openTicket(desk, 'tkt_demo_d', /Lagerort/);
    await typeInto(desk, '#t-min', '25');
    expect(text($(desk, '#t-preview'))).to.contain('Berechnet werden 30 Min. (3 angefangene 10 Minuten)');
    expect(text($(desk, '#t-preview'))).to.contain('Guthaben 2 Std. 30 Min. → 2 Std.');
    expect(text($(desk, '.facts'))).to.contain('it@partner-edv.example');

    for (const bad of ['0', '601']) {
      await typeInto(desk, '#t-min', bad);
      await submit(desk, 'time-h');
      expect($(desk, '#t-min')!.getAttribute('aria-invalid')).to.equal('true');
      expect(text($(desk, '#time-out'))).to.equal('Bitte 1 bis 600 Minuten angeben.');
    }
    expect(await be.count('time_entries', "ticket_id = 'tkt_demo_d'")).to.equal(0);

    await typeInto(desk, '#t-min', '25');
    await submit(desk, 'time-h');
    await waitFor(() => /gebucht/.test(text($(desk, '#time-out'))), 5000, 'booked');
    expect(text($(desk, '#time-out'))).to.contain('Guthaben jetzt 2 Std.');
    await waitFor(() => $(desk, '.ledger tbody tr'), 5000, 'the ledger row');
    const [credit] = await be.sql<{ credit_minutes: number }>("SELECT credit_minutes FROM customers WHERE number = '10001'");
    expect(credit!.credit_minutes).to.equal(120);
    await expect(desk).to.be.accessible();
  });

  it('reply with an image; one without text and images is refused at the field; status and reclassify, the second refused', async () => {
    const desk = await mountDesk(be);
    await openTicket(desk, 'tkt_demo_b', /Mehrwertsteuer/);
    const before = await be.count('messages', "ticket_id = 'tkt_demo_b'");
    await submit(desk, 'reply-h');
    expect(text($(desk, '#reply-out'))).to.equal('Bitte schreiben Sie eine Antwort oder hängen Sie ein Bild an.');
    expect($(desk, '#reply-body')!.getAttribute('aria-invalid')).to.equal('true');
    expect(await be.count('messages', "ticket_id = 'tkt_demo_b'")).to.equal(before);

    const c = document.createElement('canvas');
    c.width = 40;
    c.height = 30;
    const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/png'));
    await pickImages(desk, [new File([blob], 'korrektur.png', { type: 'image/png' })]);
    await typeInto(desk, '#reply-body', 'Das Korrektur-Update ist da.');
    await submit(desk, 'reply-h');
    await waitFor(() => /Antwort gesendet/.test(text($(desk, '#reply-out'))), 8000, 'reply sent');
    await waitFor(() => $$(desk, '.thread .msg.support').some((m) => /Korrektur-Update ist da/.test(text(m)) && m.querySelector('.thumb')), 5000, 'reply with image in the thread');
    expect(await be.count('attachments a JOIN messages m ON m.id = a.message_id', "m.ticket_id = 'tkt_demo_b' AND m.author = 'support'")).to.equal(1);

    // Reclassify the "bug": its 20 free minutes are charged now, the customer is told.
    $(desk, '#rc-cat')!.dispatchEvent(new Event('change'));
    await submit(desk, 'rc-h');
    await waitFor(() => /Umklassifiziert in „Anwenderfehler“/.test(text($(desk, '#rc-out'))), 5000, 'reclassified');
    await waitFor(() => $$(desk, '.thread .msg.system').some((m) => /Kein Programmfehler/.test(text(m))), 5000, 'the notice in the thread');
    // A colleague's stale page tries the same: refused at the field, nothing charged twice.
    const again = await be.api<{ errors: Array<{ field: string; message: string }> }>('/v1/agent/tickets/tkt_demo_b/reclassify', {
      method: 'POST', json: { category: 'user_error' }, headers: { 'Accept-Language': 'de' },
    });
    expect([again.status, again.body.errors[0]?.field, again.body.errors[0]?.message]).to.deep.equal([422, 'category', 'Das Ticket wurde bereits umklassifiziert.']);

    const status = $<HTMLSelectElement>(desk, 'select[name=status]')!;
    status.value = 'closed';
    await submit(desk, 'st-h');
    await waitFor(() => text($(desk, '#st-out')) === 'Status: Abgeschlossen', 5000, 'status set');
    await expect(desk).to.be.accessible();
  });

  it('two agents on one ticket: both replies kept and seen live by the other, both bookings charged once each', async () => {
    const one = await mountDesk(be);
    // A second agent, signed in with a role `agent` token of their own.
    const second = await be.sign({ customer: null, role: 'agent', sub: 'agent-zwei', name: 'Zweite Agentin', email: 'zwei@cadia.example' });
    const two = await mountDesk(be, 'de', async () => second);
    for (const desk of [one, two]) {
      await statusFilter(desk, 'Wartet auf Kunde');
      await openTicket(desk, 'tkt_demo_c', /Datensicherung/);
    }
    const [{ credit_minutes: before }] = (await be.sql<{ credit_minutes: number }>("SELECT credit_minutes FROM customers WHERE number = '10001'")) as [{ credit_minutes: number }];

    await typeInto(one, '#reply-body', 'Antwort von Agent eins');
    await typeInto(two, '#reply-body', 'Antwort von Agent zwei');
    await Promise.all([submit(one, 'reply-h'), submit(two, 'reply-h')]);
    for (const desk of [one, two]) {
      await waitFor(() => ['eins', 'zwei'].every((w) => $$(desk, '.thread .msg.support').some((m) => text(m).includes(`Agent ${w}`))), 8000, 'both replies, live');
      expect($$(desk, '.thread .msg.support').filter((m) => text(m).includes('Agent zwei')).every((m) => text(m).includes('Zweite Agentin'))).to.equal(true);
    }

    await typeInto(one, '#t-min', '25');
    await typeInto(two, '#t-min', '5');
    await Promise.all([submit(one, 'time-h'), submit(two, 'time-h')]);
    await waitFor(async () => (await be.count('time_entries', "ticket_id = 'tkt_demo_c'")) === 4, 5000, 'both bookings');
    const [{ credit_minutes: after }] = (await be.sql<{ credit_minutes: number }>("SELECT credit_minutes FROM customers WHERE number = '10001'")) as [{ credit_minutes: number }];
    expect(before - after).to.equal(30 + 10);
    // Each desk shows the other's booking too.
    for (const desk of [one, two]) await waitFor(() => $$(desk, '.ledger tbody tr').length === 4, 5000, 'the other agent’s booking, live');
  });

  it('customers: credit and offers, licence renewal issues the offer and a second is refused; outbox: why it failed, resend', async () => {
    const desk = await mountDesk(be, 'en');
    $(desk, '#tab-customers')!.click();
    await waitFor(() => $$(desk, 'table.customers button.link').length === 2, 5000, 'customers');
    $$(desk, 'table.customers button.link')[1]!.click();
    await waitFor(() => /Schneider/.test(text($(desk, '#c-h'))), 5000, 'customer 10002');
    expect(text($(desk, '.facts'))).to.contain('−40 min');
    expect(text($(desk, '.offers'))).to.contain('expired');
    // The statement of the month, in the customer's own words, ending at the credit.
    await waitFor(() => $(desk, 'table.statement'), 5000, 'the statement');
    expect(text($$(desk, 'table.statement tbody tr').at(-1))).to.match(/Closing balance.*−40 min/);
    const renew = () => [...$$(desk, 'button.primary')].find((b) => text(b) === 'Renew licence')!.click();
    renew();
    await waitFor(() => /Licence renewed/.test(text($(desk, '.outcome.ok'))), 5000, 'renewed');
    await waitFor(() => $(desk, '.offer.open'), 5000, 'the open offer');
    renew();
    await waitFor(() => /only ever one at a time/.test(text($(desk, '.outcome.bad'))), 5000, 'second renewal refused');
    await expect(desk).to.be.accessible();
    // From the customer to their tickets: the queue, every status, this customer only.
    [...$$(desk, 'button.secondary')].find((b) => text(b) === 'This customer’s tickets')!.click();
    await waitFor(() => rowIds(desk).length === 3 && $$(desk, '[role=option] .meta').every((m) => text(m).startsWith('Schneider')), 5000, 'the customer’s tickets');

    const [mail] = await be.sql<{ id: string }>("SELECT id FROM outbox WHERE subject LIKE '%Treueangebot%' OR to_addr LIKE '%schneider%' ORDER BY seq DESC LIMIT 1");
    await be.sql("UPDATE outbox SET failed_at = '2026-12-06T10:00:00.000Z', attempts = 5, error = '550 5.1.1 mailbox unavailable' WHERE id = ?", mail!.id);
    $(desk, '#tab-outbox')!.click();
    await waitFor(() => $(desk, '.mail.failed'), 5000, 'the failed mail');
    expect(text($(desk, '.mail.failed'))).to.contain('Delivery given up after 5 attempts: 550 5.1.1 mailbox unavailable');
    expect(text($(desk, '#tab-outbox'))).to.contain('1 failed');
    await expect(desk).to.be.accessible();
    [...$$(desk, '.mail.failed button')].find((b) => text(b) === 'Send again')!.click();
    await waitFor(() => !$(desk, '.mail.failed'), 5000, 'queued again');
    const [row] = await be.sql<{ failed_at: string | null }>('SELECT failed_at FROM outbox WHERE id = ?', mail!.id);
    expect(row!.failed_at).to.equal(null);
  });

  it('reclassify on a page a colleague beat: refused at the field, nothing charged twice', async () => {
    const desk = await mountDesk(be);
    await openTicket(desk, 'tkt_demo_a', /Lieferscheinen/);
    await waitFor(() => $(desk, '#rc-cat'), 5000, 'the reclassify form of the bug');
    // A colleague's reclassification, landed in the instant before its live event reaches this page
    // (the event would hide the form: the ticket is no bug any more).
    await be.exec("UPDATE tickets SET category = 'user_error', original_category = 'bug', reclassified_at = '2026-12-06T10:00:00.000Z' WHERE id = 'tkt_demo_a'");
    const charged = await be.count('credit_movements', "ticket_id = 'tkt_demo_a'");
    await submit(desk, 'rc-h');
    await waitFor(() => text($(desk, '#rc-out')) === 'Das Ticket wurde bereits umklassifiziert.', 5000, 'refused at the field');
    expect($(desk, '#rc-out')!.classList.contains('bad')).to.equal(true);
    expect($(desk, '#rc-cat')!.getAttribute('aria-invalid')).to.equal('true');
    expect(await be.count('credit_movements', "ticket_id = 'tkt_demo_a'")).to.equal(charged);
    expect(await be.count('messages', "ticket_id = 'tkt_demo_a' AND kind = 'reclassified'")).to.equal(0);
  });

  it('"load more": the queue pages through a long backlog in working order, each ticket once, then stops', async () => {
    // 110 more open tickets (arrived before the seeded ones' newest): the open queue holds 115, a page 100.
    await be.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 110)
      INSERT INTO tickets (id, number, customer_number, category, status, urgency, subject, description, program, program_version, "window", error_message, hangs_at,
        last_action, called_before, cc, phone, phone_availability, original_category, reclassified_at, customer_seen_at, created_at, updated_at, lang, contact_id)
      SELECT 'tkt_more_' || printf('%03d', i), 'T-2026-9' || printf('%04d', i), customer_number, 'question', 'new', 'normal', 'Rückstau ' || printf('%03d', i), description, program, program_version, "window",
        error_message, hangs_at, last_action, called_before, '', '', '', NULL, NULL, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+' || i || ' seconds'), updated_at, lang, contact_id
      FROM tickets, n WHERE id = 'tkt_demo_d'`);
    const desk = await mountDesk(be);
    await statusFilter(desk, 'Offen');
    await waitFor(() => rowIds(desk).length === 100, 5000, 'the first page');
    expect(text($(desk, '#queue-h'))).to.match(/100 von \d+/);
    const total = Number(/von (\d+)/.exec(text($(desk, '#queue-h')))![1]);
    expect(total).to.be.greaterThan(100);
    const more = () => $$(desk, '.queue button.secondary').find((b) => text(b) === 'Weitere laden');
    // By keyboard: the button is reached with Tab from the list and pressed with Enter.
    more()!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => rowIds(desk).length === total, 5000, 'the next page');
    const ids = rowIds(desk);
    expect(new Set(ids).size, 'each ticket once').to.equal(total);
    // Urgent first, then by arrival, across the page boundary.
    const { body } = await be.api<{ items: Array<{ id: string }> }>('/v1/agent/tickets?status=new,in_progress&limit=100');
    expect(ids.slice(0, 100)).to.deep.equal(body.items.map((t) => t.id));
    const numbers = ids.filter((id) => id.startsWith('tkt_more_'));
    expect(numbers).to.deep.equal([...numbers].sort());
    expect(more(), 'no more to load').to.equal(undefined);
    expect(text($(desk, '#queue-h'))).to.not.contain('von');
  });
});
