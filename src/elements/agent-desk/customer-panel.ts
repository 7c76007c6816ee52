/**
 * The desk's customers panel, a lazy chunk (loaded when the tab opens): the customer list; one
 * customer's credit and offers with licence renewal; the statement of a month (CSV/PDF to download)
 * and a correction of the credit with before → after shown first; the orders, one cancelled after a
 * confirmation with its reason; the people with their roles; the ERP's installation keys (created
 * and shown once, revoked after a confirmation). Every refusal is
 * shown at its field or row, and what the server kept is reloaded, so nothing on screen is stale.
 */
import { css, html, nothing } from 'lit';
import { Task } from '@lit/task';
import type { AgentContact, AgentCustomerDetail, ContactRole, InstallationKey } from '../../api/agent-backend.js';
import { toApiError } from '../../api/errors.js';
import type { Order } from '../../api/types.js';
import { saveFile } from '../../base/save-file.js';
import { randomId } from '../../base/random-id.js';
import { monthOf } from '../../domain/statement.js';
import { formatDate, formatDateTime, formatDuration, formatMoney, texts } from '../../i18n/index.js';
import { statementTexts } from '../../i18n/statement.js';
import type { CadiaAgentDesk, Outcome } from './agent-desk.js';
import { customerMessages } from './customer-messages.js';
import { customerApi, type CustomerApi } from './customer-api.js';
import type { DeskStore } from './desk-store.js';

/** Adopted into the desk's shadow root with the part (LazyPart), so the desk's start does not carry them. */
export const styles = [
  css`
    .skeleton.stm { height: 120px; }
    .skeleton.rows { height: 80px; }
    .offers { display: flex; flex-direction: column; gap: calc(var(--_space) * 2); }
    .offer { display: flex; gap: calc(var(--_space) * 2); align-items: baseline; flex-wrap: wrap; }
    .offer.expired { color: var(--_muted); }
    button.danger {
      font: inherit; min-height: 32px; padding-block: calc(var(--_space) * 1.5); padding-inline: calc(var(--_space) * 3);
      border-radius: calc(var(--_radius) - 2px); cursor: pointer; border: 1px solid var(--_danger); background: var(--_danger); color: var(--_surface);
    }
    .field-hint { align-self: end; padding-block-end: calc(var(--_space) * 2); }
    .row > label.narrow-month { flex: 0 1 170px; }
    .secret { border: 2px solid var(--_low); border-radius: var(--_radius); padding: calc(var(--_space) * 3); display: flex; flex-direction: column; gap: calc(var(--_space) * 2); background: var(--_surface-2); }
    .secret input { font-family: ui-monospace, monospace; font-size: 13px; min-width: 0; flex: 1 1 180px; }
    .warn-strong { color: var(--_low); font-weight: 600 !important; }
    .key-form { display: flex; flex-direction: column; gap: calc(var(--_space) * 2); }
    .keys, .orders { display: flex; flex-direction: column; gap: calc(var(--_space) * 2); }
    .key, .order { border-block-start: 1px solid var(--_border); padding-block-start: calc(var(--_space) * 2); display: flex; flex-direction: column; gap: var(--_space); }
    .key.revoked strong, .order.cancelled strong { color: var(--_muted); text-decoration: line-through; }
    .key-head { display: flex; gap: calc(var(--_space) * 2); align-items: baseline; justify-content: space-between; flex-wrap: wrap; }
    .key .outcome:focus, .order .outcome:focus { outline: none; }
    .confirm { display: flex; flex-direction: column; gap: calc(var(--_space) * 2); padding: calc(var(--_space) * 2); border: 1px solid var(--_danger); border-radius: calc(var(--_radius) - 2px); }
    /* In the 1024 px desk the people table has about 390 px: the role's select and button stack and
       the last activity breaks after the date instead of pushing the table out of its card. */
    .role-edit { align-items: center; }
    .role-edit select { width: auto; min-width: 7.5em; }
    .contacts td { vertical-align: middle; }
  `,
];

const ROLES: ContactRole[] = ['member', 'admin'];
const MAX_CORRECTION = 6000;

/** Signed whole minutes as typed (`+15`, `-30`, `−30`), or null unless in ±1..6000. */
export function parseCorrection(v: string): number | null {
  const m = /^\s*([+\-−]?)\s*(\d{1,5})\s*$/.exec(v);
  if (!m) return null;
  const n = Number(m[2]) * (m[1] === '-' || m[1] === '−' ? -1 : 1);
  return n !== 0 && Math.abs(n) <= MAX_CORRECTION ? n : null;
}

