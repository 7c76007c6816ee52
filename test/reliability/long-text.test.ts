/**
 * Very long, right-to-left and emoji text in everything a widget shows, in a 320 px wide column
 * (the narrowest phone, a slim ERP side panel): no widget grows wider than its container, nothing
 * scrolls sideways, no text sticks out of its box.
 */
import { expect, fixtureSync, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/define.js';
import type { CadiaTicketForm } from '../../src/elements/ticket-form/ticket-form.js';
import { freshBackend, shadowText, TOKENS, waitFor, type TestBackend } from '../harness/backend.js';
import { clearDrafts } from '../harness/drafts.js';
import { typeInto } from '../harness/dom.js';
import { $, deepElements, insertTickets, newCustomer } from './helpers.js';

const WIDTH = 320;

/** Texts that break layouts: one word of 100 KB, a long URL, RTL scripts, emoji sequences. */
const HUGE_WORD = 'Datenbankreorganisationsfortschrittsanzeige'.repeat(2400);
const TEXTS = [
  { id: 1, text: HUGE_WORD },
  { id: 2, text: `https://portal.example/${'verzeichnis/'.repeat(40)}datei.pdf?token=${'a'.repeat(300)}` },
  { id: 3, text: 'الفاتورة رقم ٤٧١١ لم تُطبع بعد التحديث، يرجى المساعدة في أقرب وقت ممكن لأننا لا نستطيع العمل' },
  { id: 4, text: 'החשבונית לא הודפסה אחרי העדכון, אנא עזרו לנו בהקדם האפשרי כי איננו יכולים לעבוד' },
  { id: 5, text: '👩‍💻🧑🏽‍🔧👨‍👩‍👧‍👦🏳️‍🌈🇩🇪🇦🇹🇨🇭'.repeat(60) },
  { id: 6, text: `Gemischt: Rechnung RE-2026-0815 \u202Eעברית mixed\u202C عربي ${'🔥'.repeat(80)} ${'x'.repeat(500)}` },
];

/** Inside a visually hidden box (`.sr-only`, a table head kept for screen readers). */
function isClippedAway(node: Element): boolean {
  for (let n: Element | null = node; n; n = n.parentElement) if (getComputedStyle(n).clip.startsWith('rect(0')) return true;
  return false;
}

/** Where the layout breaks: a widget wider than the column, sideways scrolling, text outside its box. */
function overflows(container: HTMLElement, el: HTMLElement): string[] {
  const problems: string[] = [];
  const box = container.getBoundingClientRect();
  if (el.getBoundingClientRect().width > WIDTH + 0.5) problems.push(`widget is ${el.getBoundingClientRect().width}px wide`);
  if (container.scrollWidth > WIDTH + 1) problems.push(`content sticks out of the ${WIDTH}px column: ${container.scrollWidth}px`);
  for (const node of deepElements(el.shadowRoot!)) {
    if (!(node instanceof HTMLElement)) continue;
    const cs = getComputedStyle(node);
    if (cs.display === 'none' || cs.display === 'contents' || node.clientWidth === 0 || isClippedAway(node)) continue;
    const name = `${node.localName}${node.className ? `.${String(node.className).split(' ')[0]}` : ''}${node.getAttribute('part') ? `[part=${node.getAttribute('part')}]` : ''}`;
    // Ellipsis on purpose (overflow hidden) is fine; scrolling sideways or text outside the box is not.
    if ((cs.overflowX === 'auto' || cs.overflowX === 'scroll') && node.scrollWidth > node.clientWidth + 1) problems.push(`${name} scrolls sideways (${node.scrollWidth} > ${node.clientWidth})`);
    if (cs.overflowX === 'visible' && node.scrollWidth > node.clientWidth + 1) problems.push(`${name} overflows (${node.scrollWidth} > ${node.clientWidth})`);
    const r = node.getBoundingClientRect();
    if (r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1) && cs.position !== 'fixed') problems.push(`${name} outside the column (${Math.round(r.left)}–${Math.round(r.right)})`);
  }
  return [...new Set(problems)];
}

/** `E`: the element `inner` renders (the caller knows which). */
async function mount<E extends HTMLElement = HTMLElement>(be: TestBackend, token: string, inner: TemplateResult): Promise<{ container: HTMLElement; el: E }> {
  // fixtureSync: a plain <div> fixture waits for an animation frame, which a background tab never gets.
  const container = fixtureSync<HTMLElement>(html`<div style="width:${WIDTH}px;font:16px/1.4 system-ui,sans-serif">
    <cadia-provider api-base=${be.apiBase} .token=${token}>${inner}</cadia-provider>
  </div>`);
  return { container, el: container.querySelector('cadia-provider')!.firstElementChild as E };
}

async function expectFits(container: HTMLElement, el: HTMLElement, what: string): Promise<void> {
  // Layout is read synchronously below; a short pause lets pending updates render (no rAF: tabs run in the background).
  await new Promise((r) => setTimeout(r, 50));
  expect(overflows(container, el), what).to.deep.equal([]);
}

