/**
 * The desk's known-issue notices (issues 18 and 23), a lazy part: the notices with their status and
 * subscriber count, a form to publish or change one (checked at each field with the rules the
 * server uses, src/domain/notices.ts), setting it to fixed with the number of people who will be
 * mailed shown before saving, and who subscribed. Loaded when the tab is first opened, so the
 * desk's start does not carry it; it maps its few routes onto the desk's HTTP core itself.
 */
import { css, html, nothing } from 'lit';
import { Task } from '@lit/task';
import { randomId } from '../../base/random-id.js';
import { formatDate, texts } from '../../i18n/index.js';
import { NOTICE_LIMITS, NOTICE_STATUSES, noticeProblems, versionRange, type NoticeDraft, type NoticeStatus } from '../../domain/notices.js';
import { toApiError } from '../../api/errors.js';
import type { AgentNotice, NoticeInput, NoticeSaved, NoticeSubscriber } from '../../api/agent-backend.js';
import type { CadiaAgentDesk, Outcome } from './agent-desk.js';
import { noticeMessages, type DeskNoticeMessages } from './notices-messages.js';
// The status names the customer sees on the notice, not a second list of them.
import { messages as statusTexts } from '../notices/messages.js';

type Field = keyof Required<NoticeInput>;
type Draft = Record<Exclude<Field, 'status'>, string> & { status: NoticeStatus };

/** The empty form, its fields in the order they appear (focus goes to the first refused one). */
const EMPTY: Draft = {
  title: '', text: '', program: '', versionFrom: '', versionTo: '', status: 'investigating', fixedIn: '', workaround: '', titleEn: '', textEn: '', workaroundEn: '',
};
const ORDER = Object.keys(EMPTY) as Field[];
const LIMIT: Record<Field, number> = {
  program: NOTICE_LIMITS.program, versionFrom: NOTICE_LIMITS.version, versionTo: NOTICE_LIMITS.version, fixedIn: NOTICE_LIMITS.version, status: 20,
  title: NOTICE_LIMITS.title, titleEn: NOTICE_LIMITS.title, text: NOTICE_LIMITS.text, textEn: NOTICE_LIMITS.text, workaround: NOTICE_LIMITS.workaround, workaroundEn: NOTICE_LIMITS.workaround,
};

const draftOf = (n: AgentNotice): Draft => Object.fromEntries(ORDER.map((k) => [k, n[k]])) as Draft;

export const styles = [
  css`
    .notice-list { display: flex; flex-direction: column; gap: calc(var(--_space) * 2); }
    .notice-item { width: 100%; display: flex; flex-direction: column; gap: var(--_space); align-items: stretch; text-align: start; font: inherit; color: inherit;
      background: var(--_surface); border: 1px solid var(--_border); border-inline-start: 4px solid var(--_low); border-radius: var(--_radius);
      padding: calc(var(--_space) * 2) calc(var(--_space) * 3); cursor: pointer; }
    .notice-item[data-status='fixed'] { border-inline-start-color: var(--_ok); }
    .notice-item[data-status='investigating'] { border-inline-start-color: var(--_danger); }
    .notice-item[aria-current='true'] { background: var(--_surface-2); box-shadow: inset 0 0 0 2px var(--_focus); }
    .notice-item .subject { white-space: normal !important; }
    .nf { display: flex; flex-direction: column; gap: calc(var(--_space) * 3); max-width: 900px; }
    .nf fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 3); margin: 0; display: flex; flex-direction: column; gap: calc(var(--_space) * 3); min-width: 0; }
    .nf legend { font-size: 0.9em; color: var(--_muted); padding-inline: var(--_space); }
    .nf .row { align-items: start; }
    .nf .row > label:first-child { flex: 2 1 200px; }
    .nf .field-error { color: var(--_danger); font-weight: 600 !important; }
    .nf .hint { font-size: 0.85em; }
    .skeleton.subs { height: 80px; }
    .fix-hint { border: 1px solid var(--_ok); border-radius: var(--_radius); padding: calc(var(--_space) * 2) calc(var(--_space) * 3); }
  `,
];

