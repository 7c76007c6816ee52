/**
 * Issue 18, close and rate, as the customer sees it in <cadia-ticket-list> against the real
 * backend: "Problem gelöst" with its confirmation, the rating (keyboard only), changing it, what a
 * reply to a closed ticket does (reopen / a new linked ticket), and the desk showing the rating.
 * The rules themselves (404s, 14 days, replace) are pinned by server/test/close-rate.test.ts.
 */
import { sendKeys } from '@web/test-runner-commands';
import { fixture, html, expect } from '@open-wc/testing';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-ticket-list.js';
import '../src/define/cadia-agent-desk.js';
import type { CadiaTicketList } from '../src/elements/ticket-list/ticket-list.js';
import type { CadiaProvider } from '../src/context/provider.js';
import type { TicketDetail } from '../src/api/types.js';
import { freshBackend, waitFor, shadowText, TOKENS, type TestBackend } from './harness/backend.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

async function mount(be: TestBackend, ticketId: string, locale = 'de') {
  const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale=${locale} .token=${TOKENS.positive}>
    <cadia-ticket-list ticket-id=${ticketId}></cadia-ticket-list>
  </cadia-provider>`);
  const list = provider.querySelector('cadia-ticket-list') as CadiaTicketList;
  await waitFor(() => $(list, '.subject-h'), 5000, 'the ticket');
  return list;
}

const detail = async (be: TestBackend, id: string) => (await be.api<TicketDetail>(`/v1/tickets/${id}`, { token: TOKENS.positive })).body;

async function reply(list: CadiaTicketList, body: string) {
  const box = $<HTMLTextAreaElement>(list, '#reply-body')!;
  box.focus();
  await sendKeys({ type: body });
  $<HTMLButtonElement>(list, '[part="reply-submit"]')!.focus();
  await sendKeys({ press: 'Enter' });
}

describe('close and rate in <cadia-ticket-list>', () => {
  let be: TestBackend;
  beforeEach(() => {
    be = freshBackend();
  });

  it('keyboard only: "Problem gelöst", confirm, rate 4 with a comment, then change it to 2 (the later replaces)', async () => {
    const list = await mount(be, 'tkt_demo_g');
    const close = $<HTMLButtonElement>(list, '[part="close"]')!;
    expect(text(close)).to.equal('Problem gelöst');
    await expect(list).to.be.accessible();

    // Escape leaves the confirmation, focus back on the action; nothing was closed.
    close.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => focused(list)?.matches('[part="close-confirm"]'), 2000, 'focus on the confirmation');
    expect(text($(list, '.confirm'))).to.contain('Ticket als gelöst schließen?');
    await expect(list).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitFor(() => focused(list)?.matches('[part="close"]'), 2000, 'focus back on "Problem gelöst"');
    expect((await detail(be, 'tkt_demo_g')).status).to.equal('in_progress');

    await sendKeys({ press: 'Enter' });
    await waitFor(() => focused(list)?.matches('[part="close-confirm"]'));
    await sendKeys({ press: 'Enter' });
    // Closed: the rating is right there, focus on its first choice.
    await waitFor(() => focused(list)?.matches('input[name="score"]'), 5000, 'focus on the rating');
    expect(text($(list, '.detail-meta .status'))).to.equal('Abgeschlossen');
    expect((await detail(be, 'tkt_demo_g')).status).to.equal('closed');
    expect(text($(list, '.rating-form legend'))).to.equal('Wie zufrieden sind Sie mit unserer Hilfe?');
    await expect(list).to.be.accessible();

    // Sending without a score says what is missing.
    $<HTMLButtonElement>(list, '[part="rating-submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => text($(list, '#score-error')) === 'Bitte wählen Sie eine Bewertung von 1 bis 5.');
    expect(focused(list)?.id).to.equal('rating-first');

    // Arrow keys move through the radio group: 1 → 4.
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect($<HTMLInputElement>(list, 'input[name="score"]:checked')?.value).to.equal('4');
    await sendKeys({ press: 'Tab' });
    expect(focused(list)?.id).to.equal('rating-comment');
    await sendKeys({ type: 'Schnell und freundlich.' });
    await sendKeys({ press: 'Tab' });
    expect(focused(list)?.matches('[part="rating-submit"]')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(list, '[part="rating"]'), 5000, 'the saved rating');
    expect(text($(list, '[part="rating"]'))).to.contain('Ihre Bewertung: 4 von 5');
    expect(text($(list, '[part="rating"]'))).to.contain('Schnell und freundlich.');
    expect(text($(list, '[part="rating"] [role="status"]'))).to.equal('Danke für Ihre Bewertung!');
    expect(focused(list)?.matches('[part="rating-change"]')).to.equal(true);
    expect((await detail(be, 'tkt_demo_g')).rating).to.include({ score: 4, comment: 'Schnell und freundlich.' });
    await expect(list).to.be.accessible();

    // Changing it: the form comes back with 4 chosen; 2 replaces it on the server.
    await sendKeys({ press: 'Enter' });
    await waitFor(() => focused(list)?.matches('input[name="score"][value="4"]'), 2000, 'focus on the saved score');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    $<HTMLButtonElement>(list, '[part="rating-submit"]')!.focus();
    expect(text($(list, '[part="rating-submit"]'))).to.equal('Bewertung speichern');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => text($(list, '[part="rating"]')).includes('Ihre Bewertung: 2 von 5'), 5000, 'the changed rating');
    expect(await be.count('ticket_ratings', 'ticket_id = ?', 'tkt_demo_g')).to.equal(1);
    expect((await detail(be, 'tkt_demo_g')).rating?.score).to.equal(2);
  });

  it('a reply within 14 days says it reopens the ticket, and does', async () => {
    await be.api('/v1/tickets/tkt_demo_d/close', { method: 'POST', token: TOKENS.positive });
    const list = await mount(be, 'tkt_demo_d');
    await waitFor(() => $(list, '[part="reply-effect"]'));
    expect(text($(list, '[part="reply-effect"]'))).to.match(/^Dieses Ticket ist abgeschlossen\. Ihre Antwort öffnet es wieder \(möglich bis .+\)\.$/);
    expect(text($(list, '[part="reply-submit"]'))).to.equal('Antworten und Ticket wieder öffnen');
    await expect(list).to.be.accessible();
    await reply(list, 'Das Feld fehlt doch noch auf dem Lieferschein.');
    await waitFor(() => text($(list, '.detail-meta .status')) === 'In Bearbeitung', 5000, 'reopened');
    expect((await detail(be, 'tkt_demo_d')).status).to.equal('in_progress');
    // Open again: the close action is back, the reply box says nothing about reopening.
    expect($(list, '[part="close"]')).to.exist;
    expect($(list, '[part="reply-effect"]')).to.be.null;
  });

  it('a reply after 14 days starts a new ticket linked both ways (in English too)', async () => {
    // tkt_demo_e was closed 17 days ago.
    const list = await mount(be, 'tkt_demo_e', 'en');
    await waitFor(() => text($(list, '[part="reply-effect"]')).startsWith('This ticket was closed more than 14 days ago.'));
    expect(text($(list, '[part="reply-submit"]'))).to.equal('Send as a new ticket');
    // Closed but not rated: the rating form in English.
    expect(text($(list, '.rating-form legend'))).to.equal('How satisfied are you with our help?');
    await reply(list, 'The rounding is wrong again after the update.');
    const open = await waitFor(() => $<HTMLButtonElement>(list, '[part="open-follow-up"]'), 5000, 'the follow-up');
    const old = await detail(be, 'tkt_demo_e');
    expect(old.status).to.equal('closed');
    const next = old.followedBy!;
    expect(text($(list, '[part="reply"] [role="status"]'))).to.equal(`Your reply was filed as the new ticket ${next.number}.`);
    await waitFor(() => text($(list, '[part="ticket-link"]')) === `Continued in ${next.number}`, 5000, 'the link to the follow-up');
    await expect(list).to.be.accessible();

    open.click();
    await waitFor(() => list.ticketId === next.id && text($(list, '[part="ticket-link"]')) === `Continues ${old.number}`, 5000, 'the follow-up opened');
    expect(text($(list, '.messages > li:first-child .body'))).to.equal('The rounding is wrong again after the update.');
    expect((await detail(be, next.id)).followUpOf?.id).to.equal('tkt_demo_e');
    // Back on the list, both rows name their link.
    $<HTMLButtonElement>(list, '[part="back"]')!.click();
    await waitFor(() => shadowText(list).includes(`Continues ${old.number}`) && shadowText(list).includes(`Continued in ${next.number}`), 5000, 'links in the list');
  });
});

describe('the desk shows ratings', () => {
  it('per ticket once the customer closed and rated it, and the average in the header', async () => {
    const be = freshBackend();
    await be.api('/v1/tickets/tkt_demo_g/close', { method: 'POST', token: TOKENS.positive });
    await be.api('/v1/tickets/tkt_demo_g/rating', { method: 'PUT', token: TOKENS.positive, json: { score: 1, comment: 'Keine Lösung gefunden.' } });
    const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale="de" .getToken=${async () => TOKENS.agent}>
      <cadia-agent-desk style="height: 760px" ticket-id="tkt_demo_g"></cadia-agent-desk>
    </cadia-provider>`);
    const desk = provider.querySelector('cadia-agent-desk')!;
    await waitFor(() => $(desk, '[part="rating"]'), 8000, 'the rating in the desk');
    expect(text($(desk, '[part="rating"]'))).to.contain('1 von 5');
    expect(text($(desk, '[part="rating"]'))).to.contain('Keine Lösung gefunden.');
    // Seeded: 5 and 4; now 1 besides: (5 + 4 + 1) / 3 = 3,3.
    await waitFor(() => text($(desk, '[part="ratings"]')).includes('3,3'), 8000, 'the average');
    expect(text($(desk, '[part="ratings"]'))).to.contain('3 Bewertungen');
    await expect(desk).to.be.accessible();
  });
});
