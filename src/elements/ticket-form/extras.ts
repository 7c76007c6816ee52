/**
 * What the ticket form shows only once a category is set (picked, prefilled or restored): the
 * billing hint, FAQ suggestions for bugs, and the confirmation after sending — with their texts and
 * styles. The form imports this module when the first category is set, so a form nobody touches
 * never loads it. Nothing here keeps a ticket safe: if the module cannot load (offline), the form
 * works without hint and suggestions, and confirms a sent ticket in its status line instead.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { catalog, formatDuration, formatMoney, texts, type Locale } from '../../i18n/index.js';
import { isFreeCategory } from '../../domain/billing.js';
import { isCreditExhausted } from '../../domain/offers.js';
import { suggestsFaq, type TicketCategory } from '../../domain/categories.js';
import { safeHref } from '../../base/safe-url.js';
import { OrderRequestedEvent, TicketSelectEvent } from '../../events/index.js';
import type { CadiaStore } from '../../context/store.js';
import type { FaqArticle, TicketCreated } from '../../api/types.js';
import type { TicketFormMessages } from './messages.js';

export interface ExtrasMessages {
  faqTitle: string;
  billing: {
    free: string;
    fromCredit: (credit: string) => string;
    payAsYouGo: (credit: string, unitMinutes: number, price: string) => string;
    order: string;
  };
  success: {
    emailed: (addresses: string) => string;
    view: string;
    another: string;
  };
}

const messages = catalog<ExtrasMessages>(
  {
    faqTitle: 'Vielleicht hilft Ihnen schon dieser FAQ-Artikel:',
    billing: {
      free: 'Programmfehler werden nicht abgerechnet und benötigen kein Supportguthaben. Ist es doch kein Programmfehler, teilen wir Ihnen das mit.',
      fromCredit: (c) => `Die Bearbeitungszeit wird von Ihrem Supportguthaben abgezogen (aktuell ${c}).`,
      payAsYouGo: (c, u, p) => `Ihr Supportguthaben beträgt ${c}; die Bearbeitung wird pro angefangene ${u} Minuten mit ${p} abgerechnet.`,
      order: 'Jetzt ein Supportpaket bestellen',
    },
    success: {
      emailed: (a) => `Eine Bestätigung ging per E-Mail an ${a}.`,
      view: 'Ticket ansehen',
      another: 'Weiteres Ticket erstellen',
    },
  },
  // All of the form's English is in one file.
  () => import('./messages.en.js').then((m) => ({ default: m.extras })),
);

export const styles = css`
  .faq ul {
    margin: var(--_space) 0 0;
    padding-inline-start: 1.2em;
  }
  .faq li {
    /* Article titles come from the server: a long word or URL must wrap, not widen the form. */
    overflow-wrap: anywhere;
  }
  .faq li + li {
    margin-block-start: var(--_space);
  }
  .faq a {
    color: var(--_primary);
    font-weight: 600;
  }
  .faq .excerpt {
    display: block;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .faq-title {
    font-weight: 600;
  }
  .success {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 4);
    /* The mailed-to addresses can be one long word. */
    overflow-wrap: anywhere;
    padding: calc(var(--_space) * 4);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_ok);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .success-title {
    font-size: 1.2em;
    font-weight: 600;
  }
`;

/** The form as this module sees it: where the order and "view ticket" actions lead. */
type Host = ReactiveControllerHost & HTMLElement & { shopHref: string; ticketHref: string };

export class TicketFormExtras implements ReactiveController {
  private faq: FaqArticle[] = [];
  private faqQuery = '';
  private faqTimer: ReturnType<typeof setTimeout> | undefined;
  private faqAbort: AbortController | undefined;

  constructor(
    private readonly host: Host,
    private readonly store: () => CadiaStore,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.faqTimer);
    this.faqAbort?.abort();
  }

  /**
   * Called before every render of the form. FAQ suggestions for bugs follow category, subject and
   * description: 300 ms after typing stops, one request at a time; none for other categories.
   */
  sync(v: { category: TicketCategory | ''; subject: string; description: string }): void {
    const q = v.category && suggestsFaq(v.category) ? `${v.subject} ${v.description}`.trim().slice(0, 200) : '';
    if (q === this.faqQuery) return;
    this.faqQuery = q;
    clearTimeout(this.faqTimer);
    if (!q) {
      this.faqAbort?.abort();
      this.faq = [];
      return;
    }
    this.faqTimer = setTimeout(() => void this.loadFaq(q), 300);
  }

  private async loadFaq(q: string): Promise<void> {
    this.faqAbort?.abort();
    const abort = (this.faqAbort = new AbortController());
    try {
      const items = await this.store().searchFaq(q, abort.signal);
      if (abort.signal.aborted) return;
      this.faq = items;
      this.host.requestUpdate();
    } catch {
      /* suggestions are a help, not a must: a failed search shows none */
    }
  }

  private handleOrder(): void {
    const { host } = this;
    if (!host.dispatchEvent(new OrderRequestedEvent())) return;
    if (host.shopHref) window.location.assign(new URL(host.shopHref, document.baseURI).href);
  }

  private handleView(id: string): void {
    const { host } = this;
    if (!host.dispatchEvent(new TicketSelectEvent(id))) return;
    if (host.ticketHref) window.location.assign(new URL(host.ticketHref.replace('{id}', encodeURIComponent(id)), document.baseURI).href);
  }

  /** Bugs are free; otherwise the credit, and at zero or below the pay-as-you-go price with the order action. */
  renderBilling(c: TicketCategory | '', lang: Locale) {
    const me = this.store().me.value;
    if (!c || !me) return nothing;
    const m = texts(messages, lang).billing;
    const credit = formatDuration(me.credit.minutes, lang);
    if (isFreeCategory(c)) return html`<p part="billing" class="billing free">${m.free}</p>`;
    if (!isCreditExhausted(me.credit.minutes)) return html`<p part="billing" class="billing">${m.fromCredit(credit)}</p>`;
    return html`<div part="billing" class="billing exhausted">
      <p>${m.payAsYouGo(credit, me.pricing.unitMinutes, formatMoney(me.pricing.unitPrice, lang))}</p>
      <button type="button" class="secondary" @click=${() => this.handleOrder()}>${m.order}</button>
    </div>`;
  }

  /** The inside of the form's FAQ live region (which is always there, so additions are announced). */
  renderFaq(lang: Locale) {
    if (!this.faq.length) return nothing;
    return html`<p class="faq-title">${texts(messages, lang).faqTitle}</p>
      <ul>
        ${this.faq.map((a) => {
          const href = safeHref(a.url);
          const title = href ? html`<a href=${href} target="_blank" rel="noopener">${a.title}</a>` : html`<span class="title">${a.title}</span>`;
          return html`<li>${title} <span class="excerpt">${a.excerpt}</span></li>`;
        })}
      </ul>`;
  }

  renderSuccess(form: TicketFormMessages, created: TicketCreated, lang: Locale, onAnother: () => void) {
    const m = texts(messages, lang).success;
    const t = created.ticket;
    return html`<div part="success" class="success" role="status" tabindex="-1">
      <p class="success-title">${form.sent(t.number)}</p>
      <p>${m.emailed(created.emailedTo.join(lang === 'de' ? ' und ' : ' and '))}</p>
      <div class="actions">
        <button type="button" class="secondary" @click=${() => this.handleView(t.id)}>${m.view}</button>
        <button type="button" class="primary" @click=${onAnother}>${m.another}</button>
      </div>
    </div>`;
  }
}