/** Lives on the desk once the tab was opened; its tasks reload with the desk's `notices` topic (a colleague's change, a customer subscribing). */
export class NoticesView {
  /** The notice in the form: an id, `new`, or none. */
  private selected = '';
  private draft: Draft = { ...EMPTY };
  private errors: Partial<Record<Field, string>> = {};
  private outcome: Outcome | undefined;
  private saving = false;
  private confirmDelete = false;
  /** One key per "publish" intent, kept through retries (the POST is idempotent). */
  private createKey: string | undefined;
  private readonly list;
  private readonly subscribers;

  constructor(private readonly desk: CadiaAgentDesk) {
    this.list = new Task(desk, {
      task: async ([d], { signal }) => (await d.api.http.get<{ items: AgentNotice[] }>('v1/agent/notices', { signal })).items,
      args: () => [desk.desk, desk.revision('notices')] as const,
    });
    this.subscribers = new Task(desk, {
      task: async ([d, id], { signal }) =>
        id && id !== 'new' ? (await d.api.http.get<{ items: NoticeSubscriber[] }>(`v1/agent/notices/${encodeURIComponent(id)}/subscribers`, { signal })).items : undefined,
      args: () => [desk.desk, this.selected, desk.revision('notices')] as const,
    });
  }

  private get m(): DeskNoticeMessages {
    return texts(noticeMessages, this.desk.language);
  }

  private get status() {
    return texts(statusTexts, this.desk.language).status;
  }

  private get current(): AgentNotice | undefined {
    return this.list.value?.find((n) => n.id === this.selected);
  }

  private select(id: string): void {
    this.selected = id;
    const n = this.list.value?.find((x) => x.id === id);
    this.draft = n ? draftOf(n) : { ...EMPTY };
    this.errors = {};
    this.outcome = undefined;
    this.confirmDelete = false;
    this.createKey = undefined;
    this.desk.requestUpdate();
    void this.desk.updateComplete.then(() => this.desk.shadowRoot?.getElementById('nf-title')?.focus());
  }

  private set(field: Field, value: string): void {
    this.draft = { ...this.draft, [field]: value };
    if (this.errors[field]) {
      const { [field]: _gone, ...rest } = this.errors;
      this.errors = rest;
    }
    this.desk.requestUpdate();
  }

  /** Checked here first with the server's own rules; what the server still refuses lands at its field too. */
  private async save(e: Event): Promise<void> {
    e.preventDefault();
    const m = this.m;
    const problems = noticeProblems(this.draft as NoticeDraft);
    if (problems.length) return this.refuse(Object.fromEntries(problems.map(([f, code]) => [f, m.problems[code as keyof DeskNoticeMessages['problems']]])));
    const http = this.desk.desk.api.http;
    const locale = this.desk.language;
    const isNew = this.selected === 'new';
    this.saving = true;
    this.outcome = undefined;
    this.desk.requestUpdate();
    try {
      let saved: NoticeSaved;
      if (isNew) {
        this.createKey ??= randomId();
        saved = await http.json<NoticeSaved>('v1/agent/notices', http.idempotent({ idempotencyKey: this.createKey, locale }, { json: this.draft }));
        this.createKey = undefined;
      } else {
        // Only what was changed here: a colleague's change to another field stays.
        const before = this.current ? draftOf(this.current) : EMPTY;
        const patch = Object.fromEntries(ORDER.filter((k) => this.draft[k] !== before[k]).map((k) => [k, this.draft[k]]));
        saved = await http.json<NoticeSaved>(`v1/agent/notices/${encodeURIComponent(this.selected)}`, { method: 'patch', json: patch, headers: { 'Accept-Language': locale } });
      }
      this.selected = saved.notice.id;
      this.draft = draftOf(saved.notice);
      this.outcome = { ok: true, text: saved.mailed ? m.savedMailed(saved.mailed) : m.saved };
      this.desk.desk.changed('notices', 'outbox');
    } catch (err) {
      const api = toApiError(err);
      if (api.fieldErrors.length) return this.refuse(Object.fromEntries(api.fieldErrors.map((f) => [f.field, f.message])));
      this.outcome = this.desk.outcomeOf(err, []);
    } finally {
      this.saving = false;
      this.desk.requestUpdate();
    }
  }

