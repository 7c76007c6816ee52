/**
 * The support team's desk: the queue in working order, the open ticket (thread, context, reply,
 * time, reclassification, status), the customers (credit, offers, licence renewal) and the mail
 * outbox, the known-issue notices. Same stack as the customer widgets (CadiaElement, the provider's configuration, the HTTP
 * core in src/api); its own entry, so no customer page ever loads it.
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { CadiaElement } from '../../base/cadia-element.js';
import { randomId } from '../../base/random-id.js';
import { AttachmentsController } from '../../controllers/attachments.js';
import { AttachmentUrls } from '../ticket-list/attachment-urls.js';
import { categoryLabels } from '../../i18n/tickets.js';
import { errorText } from '../../i18n/common.js';
import { formatDuration, formatter } from '../../i18n/index.js';
import { LoginRequiredEvent } from '../../events/index.js';
import { TICKET_CATEGORIES, TICKET_STATUSES, URGENCIES, type TicketCategory, type TicketStatus, type Urgency } from '../../domain/categories.js';
import { toApiError, type CadiaApiError } from '../../api/errors.js';
import type { AgentTicketDetail, AgentTicketSummary, QueueQuery } from '../../api/agent-backend.js';
import { DeskStore, type DeskTopic } from './desk-store.js';
import { deskMessages, type DeskMessages } from './messages.js';
import { deskStyles } from './agent-desk.styles.js';
import { renderTicket, type TicketForms } from './ticket-view.js';
import { renderOutbox } from './side-views.js';
import type { CustomerPanel } from './customer-panel.js';
import { LazyPart, lazyImport } from '../../base/lazy.js';
import type { NoticesView } from './notices-view.js';

// The tabs agents open now and then are lazy parts, fetched when the tab is first opened: the
// customers panel (statement, correction, people, keys) and the known-issue notices (issue 18).
const importCustomers = lazyImport(() => import('./customer-panel.js'));
const importNotices = lazyImport(() => import('./notices-view.js'));

export type DeskView = 'queue' | 'customers' | 'outbox' | 'notices';

/** Desks per provider configuration: one agent client and one event stream per page. */
const stores = new WeakMap<object, DeskStore>();

/** An action's outcome, shown at its form: the message, and for a refusal the field it belongs to. */
export interface Outcome {
  ok: boolean;
  text: string;
  field?: string | undefined;
}

/** Keys that must not steer the queue while someone types. */
const isTyping = (el: Element | undefined) => !!el && (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || (el as HTMLElement).isContentEditable);

const OPEN: TicketStatus[] = ['new', 'in_progress'];

/**
 * @summary The support team's desk: queue, ticket, customers, mail outbox, known-issue notices.
 * @event cadia-login-required - The agent's sign-in was refused (401 even after asking `getToken` again).
 * @csspart base - The desk's frame.
 */
export class CadiaAgentDesk extends CadiaElement {
  static override styles = deskStyles;
  static override shadowRootOptions = { ...CadiaElement.shadowRootOptions, delegatesFocus: true };

  static override properties: PropertyDeclarations = {
    view: { reflect: true },
    ticketId: { attribute: 'ticket-id' },
  };

  /** Which part is shown: `queue` (default), `customers`, `outbox`, `notices`. */
  declare view: DeskView;
  /** The open ticket's id. */
  declare ticketId: string;

  query: QueueQuery = { status: [...OPEN], category: '', customer: '', urgency: '', q: '', contact: '' };
  /** The queue row the keyboard is on. */
  private active = 0;
  /** The customer open in the customers panel. */
  customerNumber = '';
  private rev = { queue: 0, ticket: 0, customers: 0, outbox: 0, notices: 0 };

  /** Counts up whenever `topic` may have changed: tasks that list it in their args reload. */
  revision(topic: DeskTopic): number {
    return this.rev[topic];
  }
  private searchTimer?: ReturnType<typeof setTimeout>;
  private stopWatching: Array<() => void> = [];
  private watchedStore?: DeskStore | undefined;