describe(`long, RTL and emoji text at ${WIDTH} px`, function () {
  this.timeout(60_000);
  let be: TestBackend;
  beforeEach(() => {
    be = freshBackend();
  });

  it('ticket list rows and the opened ticket (thread, fields, file names, time notes)', async () => {
    const c = await newCustomer(be);
    await insertTickets(be, c.number, TEXTS);
    const { container, el } = await mount(be, c.token, html`<cadia-ticket-list></cadia-ticket-list>`);
    await waitFor(() => el.shadowRoot!.querySelectorAll('[part~="item"]').length === TEXTS.length, 10_000, 'rows');
    await expectFits(container, el, 'list');

    const id = `tkt_xss_${c.number}_1`;
    await be.sql(
      'UPDATE tickets SET program = ?, window = ?, error_message = ?, last_action = ?, cc = ?, phone_availability = ? WHERE id = ?',
      TEXTS[1]!.text, TEXTS[2]!.text, HUGE_WORD, TEXTS[4]!.text, `${'sehr.lange.adresse.'.repeat(12)}@example.test`, TEXTS[3]!.text, id,
    );
    for (const [i, t] of TEXTS.entries()) {
      await be.sql("INSERT INTO messages (id, ticket_id, author, author_name, body, kind, created_at) VALUES (?, ?, 'support', ?, ?, 'message', ?)",
        `msg_long_${i}`, id, t.text.slice(0, 300), t.text, new Date(Date.UTC(2026, 1, 1, 0, i)).toISOString());
      await be.sql('INSERT INTO time_entries (id, ticket_id, date, minutes, billable, note, charged_minutes, from_credit_minutes, uncovered_minutes) VALUES (?, ?, ?, 5, 1, ?, 10, 10, 0)',
        `te_long_${i}`, id, `2026-02-0${i + 1}`, t.text);
    }
    el.setAttribute('ticket-id', id);
    await waitFor(() => el.shadowRoot!.querySelectorAll('[part~="message"]').length >= TEXTS.length, 10_000, 'thread');
    expect(shadowText(el)).to.contain(TEXTS[2]!.text);
    await expectFits(container, el, 'detail');
  });

  it('package shop: long, RTL and emoji package names and descriptions, and the confirmation', async () => {
    for (const [i, t] of TEXTS.entries()) {
      await be.sql('UPDATE packages SET name = ?, description = ? WHERE sort = ?', t.text.slice(0, 2000), TEXTS[(i + 1) % TEXTS.length]!.text, i + 1);
    }
    await be.sql("UPDATE offers SET name = ? WHERE customer_number = '10001'", HUGE_WORD.slice(0, 3000));
    const { container, el } = await mount(be, TOKENS.positive, html`<cadia-package-shop></cadia-package-shop>`);
    await waitFor(() => el.shadowRoot!.querySelectorAll('[part~="package"]').length >= 4, 10_000, 'packages');
    await expectFits(container, el, 'shop list');
    $(el, '[part~="package"] [part~="order"]')!.click();
    await waitFor(() => $(el, '#consent'), 3000, 'confirmation');
    await expectFits(container, el, 'confirmation');
  });

  it('ticket form: long subject and description typed, long FAQ titles, a long address on success', async () => {
    const c = await newCustomer(be);
    await clearDrafts(`${c.number}:`);
    await be.exec('DELETE FROM faq_articles');
    for (const t of TEXTS) {
      await be.sql('INSERT INTO faq_articles (id, title, body, url) VALUES (?, ?, ?, ?)', `faq-long-${t.id}`, t.text.slice(0, 3000), `Drucker ${t.text.slice(0, 3000)}`, 'https://hilfe.example/a');
    }
    await be.sql('UPDATE customers SET email = ? WHERE number = ?', `${'lang'.repeat(60)}@${'sub.'.repeat(20)}example.test`, c.number);
    const { container, el } = await mount<CadiaTicketForm>(be, c.token, html`<cadia-ticket-form></cadia-ticket-form>`);
    await el.ready;
    $<HTMLInputElement>(el, 'input[name="category"][value="bug"]')!.click();
    await typeInto(el, '[name="subject"]', 'Drucker');
    await typeInto(el, '[name="description"]', `${HUGE_WORD.slice(0, 3900)}\n${TEXTS[2]!.text}`);
    await waitFor(() => el.shadowRoot!.querySelectorAll('[part~="faq"] li').length >= 5, 5000, 'faq');
    await expectFits(container, el, 'form with FAQ');
    $(el, '[part="submit"]')!.click();
    await waitFor(() => $(el, '[part="success"]'), 8000, 'success');
    await expectFits(container, el, 'success');
  });

  it('credit badge: the widest plausible credit (−999 Std. 59 Min.) and the order action fit, card and compact', async () => {
    await be.exec("UPDATE customers SET credit_minutes = -59999 WHERE number = '10001'");
    for (const variant of ['card', 'compact']) {
      const { container, el } = await mount(be, TOKENS.positive, html`<cadia-credit-badge variant=${variant}></cadia-credit-badge>`);
      await waitFor(() => $(el, '[part="value"]'), 8000, 'credit');
      await expectFits(container, el, `badge ${variant}`);
    }
  });
});