  private async refuse(errors: Partial<Record<Field, string>>): Promise<void> {
    this.errors = errors;
    this.outcome = { ok: false, text: this.m.errorsSummary(Object.keys(errors).length) };
    this.saving = false;
    this.desk.requestUpdate();
    await this.desk.updateComplete;
    const first = ORDER.find((f) => errors[f]);
    if (first) this.desk.shadowRoot?.getElementById(`nf-${first}`)?.focus();
  }

  private async remove(): Promise<void> {
    if (!this.confirmDelete) {
      this.confirmDelete = true;
      this.desk.requestUpdate();
      return;
    }
    try {
      await this.desk.desk.api.http.send(`v1/agent/notices/${encodeURIComponent(this.selected)}`, { method: 'delete' }, async () => undefined);
      this.selected = '';
      this.draft = { ...EMPTY };
      this.outcome = { ok: true, text: this.m.removed };
      this.desk.desk.changed('notices');
    } catch (err) {
      this.outcome = this.desk.outcomeOf(err, []);
    }
    this.confirmDelete = false;
    this.desk.requestUpdate();
  }

  render() {
    const m = this.m;
    const list = this.list.value;
    return html`<div class="split">
      <section class="queue" aria-labelledby="ntc-h">
        <div class="row"><h2 id="ntc-h" class="grow">${m.heading}</h2>
          <button type="button" class="primary" @click=${() => this.select('new')}>${m.create}</button></div>
        ${!list
          ? this.list.error ? this.desk.renderError(this.list.error, () => this.list.run()) : html`<div class="skeleton list" aria-busy="true"></div>`
          : list.length
            ? html`<ul class="notice-list" part="notices">${list.map((n) => html`<li>
                <button type="button" class="notice-item" data-status=${n.status} aria-current=${n.id === this.selected ? 'true' : 'false'} @click=${() => this.select(n.id)}>
                  <span class="line1"><span class="pill ${n.status === 'fixed' ? 'ok' : n.status === 'investigating' ? 'danger' : ''}">${this.status[n.status]}</span>
                    <span class="status num">${m.subscribers(n.subscriberCount)}</span></span>
                  <span class="subject">${n.title}</span>
                  <span class="meta muted">${n.program} · ${versionRange(n) || m.allVersions}</span>
                </button></li>`)}</ul>`
            : html`<p class="empty" part="notices">${m.empty}</p>`}
      </section>
      <section class="ticket" aria-label=${this.current?.title ?? m.newHeading}>
        ${this.selected ? this.renderForm(m) : html`<p class="empty">${m.choose}</p>`}
      </section>
    </div>`;
  }

