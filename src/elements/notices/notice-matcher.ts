/**
 * Known-issue notices in the customer's widgets (issue 18), a lazy part of its own: the ticket form
 * loads it once the host names program and version or the customer starts typing, the list once
 * the host names program and version. It asks the server which notices match (program, version,
 * the typed words; the rules are src/domain/notices.ts), 400 ms after typing stops with only the
 * latest question running, again when the event stream says a notice changed, and renders each
 * with its status, workaround and "Betrifft mich auch". A failed question shows none: the notices
 * help, they are never in the way of filing a ticket.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import { texts, type Locale } from '../../i18n/index.js';
import type { CadiaStore } from '../../context/store.js';
import type { NoticeMatch } from '../../api/types.js';
import { matchNotices, type NoticeQuery, setSubscribed } from './notices-api.js';
import { messages, type NoticeMessages } from './messages.js';
import { NOTICE_LIMITS, versionRange } from '../../domain/notices.js';

/** Typing pauses this long before the server is asked (no request per keystroke). */
export const NOTICE_DEBOUNCE_MS = 400;
/** Typed text counts from this many characters on (fewer say nothing about a problem). */
const MIN_TEXT = 4;

export interface NoticeRenderOptions {
  /** "Trotzdem Ticket erstellen": the form files the ticket linked to this notice. */
  onFileTicket?: (n: NoticeMatch) => void;
  /** The notice the form's ticket will be linked to. */
  linkedId?: string;
  /** The list's banner: only the first notice for the version, with "Ausblenden". */
  banner?: boolean;
}

export const styles = [
  css`
    .notices {
      display: grid;
      gap: calc(var(--_space) * 3);
    }
    .notices.banner {
      margin-block-end: calc(var(--_space) * 3);
    }
    .notices-heading {
      margin: 0;
      font-weight: 600;
    }
    .notice-card {
      border: 1px solid var(--_border);
      border-inline-start: 4px solid var(--_low);
      border-radius: var(--_radius);
      background: var(--_surface-2);
      padding: calc(var(--_space) * 3) calc(var(--_space) * 4);
      display: grid;
      gap: calc(var(--_space) * 2);
      /* Texts come from the server: a long word must wrap, not widen the widget. */
      overflow-wrap: anywhere;
    }
    .notice-card[data-status='fixed'] {
      border-inline-start-color: var(--_ok);
    }
    .notice-card h3 {
      margin: 0;
      font-size: 1em;
    }
    .notice-card p {
      margin: 0;
    }
    .notice-meta {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space) calc(var(--_space) * 3);
      align-items: center;
      color: var(--_muted);
      font-size: 0.875em;
    }
    .notice-status {
      font-weight: 600;
      color: var(--_text);
      border: 1px solid var(--_border);
      border-radius: 999px;
      padding: 0 calc(var(--_space) * 2);
      background: var(--_surface);
    }
    .notice-workaround {
      border-radius: var(--_radius);
      background: var(--_surface);
      padding: calc(var(--_space) * 2) calc(var(--_space) * 3);
    }
    .notice-workaround strong {
      display: block;
    }
    .notice-actions {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) * 2);
      align-items: center;
    }
    .notice-done {
      color: var(--_ok);
      font-weight: 600;
    }
    .notice-hint {
      color: var(--_muted);
      font-size: 0.875em;
    }
  `,
];

