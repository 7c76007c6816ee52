/** The desk's customers panel (credit, offers, licence renewal) and mail outbox (what failed and why, resend). */
import { html, nothing } from 'lit';
import type { AgentCustomerDetail, OutboxMail } from '../../api/agent-backend.js';
import { formatDate, formatDateTime, formatDuration, formatMoney } from '../../i18n/index.js';
import type { CadiaAgentDesk } from './agent-desk.js';

export function renderCustomers(desk: CadiaAgentDesk) {
  const m = desk.m.customers;
  const lang = desk.language;
  const list = desk.customersTask.value;
  const selected = desk.customerTask.value;
  const choose = (n: string) => {
    desk.customerNumber = n;
    desk.requestUpdate();
  };
  const current = desk.customerNumber;
  return html`<div class="split">
    <section class="queue" aria-labelledby="cust-h">
      <h2 id="cust-h">${m.heading}</h2>
      ${!list ? (desk.customersTask.error ? desk.renderError(desk.customersTask.error, () => desk.customersTask.run()) : html`<div class="skeleton list" aria-busy="true"></div>`)
        : html`<table class="customers">
          <thead><tr><th scope="col">${m.number}</th><th scope="col">${m.name}</th><th scope="col" class="end">${m.credit}</th><th scope="col">${m.offer}</th></tr></thead>
          <tbody>${list.map((c) => html`<tr class=${c.number === current ? 'active' : ''}>
            <td class="num">${c.number}</td>
            <td><button type="button" class="link" aria-pressed=${c.number === current ? 'true' : 'false'} @click=${() => choose(c.number)}>${c.name}</button></td>
            <td class="end num nowrap ${c.credit.minutes <= 0 ? 'neg' : ''}">${formatDuration(c.credit.minutes, lang)}</td>
            <td>${c.openOfferId ? html`<span class="pill ok">${m.offerOpen}</span>` : m.offerNone}</td></tr>`)}</tbody>
        </table>`}
    </section>
    <section class="ticket" aria-label=${selected?.customer.name ?? m.heading}>
      ${selected ? renderCustomer(desk, selected) : current ? html`<div class="skeleton block" aria-busy="true"></div>` : html`<p class="empty">${m.choose}</p>`}
    </section>
  </div>`;
}

function renderCustomer(desk: CadiaAgentDesk, c: AgentCustomerDetail) {
  const m = desk.m.customers;
  const lang = desk.language;
  const key = `renew:${c.customer.number}`;
  const outcome = desk.outcomes.get(key);
  const renew = async () => {
    desk.outcomes.delete(key);
    try {
      const offer = await desk.desk.api.renewLicence(c.customer.number, { locale: lang });
      desk.outcomes.set(key, { ok: true, text: m.renewed(offer.name, formatDate(offer.expiresAt, lang)) });
      desk.desk.changed('customers', 'outbox');
    } catch (e) {
      desk.outcomes.set(key, desk.outcomeOf(e, []));
    }
    desk.requestUpdate();
  };
  return html`<article class="ticket-view" aria-labelledby="c-h">
    <header class="t-head">
      <p class="muted num">${c.customer.number} · ${c.customer.email}</p>
      <h2 id="c-h">${c.customer.name}</h2>
    </header>
    <div class="row">
      <dl class="facts grow"><div><dt>${desk.m.ticket.credit}</dt><dd class="big num ${c.credit.minutes <= 0 ? 'neg' : ''}">${formatDuration(c.credit.minutes, lang)}</dd></div></dl>
      <button type="button" class="secondary" @click=${() => desk.showCustomerTickets(c.customer.number)}>${m.tickets}</button>
    </div>
    <section class="card" aria-labelledby="off-h">
      <h3 id="off-h">${m.offers}</h3>
      ${c.offers.length ? html`<ul class="offers">${c.offers.map((o) => html`<li class="offer ${o.status}">
          <span class="pill ${o.status === 'open' ? 'ok' : ''}">${m.offerStatus[o.status]}</span>
          <strong>${o.name}</strong> <span class="num">${formatMoney(o.price, lang)}</span>
          <span class="muted small num">${o.status === 'expired' ? m.expired(formatDate(o.expiresAt, lang)) : m.expires(formatDate(o.expiresAt, lang))}</span>
        </li>`)}</ul>` : html`<p class="muted">${m.offersEmpty}</p>`}
      <p class="muted small">${m.renewHint}</p>
      <div class="row to-end"><button type="button" class="primary" @click=${renew}>${m.renew}</button></div>
      <p class="outcome ${outcome ? (outcome.ok ? 'ok' : 'bad') : ''}" role="status">${outcome?.text ?? nothing}</p>
    </section>
    ${renderStatement(desk)}
    <section class="card" aria-labelledby="con-h"><h3 id="con-h">${m.contacts}</h3><p class="muted small">${m.contactsLater}</p></section>
    <section class="card" aria-labelledby="key-h"><h3 id="key-h">${m.keys}</h3><p class="muted small">${m.keysLater}</p></section>
  </article>`;
}