  private renderForm(m: DeskNoticeMessages) {
    const d = this.draft;
    const current = this.current;
    const isNew = this.selected === 'new';
    const count = current?.subscriberCount ?? 0;
    const fixing = d.status === 'fixed' && current?.status !== 'fixed' && !isNew;
    const field = (f: Field, o: { multiline?: boolean; hint?: string } = {}) => {
      const err = this.errors[f];
      const describedBy = [err ? `nf-${f}-err` : '', o.hint ? `nf-${f}-hint` : ''].filter(Boolean).join(' ') || nothing;
      const input = (e: Event) => this.set(f, (e.target as HTMLInputElement).value);
      return html`<label>${m.fields[f as keyof DeskNoticeMessages['fields']]}
        ${o.multiline
          ? html`<textarea id="nf-${f}" rows="4" maxlength=${LIMIT[f]} .value=${d[f]} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${describedBy} @input=${input}></textarea>`
          : html`<input id="nf-${f}" type="text" maxlength=${LIMIT[f]} .value=${d[f]} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${describedBy} @input=${input} />`}
        ${err ? html`<span class="field-error" id="nf-${f}-err">${err}</span>` : nothing}
        ${o.hint ? html`<span class="hint muted" id="nf-${f}-hint">${o.hint}</span>` : nothing}
      </label>`;
    };
    return html`<form class="nf ticket-view" novalidate aria-labelledby="nf-h" @submit=${(e: Event) => this.save(e)}>
      <header class="t-head">
        ${current ? html`<p class="muted small num">${m.changed(formatDate(current.updatedAt, this.desk.language))} · ${m.subscribers(count)}</p>` : nothing}
        <h2 id="nf-h">${isNew ? m.newHeading : current?.title}</h2>
      </header>
      ${field('title')}
      ${field('text', { multiline: true })}
      <div class="row">${field('program')} ${field('versionFrom', { hint: m.versionHint })} ${field('versionTo', { hint: m.versionHint })}</div>
      <div class="row">
        <label>${m.fields.status}
          <select id="nf-status" @change=${(e: Event) => this.set('status', (e.target as HTMLSelectElement).value)}>
            ${NOTICE_STATUSES.map((s) => html`<option value=${s} ?selected=${d.status === s}>${this.status[s]}</option>`)}
          </select></label>
        ${field('fixedIn', { hint: m.versionHint })}
      </div>
      ${field('workaround', { multiline: true })}
      <fieldset><legend>${m.fields.english}</legend>${field('titleEn')} ${field('textEn', { multiline: true })} ${field('workaroundEn', { multiline: true })}</fieldset>
      ${fixing ? html`<p class="fix-hint" id="nf-fix">${m.willMail(count)}</p>` : nothing}
      <div class="row to-end">
        ${isNew ? nothing : this.confirmDelete
          ? html`<span class="warn">${m.removeConfirm(count)}</span>
              <button type="button" class="secondary" @click=${() => { this.confirmDelete = false; this.desk.requestUpdate(); }}>${m.cancel}</button>
              <button type="button" class="secondary" @click=${() => this.remove()}>${m.remove}</button>`
          : html`<button type="button" class="secondary" @click=${() => this.remove()}>${m.remove}</button>`}
        <button type="submit" class="primary" ?disabled=${this.saving} aria-describedby=${fixing ? 'nf-fix' : nothing}>${fixing && count ? m.saveAndMail(count) : m.save}</button>
      </div>
      <p class="outcome ${this.outcome ? (this.outcome.ok ? 'ok' : 'bad') : ''}" role="status">${this.outcome?.text ?? nothing}</p>
      ${isNew ? nothing : this.renderSubscribers(m)}
    </form>`;
  }

  private renderSubscribers(m: DeskNoticeMessages) {
    const subs = this.subscribers.value;
    const lang = this.desk.language;
    return html`<section class="card" aria-labelledby="nf-subs-h">
      <h3 id="nf-subs-h">${m.subscribersHeading}</h3>
      ${!subs ? html`<div class="skeleton subs" aria-busy="true"></div>` : subs.length ? html`<table>
        <thead><tr><th scope="col">${m.col.name}</th><th scope="col">${m.col.customer}</th><th scope="col">${m.col.since}</th><th scope="col">${m.col.lang}</th><th scope="col">${m.col.ticket}</th></tr></thead>
        <tbody>${subs.map((s) => html`<tr>
          <td>${s.contact.name}<br /><span class="muted small">${s.contact.email}</span></td>
          <td>${s.customer.name}<br /><span class="muted small num">${s.customer.number}</span></td>
          <td class="nowrap">${formatDate(s.subscribedAt, lang)}</td>
          <td>${s.lang.toUpperCase()}</td>
          <td>${s.ticket ? html`<button type="button" class="link num" @click=${() => { this.desk.view = 'queue'; this.desk.open(s.ticket!.id); }}>${s.ticket.number}</button>` : '–'}</td>
        </tr>`)}</tbody></table>` : html`<p class="muted">${m.noSubscribers}</p>`}
    </section>`;
  }
}