export class NoticeMatcher implements ReactiveController {
  private query: NoticeQuery = { program: '', version: '', q: '' };
  /** Bumped when the server says a notice changed: the same question is asked again. */
  private revision = 0;
  private stopWatching: (() => void) | undefined;
  /** Subscriptions changed here, over what the last answer said. */
  private readonly subscribed = new Map<string, boolean>();
  private readonly busy = new Set<string>();
  private readonly dismissed = new Set<string>();
  /** One line for the live region: what the last action did (or that it failed). */
  private said = '';
  private readonly search: Task<[string, string, string, number], NoticeMatch[]>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly store: () => CadiaStore,
    private readonly lang: () => Locale,
  ) {
    host.addController(this);
    this.search = new Task(host, {
      task: async ([program, version, q], { signal }) => {
        if (!(program && version) && q.length < MIN_TEXT) return [];
        // A key pressed meanwhile aborts this run before it asks.
        await new Promise((r) => setTimeout(r, NOTICE_DEBOUNCE_MS));
        signal.throwIfAborted();
        const found = await matchNotices(this.store(), { program, version, q }, this.lang(), signal);
        // What was (un)subscribed here is in the new answer now.
        this.subscribed.clear();
        return found;
      },
      args: () => [this.query.program, this.query.version, this.query.q, this.revision],
    });
  }

  hostConnected(): void {
    // Asked again when a notice changes. What was (un)subscribed here stays shown until the new
    // answer has it: clearing it at once flipped the card back and forth (the event of one's own
    // subscription comes first), and the button under a keyboard user's focus went with it.
    this.stopWatching = this.store().watch('notices', () => {
      this.revision++;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.search.abort();
    this.stopWatching?.();
  }

  /** Called before every render of the host with what it knows: the host's program and version, and for the form what is typed. */
  sync(q: NoticeQuery): void {
    this.query = { program: q.program.trim(), version: q.version.trim(), q: q.q.trim().slice(0, NOTICE_LIMITS.query) };
  }

  private isSubscribed(n: NoticeMatch): boolean {
    return this.subscribed.get(n.id) ?? n.subscribed;
  }

  private async toggle(n: NoticeMatch, m: NoticeMessages): Promise<void> {
    const on = !this.isSubscribed(n);
    this.busy.add(n.id);
    this.host.requestUpdate();
    try {
      await setSubscribed(this.store(), n.id, on, this.lang());
      this.subscribed.set(n.id, on);
      this.said = on ? m.subscribed : m.unsubscribed;
    } catch {
      this.said = m.failed;
    } finally {
      this.busy.delete(n.id);
      this.host.requestUpdate();
    }
    // The button was replaced: focus its successor, so a keyboard user stays at the notice.
    await this.host.updateComplete;
    this.host.shadowRoot?.querySelector<HTMLElement>(`[data-notice="${n.id}"] .notice-toggle`)?.focus();
  }

  private dismiss(n: NoticeMatch): void {
    this.dismissed.add(n.id);
    try {
      sessionStorage.setItem(`cadia-notice-dismissed:${n.id}`, '1');
    } catch {
      // storage blocked (private mode, sandbox): hidden for this page view only
    }
    this.host.requestUpdate();
  }

  private isDismissed(n: NoticeMatch): boolean {
    try {
      if (sessionStorage.getItem(`cadia-notice-dismissed:${n.id}`)) this.dismissed.add(n.id);
    } catch {
      // storage blocked: nothing was kept
    }
    return this.dismissed.has(n.id);
  }

  /** The notices (or, as the list's banner, the first one for the version), and the live line. */
  render(o: NoticeRenderOptions = {}) {
    const m = texts(messages, this.lang());
    const all = this.search.value ?? [];
    const shown = o.banner ? all.filter((n) => n.match.version && !this.isDismissed(n)).slice(0, 1) : all;
    return html`${shown.length
        ? html`<div class="notices ${o.banner ? 'banner' : ''}">
            ${o.banner ? nothing : html`<p class="notices-heading">${m.heading(shown.length)}</p>`}
            ${shown.map((n) => this.renderNotice(n, m, o))}
          </div>`
        : nothing}
      <p class="sr-only" role="status">${this.said}</p>`;
  }

  private renderNotice(n: NoticeMatch, m: NoticeMessages, o: NoticeRenderOptions) {
    const on = this.isSubscribed(n);
    const busy = this.busy.has(n.id);
    const range = versionRange(n) || m.allVersions;
    const id = `notice-${n.id}`;
    return html`<section class="notice-card" part="notice" data-notice=${n.id} data-status=${n.status} aria-labelledby=${id}>
      <div class="notice-meta">
        ${o.banner ? html`<span>${m.bannerLabel}</span>` : nothing}
        <span class="notice-status">${m.status[n.status]}</span>
        <span>${m.affects(n.program, range)}</span>
      </div>
      <h3 id=${id}>${n.title}</h3>
      <p>${n.text}</p>
      ${n.status === 'fixed' && n.fixedIn ? html`<p><strong>${m.fixedIn(n.fixedIn)}</strong></p>` : nothing}
      ${n.workaround ? html`<div class="notice-workaround"><strong>${m.workaround}</strong> ${n.workaround}</div>` : nothing}
      <div class="notice-actions">
        ${n.status === 'fixed'
          ? nothing
          : on
            ? html`<span class="notice-done">✓ ${m.subscribed}</span>
                <button type="button" class="secondary notice-toggle" ?disabled=${busy} @click=${() => this.toggle(n, m)}>${m.unsubscribe}</button>`
            : html`<button type="button" class="primary notice-toggle" ?disabled=${busy} aria-describedby="${id}-hint" @click=${() => this.toggle(n, m)}>${m.subscribe}</button>`}
        ${o.onFileTicket
          ? html`<button type="button" class="secondary" aria-describedby="${id}-ticket" @click=${() => o.onFileTicket!(n)}>${m.fileTicket}</button>`
          : nothing}
        ${o.banner ? html`<button type="button" class="secondary" aria-label=${m.dismiss(n.title)} @click=${() => this.dismiss(n)}>${m.hide}</button>` : nothing}
      </div>
      ${n.status === 'fixed' || on ? nothing : html`<p class="notice-hint" id="${id}-hint">${m.subscribeHint}</p>`}
      ${o.onFileTicket ? html`<p class="notice-hint" id="${id}-ticket">${o.linkedId === n.id ? m.linked : m.fileTicketHint}</p>` : nothing}
    </section>`;
  }
}