  readonly replyImages = new AttachmentsController(this);
  readonly images = new AttachmentUrls(this);
  /** The forms of the open ticket; reset when another ticket opens. */
  forms: TicketForms = freshForms();
  /** Outcomes of the outbox's resends and of "load more", keyed by what they were about (the lazy tabs keep their own). */
  outcomes = new Map<string, Outcome>();
  private readonly customersPart = new LazyPart(this, importCustomers);
  private readonly noticesPart = new LazyPart(this, importNotices);
  /** The tabs' lazy parts, made once their code is here (see `willUpdate`). */
  private customerPanel: CustomerPanel | undefined;
  private noticesView: NoticesView | undefined;

  constructor() {
    super();
    this.view = 'queue';
    this.ticketId = '';
  }

  get desk(): DeskStore {
    const ctx = this.ctx;
    const key = ctx.config ?? ctx;
    let s = stores.get(key);
    if (!s) {
      s = new DeskStore(ctx.config ?? {}, () => this.lang_, () => this.dispatchEvent(new LoginRequiredEvent('session-expired')));
      stores.set(key, s);
    }
    return s;
  }

  /** The desk's language, for its render helpers. */
  get language() {
    return this.lang_;
  }

  get m(): DeskMessages {
    return this.msg(deskMessages);
  }

  get categories() {
    return this.msg(categoryLabels);
  }

  /** Pages loaded with "load more" after the first (dropped when the queue loads afresh). */
  private more: AgentTicketSummary[] = [];
  private moreCursor: string | null | undefined;

  private readonly queueTask = new Task(this, {
    task: ([desk, query], { signal }) => desk.api.listQueue(query, { signal }),
    onComplete: () => {
      this.more = [];
      this.moreCursor = undefined;
    },
    // `query` is replaced, never changed in place (setQuery), so the queue reloads only when it changes.
    args: () => [this.desk, this.query, this.rev.queue] as const,
  });

  readonly ticketTask = new Task(this, {
    task: ([desk, id], { signal }) => (id ? desk.api.getTicket(id, { signal }) : Promise.resolve(undefined)),
    args: () => [this.desk, this.ticketId, this.rev.ticket] as const,
  });

  /** The ratings' average under the queue's customer filter; reloads with the queue (a rating is a ticket event). */
  private readonly ratingsTask = new Task(this, {
    task: ([desk, customer], { signal }) => desk.api.ratings(customer, { signal }),
    args: () => [this.desk, this.query.customer, this.rev.queue] as const,
  });

  readonly customersTask = new Task(this, {
    task: ([desk], { signal }) => desk.api.listCustomers({ signal }),
    args: () => [this.desk, this.rev.customers] as const,
  });

  /** The chosen customer's people, for the queue's filter by person (none without a customer). */
  private readonly peopleTask = new Task(this, {
    task: ([desk, customer], { signal }) => (customer ? desk.api.listContacts(customer, { signal }) : Promise.resolve([])),
    args: () => [this.desk, this.query.customer, this.rev.customers] as const,
  });

  readonly outboxTask = new Task(this, {
    task: ([desk], { signal }) => desk.api.outbox({ signal }),
    args: () => [this.desk, this.rev.outbox] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.handleKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.handleKeydown);
    this.unwatch();
  }