interface CorrectionForm {
  minutes: string;
  note: string;
  key?: string | undefined;
  busy?: boolean;
  errors: { minutes?: string | undefined; note?: string | undefined };
  outcome?: Outcome | undefined;
}

/** Lives on the desk once the tab was opened; its tasks reload with the desk's `customers` topic. */
export class CustomerPanel {
  /** The month of the statement (`YYYY-MM`; empty: the current one). */
  month = '';
  correction: CorrectionForm = { minutes: '', note: '', errors: {} };
  keyForm: { label: string; role: ContactRole; busy?: boolean; error?: string | undefined } = { label: '', role: 'member' };
  /** The key just created, for this customer only, until the agent hides it or leaves the customer. */
  secret?: { customer: string; label: string; value: string } | undefined;
  /** The key whose revocation waits for the agent's "yes". */
  confirming = '';
  /** The order whose cancellation waits for a reason and the agent's "yes"; its key is kept through retries. */
  cancelling?: { id: string; note: string; key?: string | undefined; busy?: boolean; error?: string | undefined } | undefined;
  /** Chosen roles not saved yet, by contact id. */
  roles = new Map<string, ContactRole>();
  /** Outcomes by what they are about: `renew`, `download`, `copy`, `key:<id>`, `keys`, `contact:<id>`, `order:<id>`. */
  outcomes = new Map<string, Outcome>();
  private shownCustomer = '';
  #api?: { store: DeskStore; api: CustomerApi };

  readonly customer;
  readonly statement;
  readonly contacts;
  readonly keys;
  readonly orders;

  constructor(private readonly desk: CadiaAgentDesk) {
    // Each reads the customer open in the panel (none while another tab shows) and reloads with the desk's `customers` topic.
    const number = () => (desk.view === 'customers' ? desk.customerNumber : '');
    this.customer = new Task(desk, {
      task: ([d, n], { signal }) => (n ? this.apiOf(d).getCustomer(n, { signal }) : Promise.resolve(undefined)),
      args: () => [desk.desk, number(), desk.revision('customers')] as const,
    });
    this.statement = new Task(desk, {
      task: ([d, n, month], { signal }) => (n ? this.apiOf(d).getStatement(n, month, { signal }) : Promise.resolve(undefined)),
      args: () => [desk.desk, number(), this.month || monthOf(new Date()), desk.revision('customers')] as const,
    });
    // People and keys are tagged with their customer: while another customer's load, the last one's stay hidden.
    this.contacts = new Task(desk, {
      task: async ([d, n], { signal }) => (n ? { customer: n, items: await d.api.listContacts(n, { signal }) } : undefined),
      args: () => [desk.desk, number(), desk.revision('customers')] as const,
    });
    this.keys = new Task(desk, {
      task: async ([d, n], { signal }) => (n ? { customer: n, items: await this.apiOf(d).listKeys(n, { signal }) } : undefined),
      args: () => [desk.desk, number(), desk.revision('customers')] as const,
    });
    this.orders = new Task(desk, {
      task: async ([d, n], { signal }) => (n ? { customer: n, items: await this.apiOf(d).listOrders(n, { signal }) } : undefined),
      args: () => [desk.desk, number(), desk.revision('customers')] as const,
    });
  }

  get m() {
    return texts(customerMessages, this.desk.language);
  }

