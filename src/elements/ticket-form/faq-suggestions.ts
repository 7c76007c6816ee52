/**
 * FAQ suggestions while a bug is described: the articles that match subject and description, 300 ms
 * after typing stops, one search at a time; none for other categories. A help, not a must: a
 * failed search shows none.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { catalog, texts, type Locale } from '../../i18n/index.js';
import { suggestsFaq, type TicketCategory } from '../../domain/categories.js';
import { safeHref } from '../../base/safe-url.js';
import type { CadiaStore } from '../../context/store.js';
import type { FaqArticle } from '../../api/types.js';

export interface FaqMessages {
  faqTitle: string;
}

const messages = catalog<FaqMessages>(
  { faqTitle: 'Vielleicht hilft Ihnen schon dieser FAQ-Artikel:' },
  () => import('./messages.en.js').then((m) => ({ default: m.faq })),
);

export const faqStyles = css`
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
`;

export class FaqSuggestions implements ReactiveController {
  private faq: FaqArticle[] = [];
  private faqQuery = '';
  private faqTimer: ReturnType<typeof setTimeout> | undefined;
  private faqAbort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: () => CadiaStore,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.faqTimer);
    this.faqAbort?.abort();
  }

  /** Called before every render of the form, with what is typed. */
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

  /** The inside of the form's FAQ live region (which is always there, so additions are announced). */
  render(lang: Locale) {
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
}