  /**
   * Deliberately without `super.willUpdate`: the base would subscribe this element to the customer
   * store, whose event stream would be a second one beside the desk's, and which reloads the
   * signed-in customer's offers on every offer event (an agent may not read `/v1/offers`: 403). The
   * desk reads only through its DeskStore; from the base it takes the language, texts and context.
   */
  protected override willUpdate(changed: PropertyValues<this>): void {
    // Opening a tab shows its state now, not as it was when the desk started (a mail may have failed since).
    if (changed.has('view') && changed.get('view') !== undefined && this.view !== 'queue') {
      this.rev = { ...this.rev, [this.view]: this.rev[this.view] + 1 };
    }
    if (changed.has('ticketId') && changed.get('ticketId') !== undefined) {
      this.forms = freshForms();
      this.replyImages.clear();
    }
    // A lazy tab's view, made before this update's controllers run, so its loads start in this update.
    if (this.view === 'customers') this.customerPanel ??= this.partView(this.customersPart, changed, (m) => new m.CustomerPanel(this));
    if (this.view === 'notices') this.noticesView ??= this.partView(this.noticesPart, changed, (m) => new m.NoticesView(this));
    // Watch the desk's topics (again, if the provider's configuration changed).
    const desk = this.desk;
    if (this.isConnected && desk !== this.watchedStore) {
      this.unwatch();
      this.watchedStore = desk;
      const bump = (topic: DeskTopic) => () => {
        this.rev = { ...this.rev, [topic]: this.rev[topic] + 1 };
        this.requestUpdate();
      };
      this.stopWatching = [
        desk.watch('queue', bump('queue')),
        desk.watch('ticket', (id) => {
          if (!id || id === this.ticketId) bump('ticket')();
        }),
        desk.watch('customers', bump('customers')),
        desk.watch('outbox', bump('outbox')),
        desk.watch('notices', bump('notices')),
        desk.onStatus(() => this.requestUpdate()),
      ];
    }
  }

  /**
   * A lazy tab's view once its code is here; until then its load is started (the part renders the
   * desk when it arrives, and its English texts load before that render). A failed load is tried
   * again when the tab is opened anew, or by the retry button of `renderPart`.
   */
  private partView<M extends object, V>(part: LazyPart<M>, changed: PropertyValues<this>, make: (module: M) => V): V | undefined {
    if (part.module) return make(part.module);
    if (!part.failed || changed.has('view')) void part.load().catch(() => undefined);
    return undefined;
  }

  private unwatch(): void {
    for (const stop of this.stopWatching) stop();
    this.stopWatching = [];
    this.watchedStore = undefined;
  }

  /** The queue as last loaded (kept on screen while it reloads, so nothing jumps). */
  get queue() {
    return this.queueTask.value;
  }

  private get rows(): AgentTicketSummary[] {
    return [...(this.queue?.items ?? []), ...this.more];
  }

  private get nextCursor(): string | null {
    return this.moreCursor === undefined ? (this.queue?.nextCursor ?? null) : this.moreCursor;
  }

  private readonly loadMore = async (): Promise<void> => {
    const cursor = this.nextCursor;
    if (!cursor) return;
    try {
      const page = await this.desk.api.listQueue({ ...this.query, cursor });
      this.more = [...this.more, ...page.items];
      this.moreCursor = page.nextCursor;
    } catch (e) {
      this.outcomes.set('queue', this.outcomeOf(e, []));
    }
    this.requestUpdate();
  };

  // ---- actions ---------------------------------------------------------------------------------

  /** Runs a write with one idempotency key per intent (kept through retries until it succeeds). */
  async act<T>(intent: { key?: string | undefined }, run: (key: string) => Promise<T>, topics: DeskTopic[]): Promise<T> {
    intent.key ??= randomId();
    const result = await run(intent.key);
    intent.key = undefined;
    this.desk.changed(...topics);
    return result;
  }

  /** A refusal's text at the field it names (`fields` maps the server's field to the form's). */
  outcomeOf(e: unknown, fields: string[]): Outcome {
    const err: CadiaApiError = toApiError(e);
    const fe = err.fieldErrors.find((f) => fields.includes(f.field));
    return fe ? { ok: false, text: fe.message, field: fe.field } : { ok: false, text: err.message || errorText(err, this.common) };
  }

  open(id: string): void {
    this.ticketId = id;
    const i = this.rows.findIndex((r) => r.id === id);
    if (i >= 0) this.active = i;
  }

