/** The desk's mail outbox (what failed and why, resend). The customers and notices tabs are lazy parts: customer-panel.ts, notices-view.ts. */
import { html, nothing } from 'lit';
import type { OutboxMail } from '../../api/agent-backend.js';
import { formatDateTime } from '../../i18n/index.js';
import type { CadiaAgentDesk } from './agent-desk.js';

export function renderOutbox(desk: CadiaAgentDesk) {
  const m = desk.m.outbox;
  const mails = desk.outboxTask.value;
  return html`<section class="outbox" aria-labelledby="out-h">
    <h2 id="out-h">${m.heading}</h2>
    ${!mails ? (desk.outboxTask.error ? desk.renderError(desk.outboxTask.error, () => desk.outboxTask.run()) : html`<div class="skeleton list" aria-busy="true"></div>`)
      : mails.length ? html`<ul class="mails">${mails.map((mail) => renderMail(desk, mail))}</ul>` : html`<p class="empty">${m.empty}</p>`}
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