/** The customer's statement of a month: opening, every movement with the running balance, closing — the words of the customer's own statement. */
function renderStatement(desk: CadiaAgentDesk) {
  const m = desk.m.customers;
  const w = desk.statementWords;
  const lang = desk.language;
  const d = (n: number) => formatDuration(n, lang);
  const s = desk.statementTask.value;
  const pick = (e: Event) => {
    desk.statementMonth = (e.target as HTMLInputElement).value;
    desk.requestUpdate();
  };
  return html`<section class="card" aria-labelledby="stm-h">
    <div class="row">
      <h3 id="stm-h" class="grow">${m.statement}</h3>
      <label>${m.month} <input type="month" .value=${s?.month ?? desk.statementMonth} @change=${pick} /></label>
    </div>
    ${desk.statementTask.error && !s ? desk.renderError(desk.statementTask.error, () => desk.statementTask.run()) : !s ? html`<div class="skeleton" style="height: 120px" aria-busy="true"></div>` : html`
      <table class="statement">
        <thead><tr><th scope="col">${w.columns.date}</th><th scope="col">${w.columns.entry}</th><th scope="col" class="end">${w.columns.minutes}</th><th scope="col" class="end">${w.columns.balance}</th></tr></thead>
        <tbody>
          <tr><td></td><td>${w.opening}</td><td></td><td class="end num nowrap">${d(s.openingMinutes)}</td></tr>
          ${s.entries.map((e) => html`<tr><td class="nowrap">${formatDate(e.at, lang)}</td>
            <td>${w.kinds[e.kind]}${e.ticketNumber ? html`<br /><span class="muted small">${e.ticketNumber} · ${e.ticketSubject}</span>` : e.orderName ? html`<br /><span class="muted small">${e.orderName}</span>` : e.note ? html`<br /><span class="muted small">${e.note}</span>` : nothing}</td>
            <td class="end num nowrap ${e.minutes < 0 ? 'neg' : ''}">${e.minutes > 0 ? '+' : ''}${d(e.minutes)}</td><td class="end num nowrap">${d(e.balanceAfter)}</td></tr>`)}
          <tr><td></td><td><strong>${w.closing}</strong></td><td></td><td class="end num nowrap"><strong>${d(s.closingMinutes)}</strong></td></tr>
        </tbody>
      </table>
      ${s.entries.length ? nothing : html`<p class="muted small">${m.statementEmpty}</p>`}`}
  </section>`;
}

export function renderOutbox(desk: CadiaAgentDesk) {
  const m = desk.m.outbox;
  const mails = desk.outboxTask.value;
  return html`<section class="outbox" aria-labelledby="out-h">
    <h2 id="out-h">${m.heading}</h2>
    ${!mails ? (desk.outboxTask.error ? desk.renderError(desk.outboxTask.error, () => desk.outboxTask.run()) : html`<div class="skeleton list" aria-busy="true"></div>`)
      : mails.length ? html`<ul class="mails">${mails.map((mail) => renderMail(desk, mail))}</ul>` : html`<p class="empty">${m.empty}</p>`}
  </section>`;
}

/** Known-issue notices are not in the product yet (they come with the ticket form's notices): said plainly, nothing pretended. */
export function renderNotices(desk: CadiaAgentDesk) {
  return html`<section class="outbox" aria-labelledby="not-h">
    <h2 id="not-h">${desk.m.notices.heading}</h2>
    <p class="empty">${desk.m.notices.later}</p>
  </section>`;
}

function renderMail(desk: CadiaAgentDesk, mail: OutboxMail) {
  const m = desk.m.outbox;
  const lang = desk.language;
  const key = `mail:${mail.id}`;
  const outcome = desk.outcomes.get(key);
  const resend = async () => {
    try {
      await desk.desk.api.resendMail(mail.id, { locale: lang });
      desk.outcomes.set(key, { ok: true, text: m.resent });
      desk.desk.changed('outbox');
    } catch (e) {
      desk.outcomes.set(key, desk.outcomeOf(e, []));
    }
    desk.requestUpdate();
  };
  return html`<li class="mail ${mail.status}">
    <div class="mail-head">
      <span class="pill ${mail.status === 'failed' ? 'danger' : mail.status === 'sent' ? 'ok' : ''}">${m.status[mail.status]}</span>
      <strong>${mail.subject}</strong>
      <span class="muted small num">${formatDateTime(mail.createdAt, lang)}</span>
    </div>
    <p class="small">${m.to} ${mail.to}${mail.cc.length ? `, cc ${mail.cc.join(', ')}` : ''}${mail.sentAt ? html` · <span class="muted">${m.sentAt(formatDateTime(mail.sentAt, lang))}</span>` : nothing}</p>
    ${mail.status === 'failed' ? html`<p class="warn">${m.failedWhy(mail.attempts, mail.error ?? '')}</p>
      <button type="button" class="secondary" @click=${resend}>${m.resend}</button>`
      : mail.attempts && mail.error && mail.status === 'queued' ? html`<p class="muted small">${m.retrying(mail.attempts, mail.error)}</p>` : nothing}
    <p class="outcome ${outcome ? (outcome.ok ? 'ok' : 'bad') : ''}" role="status">${outcome?.text ?? nothing}</p>
    <details><summary>${mail.subject}</summary><pre class="mail-body">${mail.body}</pre></details>
  </li>`;
}
