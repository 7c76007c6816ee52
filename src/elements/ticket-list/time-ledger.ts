/**
 * The support time booked on a ticket ("Nachverfolgbarkeit unserer Aufwände und Supportzeiten"):
 * each entry, the totals, the minutes charged per started 10 minutes and what came off the credit.
 * The charged minutes are computed with the same rule the server bills with (src/domain/billing.ts).
 */
import { html, nothing } from 'lit';
import type { TicketDetail, TimeEntry } from '../../api/types.js';
import { chargedMinutes, ledgerTotals } from '../../domain/billing.js';
import { formatDate, formatDuration, formatMoney, type Locale } from '../../i18n/index.js';
import type { DetailMessages } from './detail-messages.js';

export interface LedgerContext {
  m: DetailMessages;
  lang: Locale;
}

export function renderTimeLedger(t: TicketDetail, c: LedgerContext) {
  const { m, lang } = c;
  const d = (min: number) => formatDuration(min, lang);
  const entries = [...t.timeEntries].sort((a, b) => a.date.localeCompare(b.date));
  const totals = ledgerTotals(entries);
  return html`<section class="ledger" part="time" aria-labelledby="time-h">
    <h3 id="time-h">${m.timeHeading}</h3>
    ${entries.length === 0
      ? html`<p class="muted">${m.timeEmpty}</p>`
      : html`<table class="entries">
            <thead>
              <tr>
                <th scope="col">${m.timeDate}</th>
                <th scope="col" class="end">${m.timeMinutes}</th>
                <th scope="col">${m.timeKind}</th>
                <th scope="col">${m.timeNote}</th>
              </tr>
            </thead>
            <tbody>
              ${entries.map((e) => renderEntry(e, c))}
            </tbody>
          </table>
          <dl class="totals" part="time-totals">
            <div><dt>${m.totalBooked}</dt><dd class="num" data-total="booked">${d(totals.bookedMinutes)}</dd></div>
            ${totals.freeMinutes ? html`<div><dt>${m.totalFree}</dt><dd class="num" data-total="free">${d(totals.freeMinutes)}</dd></div>` : nothing}
            <div class="charged">
              <dt>${m.totalCharged} <span class="hint">(${m.chargedHint})</span></dt>
              <dd class="num" data-total="charged">${d(totals.chargedMinutes)}</dd>
            </div>
            <div><dt>${m.fromCredit}</dt><dd class="num" data-total="credit">${d(t.billing.fromCreditMinutes)}</dd></div>
            ${t.billing.uncoveredMinutes > 0
              ? html`<div class="owed"><dt>${m.uncovered}</dt><dd class="num" data-total="uncovered">${d(t.billing.uncoveredMinutes)}</dd></div>
                  <div class="owed"><dt>${m.owed}</dt><dd class="num" data-total="owed">${formatMoney(t.billing.owed, lang)}</dd></div>`
              : nothing}
          </dl>`}
  </section>`;
}

function renderEntry(e: TimeEntry, c: LedgerContext) {
  const { m, lang } = c;
  const charged = e.billable ? chargedMinutes(e.minutes) : 0;
  return html`<tr data-entry=${e.id}>
    <td data-label=${m.timeDate}>${formatDate(e.date, lang)}</td>
    <td data-label=${m.timeMinutes} class="end num">
      ${formatDuration(e.minutes, lang)}
      ${e.billable && charged !== e.minutes ? html`<span class="rounded">→ ${formatDuration(charged, lang)}</span>` : nothing}
    </td>
    <td data-label=${m.timeKind}><span class="kind ${e.billable ? 'billable' : 'free'}">${e.billable ? m.billable : m.free}</span></td>
    <td data-label=${m.timeNote} class="note">${e.note}</td>
  </tr>`;
}