  /** The panel's routes on the desk store's HTTP core (customer-api.ts), made once per store. */
  private apiOf(store: DeskStore): CustomerApi {
    if (this.#api?.store !== store) this.#api = { store, api: customerApi(store.api.http) };
    return this.#api.api;
  }

  private get api() {
    return this.apiOf(this.desk.desk);
  }

  private update(): void {
    this.desk.requestUpdate();
  }

  /** Another customer: forms and outcomes start afresh, and the key shown once is gone. */
  private choose(n: string): void {
    this.desk.customerNumber = n;
    this.update();
  }

  private resetFor(n: string): void {
    if (this.shownCustomer === n) return;
    this.shownCustomer = n;
    this.correction = { minutes: '', note: '', errors: {} };
    this.keyForm = { label: '', role: 'member' };
    this.secret = undefined;
    this.confirming = '';
    this.cancelling = undefined;
    this.roles.clear();
    this.outcomes.clear();
  }

  render() {
    const m = this.m;
    const desk = this.desk;
    const lang = desk.language;
    const list = desk.customersTask.value;
    const current = desk.customerNumber;
    this.resetFor(current);
    const selected = this.customer.value?.customer.number === current ? this.customer.value : undefined;
    return html`<div class="split">
      <section class="queue" aria-labelledby="cust-h">
        <h2 id="cust-h">${m.heading}</h2>
        ${!list ? (desk.customersTask.error ? desk.renderError(desk.customersTask.error, () => desk.customersTask.run()) : html`<div class="skeleton list" aria-busy="true"></div>`)
          : html`<table class="customers">
            <thead><tr><th scope="col">${m.name} · ${m.number}</th><th scope="col" class="end">${m.credit}</th></tr></thead>
            <tbody>${list.map((c) => html`<tr class=${c.number === current ? 'active' : ''}>
              <td><button type="button" class="link" aria-pressed=${c.number === current ? 'true' : 'false'} @click=${() => this.choose(c.number)}>${c.name}</button>
                <br /><span class="muted small num">${c.number}</span>
                ${c.openOfferId ? html` <span class="pill ok small">${m.offer}: ${m.offerOpen}</span>` : nothing}</td>
              <td class="end num nowrap ${c.credit.minutes <= 0 ? 'neg' : ''}">${formatDuration(c.credit.minutes, lang)}</td></tr>`)}</tbody>
          </table>`}
      </section>
      <section class="ticket" aria-label=${selected?.customer.name ?? m.heading}>
        ${selected ? this.renderCustomer(selected)
          : current ? (this.customer.error ? desk.renderError(this.customer.error, () => this.customer.run()) : html`<div class="skeleton block" aria-busy="true"></div>`)
          : html`<p class="empty">${m.choose}</p>`}
      </section>
    </div>`;
  }

  private renderCustomer(c: AgentCustomerDetail) {
    const m = this.m;
    const lang = this.desk.language;
    return html`<article class="ticket-view" aria-labelledby="c-h">
      <header class="t-head">
        <p class="muted num">${c.customer.number} · ${c.customer.email}</p>
        <div class="row">
          <h2 id="c-h" class="grow">${c.customer.name}</h2>
          <button type="button" class="secondary" @click=${() => this.desk.showCustomerTickets(c.customer.number)}>${m.tickets}</button>
        </div>
        <dl class="facts"><div><dt>${m.credit}</dt><dd class="big num ${c.credit.minutes <= 0 ? 'neg' : ''}">${formatDuration(c.credit.minutes, lang)}</dd></div></dl>
      </header>
      <div class="t-grid">
        <div class="t-main">
          ${this.renderStatement(c)}
          ${this.renderOrders(c)}
          ${this.renderContacts(c)}
        </div>
        <aside class="t-side">
          ${this.renderCorrection(c)}
          ${this.renderOffers(c)}
          ${this.renderKeys(c)}
        </aside>
      </div>
    </article>`;
  }

  /** An action's outcome line; `focusable` where focus moves to it after the action (its button is gone). */
  private outcomeLine(key: string, id?: string, focusable = false) {
    const o = this.outcomes.get(key);
    return html`<p id=${id ?? nothing} tabindex=${focusable ? '-1' : nothing} class="outcome ${o ? (o.ok ? 'ok' : 'bad') : ''}" role="status">${o?.text ?? nothing}</p>`;
  }

  /** A refusal's text: the field error the server named, else its message. */
  private refusal(e: unknown): string {
    const err = toApiError(e);
    return err.fieldErrors[0]?.message || err.message;
  }

  // ---- offers ----------------------------------------------------------------------------------

  private renderOffers(c: AgentCustomerDetail) {
    const m = this.m;
    const lang = this.desk.language;
    const renew = async () => {
      this.outcomes.delete('renew');
      try {
        const offer = await this.api.renewLicence(c.customer.number);
        this.outcomes.set('renew', { ok: true, text: m.renewed(offer.name, formatDate(offer.expiresAt, lang)) });
        this.desk.desk.changed('customers', 'outbox');
      } catch (e) {
        this.outcomes.set('renew', { ok: false, text: toApiError(e).code === 'offer_open' ? m.renewRefused : this.refusal(e) });
      }
      this.update();
    };
    return html`<section class="card" aria-labelledby="off-h">
      <h3 id="off-h">${m.offers}</h3>
      ${c.offers.length ? html`<ul class="offers">${c.offers.map((o) => html`<li class="offer ${o.status}">
          <span class="pill ${o.status === 'open' ? 'ok' : ''}">${m.offerStatus[o.status]}</span>
          <strong>${o.name}</strong> <span class="num">${formatMoney(o.price, lang)}</span>
          <span class="muted small num">${o.status === 'expired' ? m.expired(formatDate(o.expiresAt, lang)) : m.expires(formatDate(o.expiresAt, lang))}</span>
        </li>`)}</ul>` : html`<p class="muted">${m.offersEmpty}</p>`}
      <p class="muted small">${m.renewHint}</p>
      <div class="row to-end"><button type="button" class="primary" @click=${renew}>${m.renew}</button></div>
      ${this.outcomeLine('renew')}
    </section>`;
  }

  // ---- statement -------------------------------------------------------------------------------

  private renderStatement(c: AgentCustomerDetail) {
    const m = this.m.statement;
    const w = texts(statementTexts, this.desk.language);
    const lang = this.desk.language;
    const d = (n: number) => formatDuration(n, lang);
    const s = this.statement.value?.customer.number === c.customer.number ? this.statement.value : undefined;
    const month = s?.month ?? (this.month || monthOf(new Date()));
    const pick = (e: Event) => {
      this.month = (e.target as HTMLInputElement).value;
      this.outcomes.delete('download');
      this.update();
    };
    const download = async (format: 'csv' | 'pdf') => {
      this.outcomes.set('download', { ok: true, text: m.downloading });
      this.update();
      try {
        const file = await this.api.downloadStatement(c.customer.number, month, format, lang);
        saveFile(this.desk.renderRoot, file);
        this.outcomes.set('download', { ok: true, text: m.downloaded(file.name) });
      } catch {
        this.outcomes.set('download', { ok: false, text: m.failed });
      }
      this.update();
    };
    return html`<section class="card" aria-labelledby="stm-h">
      <h3 id="stm-h">${m.heading}</h3>
      <div class="row stm-tools">
        <label class="narrow-month">${m.month} <input id="stm-month" type="month" max=${monthOf(new Date())} .value=${month} @change=${pick} /></label>
        <button type="button" class="secondary" aria-describedby="stm-h" @click=${() => download('csv')}>${m.csv}</button>
        <button type="button" class="secondary" aria-describedby="stm-h" @click=${() => download('pdf')}>${m.pdf}</button>
      </div>
      ${this.outcomeLine('download', 'stm-out')}
      ${this.statement.error && !s ? this.desk.renderError(this.statement.error, () => this.statement.run()) : !s ? html`<div class="skeleton stm" aria-busy="true"></div>` : html`
        <table class="statement">
          <thead><tr><th scope="col">${w.columns.date}</th><th scope="col">${w.columns.entry}</th><th scope="col" class="end">${w.columns.minutes}</th><th scope="col" class="end">${w.columns.balance}</th></tr></thead>
          <tbody>
            <tr><td></td><td>${w.opening}</td><td></td><td class="end num nowrap">${d(s.openingMinutes)}</td></tr>
            ${s.entries.map((e) => {
              // As the customer's statement reads it: a correction by its reason, one that cancelled an order names the order beside it.
              const about = e.ticketNumber ? `${e.ticketNumber} · ${e.ticketSubject}` : [e.kind === 'correction' ? e.note : '', e.orderName ?? ''].filter(Boolean).join(' · ') || e.note;
              return html`<tr><td class="nowrap">${formatDate(e.at, lang)}</td>
              <td>${w.kinds[e.kind]}${about ? html`<br /><span class="muted small">${about}</span>` : nothing}</td>
              <td class="end num nowrap ${e.minutes < 0 ? 'neg' : ''}">${e.minutes > 0 ? '+' : ''}${d(e.minutes)}</td><td class="end num nowrap">${d(e.balanceAfter)}</td></tr>`;
            })}
            <tr><td></td><td><strong>${w.closing}</strong></td><td></td><td class="end num nowrap"><strong>${d(s.closingMinutes)}</strong></td></tr>
          </tbody>
        </table>
        ${s.entries.length ? nothing : html`<p class="muted small">${m.empty}</p>`}`}
    </section>`;
  }

  // ---- correction ------------------------------------------------------------------------------

  private renderCorrection(c: AgentCustomerDetail) {
    const m = this.m.correction;
    const lang = this.desk.language;
    const d = (n: number) => formatDuration(n, lang);
    const f = this.correction;
    const minutes = parseCorrection(f.minutes);
    const signed = (n: number) => `${n > 0 ? '+' : ''}${d(n)}`;
    const input = (field: 'minutes' | 'note') => (e: Event) => {
      f[field] = (e.target as HTMLInputElement).value;
      f.errors[field] = undefined;
      f.outcome = undefined;
      this.update();
    };
    const submit = async (e: SubmitEvent) => {
      e.preventDefault();
      f.errors = { minutes: minutes === null ? m.minutesInvalid : undefined, note: f.note.trim() ? undefined : m.noteRequired };
      f.outcome = undefined;
      if (f.errors.minutes || f.errors.note) {
        this.update();
        await this.desk.updateComplete;
        this.desk.shadowRoot?.getElementById(f.errors.minutes ? 'cor-min' : 'cor-note')?.focus();
        return;
      }
      f.busy = true;
      this.update();
      // One key per intended correction, kept through retries until it is booked (never booked twice).
      f.key ??= randomId();
      try {
        const credit = await this.api.correctCredit(c.customer.number, { minutes: minutes!, note: f.note.trim() }, { idempotencyKey: f.key, locale: lang });
        f.key = undefined;
        f.minutes = '';
        f.note = '';
        f.outcome = { ok: true, text: m.done(signed(minutes!), d(credit.minutes)) };
        this.desk.desk.changed('customers');
      } catch (err) {
        const fe = toApiError(err).fieldErrors;
        const at = (name: 'minutes' | 'note') => fe.find((x) => x.field === name)?.message;
        f.errors = { minutes: at('minutes'), note: at('note') };
        f.outcome = f.errors.minutes || f.errors.note ? undefined : { ok: false, text: this.refusal(err) };
      } finally {
        f.busy = false;
        this.update();
      }
    };
    return html`<form class="card" aria-labelledby="cor-h" novalidate @submit=${submit}>
      <h3 id="cor-h">${m.heading}</h3>
      <p class="muted small">${m.hint}</p>
      <div class="row">
        <label class="narrow">${m.minutes}
          <input id="cor-min" type="text" inputmode="numeric" autocomplete="off" placeholder="+15" .value=${f.minutes}
            aria-invalid=${f.errors.minutes ? 'true' : 'false'} aria-describedby="cor-min-hint cor-min-err cor-preview" ?disabled=${f.busy} @input=${input('minutes')} /></label>
        <p id="cor-min-hint" class="muted small grow field-hint">${m.minutesHint}</p>
      </div>
      <p id="cor-min-err" class="field-error" role="status">${f.errors.minutes ?? nothing}</p>
      <label>${m.note} <span class="muted small">(${m.noteHint})</span>
        <input id="cor-note" type="text" maxlength="500" .value=${f.note} aria-invalid=${f.errors.note ? 'true' : 'false'} aria-describedby="cor-note-err"
          ?disabled=${f.busy} @input=${input('note')} /></label>
      <p id="cor-note-err" class="field-error" role="status">${f.errors.note ?? nothing}</p>
      <p id="cor-preview" class="preview num" aria-live="polite">${minutes !== null ? html`<strong>${m.preview(d(c.credit.minutes), d(c.credit.minutes + minutes))}</strong>` : nothing}</p>
      <div class="row to-end"><button type="submit" class="primary" ?disabled=${f.busy}>${f.busy ? m.saving : m.submit}</button></div>
      ${f.outcome ? html`<p id="cor-out" class="outcome ${f.outcome.ok ? 'ok' : 'bad'}" role="status">${f.outcome.text}</p>` : html`<p id="cor-out" class="outcome" role="status"></p>`}
    </form>`;
  }

  // ---- orders ----------------------------------------------------------------------------------

  private renderOrders(c: AgentCustomerDetail) {
    const m = this.m.orders;
    const lang = this.desk.language;
    const d = (n: number) => formatDuration(n, lang);
    const orders = this.orders.value?.customer === c.customer.number ? this.orders.value.items : undefined;
    const focus = async (id: string) => {
      this.update();
      await this.desk.updateComplete;
      this.desk.shadowRoot?.getElementById(id)?.focus();
    };
    const cancel = async (e: SubmitEvent, o: Order) => {
      e.preventDefault();
      const f = this.cancelling!;
      const key = `order:${o.id}`;
      f.error = f.note.trim() ? undefined : m.noteRequired;
      this.outcomes.delete(key);
      if (f.error) return focus(`ord-note-${o.id}`);
      f.busy = true;
      this.update();
      // One key per intended cancellation, kept through retries until the server answered.
      f.key ??= randomId();
      try {
        const done = await this.api.cancelOrder(o.id, f.note.trim(), { idempotencyKey: f.key, locale: lang });
        this.cancelling = undefined;
        this.outcomes.set(key, { ok: true, text: m.cancelled(o.name, d(done.credit.minutes)) });
        this.desk.desk.changed('customers', 'outbox');
      } catch (err) {
        f.busy = false;
        f.error = toApiError(err).fieldErrors.find((x) => x.field === 'note')?.message;
        if (f.error) return focus(`ord-note-${o.id}`);
        // Cancelled meanwhile (409): nothing changed, the list shows it; anything else may be tried again with the same key.
        if (toApiError(err).code === 'order_already_cancelled') this.cancelling = undefined;
        this.outcomes.set(key, { ok: false, text: this.refusal(err), field: 'order' });
        void this.orders.run();
      }
      return focus(this.cancelling ? `ord-note-${o.id}` : `ord-out-${o.id}`);
    };
    const row = (o: Order) => {
      const f = this.cancelling?.id === o.id ? this.cancelling : undefined;
      const cancelled = o.status === 'cancelled';
      return html`<li class="order ${o.status}">
        <div class="key-head">
          <strong>${o.name}</strong>
          <span class="pill ${cancelled ? '' : 'ok'}">${cancelled ? m.cancelledOn(formatDate(o.cancelledAt ?? o.createdAt, lang)) : m.credited}</span>
        </div>
        <p class="muted small">${formatDate(o.createdAt, lang)} · <span class="num nowrap">+${d(o.minutes)}</span> · <span class="num nowrap">${formatMoney(o.price, lang)}</span>
          ${o.automatic ? html` · ${m.automatic}` : o.contact ? html` · ${m.by(o.contact.name)}` : nothing}</p>
        ${cancelled && o.cancelNote ? html`<p class="small">${o.cancelNote}</p>` : nothing}
        ${cancelled ? nothing : f
          ? html`<form class="confirm" novalidate aria-labelledby="ord-ask-${o.id}" @submit=${(e: SubmitEvent) => cancel(e, o)}>
              <p id="ord-ask-${o.id}">${m.confirm(o.name, d(o.minutes), d(c.credit.minutes), d(c.credit.minutes - o.minutes))}</p>
              <label>${m.note}
                <input id="ord-note-${o.id}" type="text" maxlength="500" .value=${f.note} aria-invalid=${f.error ? 'true' : 'false'} aria-describedby="ord-note-err-${o.id}"
                  ?disabled=${f.busy} @input=${(e: Event) => ((f.note = (e.target as HTMLInputElement).value), (f.error = undefined), this.update())} /></label>
              <p id="ord-note-err-${o.id}" class="field-error" role="status">${f.error ?? nothing}</p>
              <div class="row to-end">
                <button type="button" class="secondary" ?disabled=${f.busy} @click=${() => ((this.cancelling = undefined), focus(`ord-cancel-${o.id}`))}>${m.keep}</button>
                <button type="submit" class="danger" ?disabled=${f.busy}>${f.busy ? m.cancelling : m.confirmYes}</button>
              </div></form>`
          : html`<div class="row to-end"><button type="button" id="ord-cancel-${o.id}" class="secondary" aria-label=${m.cancelLabel(o.name, formatDate(o.createdAt, lang))}
              aria-describedby="ord-out-${o.id}" @click=${() => ((this.cancelling = { id: o.id, note: '' }), this.outcomes.delete(`order:${o.id}`), focus(`ord-note-${o.id}`))}>${m.cancel}</button></div>`}
        ${this.outcomeLine(`order:${o.id}`, `ord-out-${o.id}`, true)}
      </li>`;
    };
    return html`<section class="card" aria-labelledby="ord-h">
      <h3 id="ord-h">${m.heading}</h3>
      ${!orders ? (this.orders.error ? this.desk.renderError(this.orders.error, () => this.orders.run()) : html`<div class="skeleton rows" aria-busy="true"></div>`)
        : !orders.length ? html`<p class="muted">${m.empty}</p>`
        : html`<ul class="orders">${orders.map(row)}</ul>`}
    </section>`;
  }

  // ---- contacts --------------------------------------------------------------------------------

  private renderContacts(c: AgentCustomerDetail) {
    const m = this.m.contacts;
    const lang = this.desk.language;
    const people = this.contacts.value?.customer === c.customer.number ? this.contacts.value.items : undefined;
    const save = async (p: AgentContact) => {
      const role = this.roles.get(p.id) ?? p.role;
      const key = `contact:${p.id}`;
      this.outcomes.delete(key);
      try {
        const saved = await this.api.setContactRole(c.customer.number, p.id, role);
        this.roles.delete(p.id);
        this.outcomes.set(key, { ok: true, text: m.saved(saved.name, m.roles[saved.role]) });
      } catch (e) {
        this.outcomes.set(key, { ok: false, text: this.refusal(e), field: 'role' });
      }
      void this.contacts.run();
      this.update();
    };
    return html`<section class="card" aria-labelledby="con-h">
      <h3 id="con-h">${m.heading}</h3>
      ${!people ? (this.contacts.error ? this.desk.renderError(this.contacts.error, () => this.contacts.run()) : html`<div class="skeleton rows" aria-busy="true"></div>`)
        : !people.length ? html`<p class="muted">${m.empty}</p>`
        : html`<table class="contacts">
          <thead><tr><th scope="col">${m.person}</th><th scope="col">${m.role}</th><th scope="col">${m.lastActive}</th></tr></thead>
          <tbody>${people.map((p) => {
            const key = `contact:${p.id}`;
            const o = this.outcomes.get(key);
            const chosen = this.roles.get(p.id) ?? p.role;
            return html`<tr>
              <td><strong>${p.name}</strong><br /><span class="muted small">${p.email}</span></td>
              <td>${p.roleManagedBy === 'backend' ? html`<div class="row role-edit">
                  <select id="role-${p.id}" aria-label=${m.changeRole(p.name)} aria-invalid=${o && !o.ok ? 'true' : 'false'} aria-describedby="role-out-${p.id}"
                    @change=${(e: Event) => (this.roles.set(p.id, (e.target as HTMLSelectElement).value as ContactRole), this.update())}>
                    ${ROLES.map((r) => html`<option value=${r} ?selected=${chosen === r}>${m.roles[r]}</option>`)}
                  </select>
                  <button type="button" class="secondary" ?disabled=${chosen === p.role} @click=${() => save(p)}>${m.save}</button>
                </div>`
                : html`${m.roles[p.role]}<br /><span class="muted small">${m.fromHost}</span>`}
                <p id="role-out-${p.id}" class="outcome ${o ? (o.ok ? 'ok' : 'bad') : ''}" role="status">${o?.text ?? nothing}</p></td>
              <td>${p.lastActiveAt ? formatDateTime(p.lastActiveAt, lang) : html`<span class="muted">${m.never}</span>`}</td>
            </tr>`;
          })}</tbody>
        </table>`}
      <p class="muted small">${m.hostNote}</p>
    </section>`;
  }

  // ---- installation keys -----------------------------------------------------------------------

  private renderKeys(c: AgentCustomerDetail) {
    const m = this.m.keys;
    const lang = this.desk.language;
    const f = this.keyForm;
    const keys = this.keys.value?.customer === c.customer.number ? this.keys.value.items : undefined;
    const n = c.customer.number;
    const create = async (e: SubmitEvent) => {
      e.preventDefault();
      this.outcomes.delete('keys');
      f.error = f.label.trim() ? undefined : m.labelRequired;
      if (f.error) {
        this.update();
        await this.desk.updateComplete;
        this.desk.shadowRoot?.getElementById('key-label')?.focus();
        return;
      }
      f.busy = true;
      this.update();
      try {
        const made = await this.api.createKey(n, { label: f.label.trim(), role: f.role });
        this.secret = { customer: n, label: made.key.label, value: made.secret };
        f.label = '';
        this.outcomes.delete('copy');
        void this.keys.run();
        await this.desk.updateComplete;
        this.desk.shadowRoot?.getElementById('key-secret')?.focus();
      } catch (err) {
        f.error = toApiError(err).fieldErrors.find((x) => x.field === 'label')?.message;
        if (!f.error) this.outcomes.set('keys', { ok: false, text: this.refusal(err) });
      } finally {
        f.busy = false;
        this.update();
      }
    };
    const copy = async () => {
      const secret = this.secret?.value ?? '';
      try {
        await navigator.clipboard.writeText(secret);
        this.outcomes.set('copy', { ok: true, text: m.copied });
      } catch {
        // No clipboard (permissions, an http page): the key is selected for Ctrl+C.
        const input = this.desk.shadowRoot?.getElementById('key-secret') as HTMLInputElement | null;
        input?.focus();
        input?.select();
        this.outcomes.set('copy', { ok: false, text: m.copyFailed });
      }
      this.update();
    };
    const revoke = async (k: InstallationKey) => {
      const key = `key:${k.id}`;
      this.confirming = '';
      this.outcomes.delete(key);
      try {
        await this.api.revokeKey(n, k.id);
        this.outcomes.set(key, { ok: true, text: m.revoked(k.label) });
      } catch (e) {
        this.outcomes.set(key, { ok: false, text: this.refusal(e), field: 'key' });
      }
      void this.keys.run();
      this.update();
      await this.desk.updateComplete;
      this.desk.shadowRoot?.getElementById(`key-out-${k.id}`)?.focus();
    };
    const ask = async (id: string) => {
      this.confirming = id;
      this.update();
      await this.desk.updateComplete;
      this.desk.shadowRoot?.getElementById(`key-yes-${id}`)?.focus();
    };
    const cancel = async (id: string) => {
      this.confirming = '';
      this.update();
      await this.desk.updateComplete;
      this.desk.shadowRoot?.getElementById(`key-revoke-${id}`)?.focus();
    };
    const secret = this.secret?.customer === n ? this.secret : undefined;
    return html`<section class="card" aria-labelledby="key-h">
      <h3 id="key-h">${m.heading}</h3>
      <p class="muted small">${m.hint}</p>
      ${secret ? html`<div class="secret" role="group" aria-labelledby="key-new-h">
          <p id="key-new-h"><strong>${m.created(secret.label)}</strong></p>
          <p class="warn-strong" id="key-once">${m.once}</p>
          <div class="row">
            <input id="key-secret" class="mono grow" readonly aria-label=${m.secretLabel} aria-describedby="key-once" .value=${secret.value}
              @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
            <button type="button" class="primary" @click=${copy}>${m.copy}</button>
          </div>
          ${this.outcomeLine('copy')}
          <div class="row to-end"><button type="button" class="secondary" @click=${() => ((this.secret = undefined), this.update())}>${m.done}</button></div>
        </div>` : nothing}
      <form class="key-form" novalidate @submit=${create} aria-label=${m.create}>
        <div class="row">
          <label>${m.label}
            <input id="key-label" type="text" maxlength="100" placeholder=${m.labelPlaceholder} .value=${f.label} aria-invalid=${f.error ? 'true' : 'false'} aria-describedby="key-label-err"
              ?disabled=${f.busy} @input=${(e: Event) => ((f.label = (e.target as HTMLInputElement).value), (f.error = undefined), this.update())} /></label>
          <label class="narrow">${m.role}
            <select id="key-role" @change=${(e: Event) => (f.role = (e.target as HTMLSelectElement).value as ContactRole)}>
              ${ROLES.map((r) => html`<option value=${r} ?selected=${f.role === r}>${this.m.contacts.roles[r]}</option>`)}
            </select></label>
        </div>
        <p id="key-label-err" class="field-error" role="status">${f.error ?? nothing}</p>
        <div class="row to-end"><button type="submit" class="secondary" ?disabled=${f.busy}>${f.busy ? m.creating : m.create}</button></div>
        ${this.outcomeLine('keys')}
      </form>
      ${!keys ? (this.keys.error ? this.desk.renderError(this.keys.error, () => this.keys.run()) : html`<div class="skeleton rows" aria-busy="true"></div>`)
        : !keys.length ? html`<p class="muted">${m.empty}</p>`
        : html`<ul class="keys">${keys.map((k) => html`<li class="key ${k.revokedAt ? 'revoked' : ''}">
            <div class="key-head">
              <strong>${k.label || k.id}</strong>
              <span class="pill ${k.revokedAt ? '' : 'ok'}">${k.revokedAt ? m.revokedAt(formatDate(k.revokedAt, lang)) : m.active}</span>
            </div>
            <p class="muted small">${this.m.contacts.roles[k.role]} · ${m.columns.created} ${formatDate(k.createdAt, lang)} · ${m.columns.lastUsed}
              ${k.lastUsedAt ? formatDateTime(k.lastUsedAt, lang) : m.neverUsed}</p>
            ${k.revokedAt ? nothing : this.confirming === k.id
              ? html`<div class="confirm" role="group" aria-labelledby="key-ask-${k.id}">
                  <p id="key-ask-${k.id}">${m.confirm(k.label)}</p>
                  <div class="row to-end">
                    <button type="button" class="secondary" @click=${() => cancel(k.id)}>${m.cancel}</button>
                    <button type="button" id="key-yes-${k.id}" class="danger" @click=${() => revoke(k)}>${m.confirmYes}</button>
                  </div></div>`
              : html`<div class="row to-end"><button type="button" id="key-revoke-${k.id}" class="secondary" aria-label=${m.revokeLabel(k.label)}
                  aria-describedby="key-out-${k.id}" @click=${() => ask(k.id)}>${m.revoke}</button></div>`}
            ${this.outcomeLine(`key:${k.id}`, `key-out-${k.id}`, true)}
          </li>`)}</ul>`}
    </section>`;
  }
}