  /** The queue with this customer's tickets, every status. */
  showCustomerTickets(number: string): void {
    this.setQuery({ customer: number, status: [], contact: '' });
    this.view = 'queue';
  }

  private setQuery(patch: Partial<QueueQuery>): void {
    this.query = { ...this.query, ...patch };
    this.active = 0;
    this.requestUpdate();
  }

  private readonly handleSearch = (e: Event): void => {
    const q = (e.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.setQuery({ q: q.trim() }), 250);
  };

  private readonly handleKeydown = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.composedPath()[0] as Element | undefined;
    const inQueue = !!target?.closest?.('[role=listbox]');
    if (isTyping(target)) return;
    if (this.view !== 'queue') return;
    const rows = this.rows;
    const move = (d: number) => {
      e.preventDefault();
      this.active = Math.max(0, Math.min(rows.length - 1, this.active + d));
      this.requestUpdate();
      void this.updateComplete.then(() => this.shadowRoot?.getElementById(`q-${rows[this.active]?.id}`)?.scrollIntoView({ block: 'nearest' }));
    };
    if (e.key === 'j' || (inQueue && e.key === 'ArrowDown')) move(1);
    else if (e.key === 'k' || (inQueue && e.key === 'ArrowUp')) move(-1);
    else if (e.key === 'Enter' && inQueue && rows[this.active]) {
      e.preventDefault();
      this.open(rows[this.active]!.id);
    } else if (e.key === 'r' && this.ticketId) {
      e.preventDefault();
      this.shadowRoot?.getElementById('reply-body')?.focus();
    } else if (e.key === '/') {
      e.preventDefault();
      this.shadowRoot?.getElementById('q')?.focus();
    }
  };

  // ---- rendering -------------------------------------------------------------------------------

  protected override render() {
    const m = this.m;
    const failed = this.outboxTask.value?.filter((mail) => mail.status === 'failed').length ?? 0;
    const tab = (view: DeskView, label: unknown) =>
      html`<button type="button" role="tab" id="tab-${view}" aria-controls="panel" aria-selected=${this.view === view ? 'true' : 'false'}
        tabindex=${this.view === view ? 0 : -1} @click=${() => (this.view = view)} @keydown=${this.handleTabKey}>${label}</button>`;
    return html`<div class="desk" part="base" lang=${this.lang_}>
      <header class="bar">
        <h1>${m.title}</h1>
        <div role="tablist" aria-label=${m.title}>
          ${tab('queue', html`${m.tabs.queue} <span class="pill num">${this.queue ? this.queue.counts.byStatus.new + this.queue.counts.byStatus.in_progress : '–'}</span>`)}
          ${tab('customers', m.tabs.customers)}
          ${tab('outbox', html`${m.tabs.outbox}${failed ? html` <span class="pill danger num">${m.outbox.failedCount(failed)}</span>` : nothing}`)}
          ${tab('notices', m.notices.heading)}
        </div>
        <p class="live ${this.desk.live ? 'on' : ''}" role="status">${this.desk.live ? m.live.open : m.live.reconnecting}</p>
      </header>
      <div id="panel" role="tabpanel" aria-labelledby="tab-${this.view}" class="panel">
        ${this.view === 'queue' ? this.renderQueueView()
          : this.view === 'customers' ? this.renderPart(this.customersPart, this.customerPanel)
          : this.view === 'outbox' ? renderOutbox(this)
          : this.renderPart(this.noticesPart, this.noticesView)}
      </div>
      <p class="shortcuts muted">${m.shortcuts}</p>
    </div>`;
  }

  private readonly handleTabKey = (e: KeyboardEvent): void => {
    const order: DeskView[] = ['queue', 'customers', 'outbox', 'notices'];
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    this.view = order[(order.indexOf(this.view) + d + order.length) % order.length]!;
    void this.updateComplete.then(() => this.shadowRoot?.getElementById(`tab-${this.view}`)?.focus());
  };

  private renderQueueView() {
    return html`<div class="split">
      <section class="queue" aria-labelledby="queue-h">${this.renderFilters()}${this.renderQueue()}</section>
      <section class="ticket" aria-label=${this.m.ticket.pane}>
        ${this.ticketId
          ? this.ticketTask.render({
              pending: () => (this.ticketTask.value ? renderTicket(this, this.ticketTask.value as AgentTicketDetail) : html`<div class="skeleton block" aria-busy="true"></div>`),
              complete: (t) => (t ? renderTicket(this, t) : nothing),
              error: (e) => this.renderError(e, () => this.ticketTask.run()),
            })
          : html`<p class="empty">${this.m.ticket.none}</p>`}
      </section>
    </div>`;
  }

  /** A lazy tab: its view, or a skeleton while its code loads, or the error with a retry. */
  private renderPart(part: LazyPart<object>, view: { render(): unknown } | undefined) {
    if (view) return view.render();
    return part.failed ? this.renderError(new Error('offline'), () => part.load().catch(() => undefined)) : html`<div class="skeleton block" aria-busy="true"></div>`;
  }

  renderError(e: unknown, retry: () => unknown) {
    return html`<div class="error" role="alert"><p>${errorText(toApiError(e), this.common)}</p>
      <button type="button" class="secondary" @click=${retry}>${this.common.retry}</button></div>`;
  }

  private renderFilters() {
    const m = this.m;
    const q = this.query;
    const counts = this.queue?.counts;
    const statusKey = q.status.join(',');
    const statusButton = (label: string, statuses: TicketStatus[], n: number | undefined) =>
      html`<button type="button" class="chip" aria-pressed=${statusKey === statuses.join(',') ? 'true' : 'false'} @click=${() => this.setQuery({ status: statuses })}>
        ${label} <span class="num">${n ?? '–'}</span></button>`;
    const total = counts ? Object.values(counts.byStatus).reduce((a, n) => a + n, 0) : undefined;
    const customers = this.customersTask.value ?? [];
    return html`<div class="filters" role="group" aria-label=${m.filters.label}>
      <div class="chips" role="group" aria-label=${m.statuses.new}>
        ${statusButton(m.statusFilter.open, OPEN, counts && counts.byStatus.new + counts.byStatus.in_progress)}
        ${TICKET_STATUSES.map((s) => statusButton(m.statuses[s], [s], counts?.byStatus[s]))}
        ${statusButton(m.statusFilter.all, [], total)}
      </div>
      <div class="row">
        <label class="grow">${m.filters.search}
          <input id="q" type="search" placeholder=${m.filters.searchPlaceholder} .value=${q.q} @input=${this.handleSearch} /></label>
      </div>
      <div class="row">
        <label>${m.filters.category}
          <select @change=${(e: Event) => this.setQuery({ category: (e.target as HTMLSelectElement).value as TicketCategory | '' })}>
            <option value="" ?selected=${!q.category}>${m.filters.any}</option>
            ${TICKET_CATEGORIES.map((c) => html`<option value=${c} ?selected=${q.category === c}>${this.categories[c]}</option>`)}
          </select></label>
        <label>${m.filters.customer}
          <select @change=${(e: Event) => this.setQuery({ customer: (e.target as HTMLSelectElement).value, contact: '' })}>
            <option value="" ?selected=${!q.customer}>${m.filters.any}</option>
            ${customers.map((c) => html`<option value=${c.number} ?selected=${q.customer === c.number}>${c.name}</option>`)}
          </select></label>
        <label>${m.filters.urgency}
          <select @change=${(e: Event) => this.setQuery({ urgency: (e.target as HTMLSelectElement).value as Urgency | '' })}>
            <option value="" ?selected=${!q.urgency}>${m.filters.any}</option>
            ${URGENCIES.map((u) => html`<option value=${u} ?selected=${q.urgency === u}>${m.urgencies[u]}</option>`)}
          </select></label>
        ${q.customer ? this.renderPersonFilter() : nothing}
      </div>
    </div>`;
  }

  /** Who filed it, among the chosen customer's people (a person belongs to one customer). */
  private renderPersonFilter() {
    const m = this.m;
    const people = this.peopleTask.value ?? [];
    return html`<label>${m.filters.person}
      <select .value=${this.query.contact} @change=${(e: Event) => this.setQuery({ contact: (e.target as HTMLSelectElement).value })}>
        <option value="" ?selected=${!this.query.contact}>${m.filters.any}</option>
        ${people.map((p) => html`<option value=${p.id} ?selected=${this.query.contact === p.id}>${p.name}</option>`)}
      </select></label>`;
  }

  private renderQueue() {
    const m = this.m;
    const page = this.queue;
    const rows = this.rows;
    const active = rows[Math.min(this.active, rows.length - 1)];
    const heading = html`<h2 id="queue-h">${m.queue.heading}
      ${page ? html`<span class="muted num">${m.queue.count(rows.length, page.total)}</span>
        ${page.counts.urgentOpen ? html`<span class="pill danger num">${m.queue.urgentOpen(page.counts.urgentOpen)}</span>` : nothing}` : nothing}</h2>`;
    const stats = this.ratingsTask.value;
    const ratings = html`<p class="small ratings" part="ratings">${m.ratings.label}:
      <span class="num">${stats ? (stats.average === null ? m.ratings.none : m.ratings.average(formatter(Intl.NumberFormat, this.lang_, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(stats.average), stats.count)) : '–'}</span></p>`;
    if (this.queueTask.status === TaskStatus.ERROR && !page) return html`${heading}${ratings}${this.renderError(this.queueTask.error, () => this.queueTask.run())}`;
    if (!page) return html`${heading}${ratings}<div class="skeleton list" aria-busy="true"></div>`;
    if (!rows.length) {
      const filtered = this.query.category || this.query.customer || this.query.urgency || this.query.q || this.query.contact;
      return html`${heading}${ratings}<p class="empty">${filtered ? m.queue.emptyFiltered : m.queue.empty}</p>`;
    }
    return html`${heading}${ratings}
      <div class="list" role="listbox" tabindex="0" aria-labelledby="queue-h" aria-activedescendant=${active ? `q-${active.id}` : nothing}
        aria-busy=${this.queueTask.status === TaskStatus.PENDING ? 'true' : 'false'}>
        ${rows.map((t, i) => html`<div role="option" id="q-${t.id}" class="row-item ${i === this.active ? 'active' : ''} ${t.urgency}"
            aria-selected=${t.id === this.ticketId ? 'true' : 'false'} @click=${() => this.open(t.id)}>
            <span class="line1"><span class="nr num">${t.number}</span>
              ${t.urgency === 'urgent' ? html`<span class="pill danger">${m.urgencies.urgent}</span>` : nothing}
              <span class="status s-${t.status}">${m.statuses[t.status]}</span></span>
            <span class="subject">${t.subject}</span>
            <span class="meta muted">${t.customer.name}${t.contact ? ` (${t.contact.name})` : ''} · ${this.categories[t.category]}${t.bookedMinutes ? ` · ${formatDuration(t.bookedMinutes, this.lang_)}` : ''}</span>
          </div>`)}
      </div>
      ${this.nextCursor ? html`<button type="button" class="secondary" @click=${this.loadMore}>${m.queue.more}</button>` : nothing}
      ${this.outcomes.get('queue') ? html`<p class="outcome bad" role="status">${this.outcomes.get('queue')!.text}</p>` : nothing}`;
  }
}

function freshForms(): TicketForms {
  return { reply: { body: '', status: 'waiting_for_customer' }, time: { minutes: '', note: '', billing: 'auto' }, reclassify: { category: 'user_error' }, status: {} };
}

declare global {
  interface HTMLElementTagNameMap {
    'cadia-agent-desk': CadiaAgentDesk;
  }
}
