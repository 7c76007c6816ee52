/**
 * FAQ suggestions while a bug is described: the articles that match subject and description, 300 ms
 * after typing stops, the latest search only; none for other categories. A help, not a must: a
 * failed search shows none.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import { catalog, texts, type Locale } from '../../i18n/index.js';
import { suggestsFaq, type TicketCategory } from '../../domain/categories.js';
import { safeHref } from '../../domain/safe-url.js';
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
  private query = '';
  // Lit's Task: a new query aborts the search under way, and only the latest answer shows.
  private readonly search: Task<[string], FaqArticle[]>;

  constructor(host: ReactiveControllerHost, store: () => CadiaStore) {
    host.addController(this);
    this.search = new Task(host, {
      task: async ([q], { signal }) => {
        if (!q) return [];
        // 300 ms after typing stops: a key pressed meanwhile aborts this run before it asks.
        await new Promise((r) => setTimeout(r, 300));
        signal.throwIfAborted();
        return store().searchFaq(q, signal);
      },
      args: () => [this.query],
    });
  }

  hostDisconnected(): void {
    this.search.abort();
  }

  /** Called before every render of the form, with what is typed. */
  sync(v: { category: TicketCategory | ''; subject: string; description: string }): void {
    this.query = v.category && suggestsFaq(v.category) ? `${v.subject} ${v.description}`.trim().slice(0, 200) : '';
  }

  /** The inside of the form's FAQ live region (which is always there, so additions are announced). A failed search shows none. */
  render(lang: Locale) {
    const faq = this.search.value;
    if (!this.query || !faq?.length) return nothing;
    return html`<p class="faq-title">${texts(messages, lang).faqTitle}</p>
      <ul>
        ${faq.map((a) => {
          const href = safeHref(a.url, document.baseURI);
          const title = href ? html`<a href=${href} target="_blank" rel="noopener">${a.title}</a>` : html`<span class="title">${a.title}</span>`;
          return html`<li>${title} <span class="excerpt">${a.excerpt}</span></li>`;
        })}
      </ul>`;
  }
}
