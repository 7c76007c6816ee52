import { LazyPart, lazyImport } from '../../base/lazy.js';
import { html, nothing, LitElement, type PropertyValues, type PropertyDeclarations } from 'lit';
import { CadiaElement } from '../../base/cadia-element.js';
import { tokens } from '../../styles/tokens.js';
import { styles } from './ticket-form.styles.js';
import { messages, type TicketFormMessages } from './messages.js';
import { CATEGORY_FIELDS, LIMITS, TICKET_CATEGORIES, isEmail, isPhone, type ContextField, type TicketCategory } from '../../domain/categories.js';
import { formatDateTime } from '../../i18n/index.js';
import { errorText } from '../../i18n/common.js';
import { CadiaErrorEvent, TicketCreatedEvent } from '../../events/index.js';
import { AttachmentsController } from '../../controllers/attachments.js';
import { attachmentStyles, renderAttachments } from '../../controllers/attachments-view.js';
import { DraftController, type Draft } from '../../controllers/drafts.js';
import type { CadiaStore } from '../../context/store.js';
import type { TicketInput } from '../../api/backend.js';
import type { CadiaApiError } from '../../api/errors.js';
import type { TicketCreated } from '../../api/types.js';
import type { FaqSuggestions } from './faq-suggestions.js';
import type { NoticeMatcher } from '../notices/notice-matcher.js';
import type { DiagnosticsBundle } from './diagnostics.js';

type CategoryParts = typeof import('./category-parts.js');
type NoticeParts = typeof import('../notices/notice-matcher.js');

/** Everything the customer types; kept as one object so a draft is a copy of it. */
export interface TicketFormValues {
  category: TicketCategory | '';
  subject: string;
  description: string;
  program: string;
  programVersion: string;
  window: string;
  hasError: '' | 'yes' | 'no';
  errorMessage: string;
  hangsAt: string;
  lastAction: string;
  urgent: boolean;
  calledBefore: boolean;
  cc: string;
  phone: string;
  phoneAvailability: string;
}

/** What a host may hand over, e.g. from the ERP window the customer asked for help in. */
export interface TicketPrefill extends Partial<Omit<TicketFormValues, 'hasError'>> {
  /** Images and files (PDF, text, log, CSV, ZIP), checked like picked ones. */
  images?: Blob[];
  /** The ERP's diagnostics bundle: shown to the customer, sent only if they tick the box. */
  diagnostics?: DiagnosticsBundle;
}

type TextField = { [K in keyof TicketFormValues]: TicketFormValues[K] extends string ? K : never }[keyof TicketFormValues];

/** The empty form. Its keys are in the order the fields appear in: focus goes to the first invalid one on screen. */
const EMPTY: TicketFormValues = {
  category: '', subject: '', description: '', program: '', programVersion: '', window: '', hasError: '', errorMessage: '',
  hangsAt: '', lastAction: '', urgent: false, calledBefore: false, cc: '', phone: '', phoneAvailability: '',
};

/** The asterisk of a required field, and the word for screen readers. */
const requiredMark = (m: TicketFormMessages) => html` <span class="req" aria-hidden="true">*</span><span class="sr-only">(${m.required})</span>`;

/** Billing hint, FAQ suggestions and confirmation (category-parts.ts), fetched once per page. */
const importParts = lazyImport(() => import('./category-parts.js'));
/** Known-issue notices (their own chunk): loaded once program and version are known or the customer types. */
const importNotices = lazyImport(() => import('../notices/notice-matcher.js'));

/**
 * The support ticket form ("Support anfordern"): category, what happened and where, contact, up to
 * three images; a billing hint from the credit; FAQ suggestions for bugs. What is typed is kept as a
 * draft in the browser until the server confirmed the ticket; offline, sending waits for the
 * connection.
 *
 * @summary Files a support ticket; never loses what was typed.
 * @csspart base - The form.
 * @csspart field - Each field's wrapper.
 * @csspart billing - The billing hint.
 * @csspart faq - FAQ suggestions.
 * @csspart notices - Known-issue notices that match program, version or what is typed.
 * @csspart notice - One known-issue notice.
 * @csspart attachments - The image picker.
 * @csspart thumbnail - One image preview.
 * @csspart submit - The send button.
 * @csspart status - The live region for notices and errors.
 * @csspart success - The confirmation after sending.
 * @cssproperty --cadia-color-primary - Accent colour (buttons, focus, selected category).
 * @event cadia-ticket-created - The server confirmed the ticket; `ticket` and `emailedTo` are set.
 * @event cadia-ticket-select - "View ticket" was pressed after sending.
 * @event cadia-order-requested - The order action in the billing hint; cancel it to open your own shop.
 * @event cadia-error - Sending failed (for the host's logging; the form shows it too).
 */
export class CadiaTicketForm extends CadiaElement {
  static override styles = [tokens, attachmentStyles, styles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override properties: PropertyDeclarations = {
    program: {},
    programVersion: { attribute: 'program-version' },
    windowName: { attribute: 'window-name' },
    errorMessage: { attribute: 'error-message' },
    supportPhone: { attribute: 'support-phone' },
    shopHref: { attribute: 'shop-href' },
    ticketHref: { attribute: 'ticket-href' },
    values: { state: true, attribute: false },
    errors: { state: true, attribute: false },
    notice: { state: true, attribute: false },
    created: { state: true, attribute: false },
    diagnostics: { attribute: false },
    sendDiagnostics: { state: true, attribute: false },
    linkedNotice: { state: true, attribute: false },
  };

  /** Prefill from the host: the program the customer works in. Stays editable. */
  declare program: string;
  /** Prefill: the program's version. */
  declare programVersion: string;
  /** Prefill: the window the customer was in. */
  declare windowName: string;
  /** Prefill: the last error message the program showed. */
  declare errorMessage: string;
  /** The support hotline, shown with the hint that a call still needs a ticket. */
  declare supportPhone: string;
  /** Where the order action leads when no one cancels `cadia-order-requested`. */
  declare shopHref: string;
  /** Link to a ticket in the host's list; `{id}` is replaced by the ticket id. */
  declare ticketHref: string;
  /**
   * The ERP's diagnostics (program and version, operating system, database, the log's last lines,
   * optionally a file): the form shows them as they would be sent; they go with the ticket only
   * when the customer ticks the box.
   */
  declare diagnostics: DiagnosticsBundle | undefined;
  declare private sendDiagnostics: boolean;
  /** "Trotzdem Ticket erstellen" on a known-issue notice: the ticket is filed linked to it. */
  declare private linkedNotice: string;

  declare private values: TicketFormValues;
  declare private errors: Partial<Record<string, string>>;
  declare private notice: string;
  declare private created: TicketCreated | undefined;

  constructor() {
    super();
    this.program = '';
    this.programVersion = '';
    this.windowName = '';
    this.errorMessage = '';
    this.supportPhone = '';
    this.shopHref = '';
    this.ticketHref = '';
    this.values = { ...EMPTY };
    this.errors = {};
    this.notice = '';
    this.sendDiagnostics = false;
    this.linkedNotice = '';
  }

  private readonly attachments = new AttachmentsController(this);
  private readonly draft = new DraftController<TicketFormValues, TicketCreated>(this, {
    scope: () => 'ticket-form',
    customer: () => this.store.me.value?.customer.number,
    data: () => this.values,
    images: () => this.attachments.blobs(),
    hasContent: () => this.hasContent,
    watch: () => [this.values, this.attachments.items],
    apply: (draft) => this.applyDraft(draft),
    // Another customer on the same form (token changed): their drafts must not mix.
    clear: () => this.resetForm(),
    send: (key) => this.store.createTicket(this.toInput(), key, this.lang_),
    onSent: (created) => this.handleCreated(created),
    onError: (err) => this.handleSendError(err),
  });

  private prefilled: Partial<TicketFormValues> = {};
  /** What needs a category (category-parts.ts). */
  private readonly parts = new LazyPart<CategoryParts>(this, importParts);
  private faq: FaqSuggestions | undefined;
  private readonly noticePart = new LazyPart<NoticeParts>(this, importNotices);
  private notices: NoticeMatcher | undefined;
  private lastCategory = '';

  /**
   * Resolves once the form holds the customer's saved draft (or knows there is none) and saves
   * every change from then on: a host that prefills or a test that types waits for it.
   */
  get ready(): Promise<void> {
    return this.draft.ready;
  }

  /**
   * Fills fields from the host (and adds images, checked like picked ones). Fields stay editable.
   * Resolves once the form shows it: the images, and the category's own fields (a part loaded with
   * the first category, in English with its texts).
   */
  async prefill(data: TicketPrefill): Promise<void> {
    const { images, diagnostics, ...fields } = data;
    if (diagnostics) this.diagnostics = diagnostics;
    this.applyPrefill(fields);
    await Promise.all([images?.length && this.attachments.add(images), (fields.category || diagnostics) && this.parts.load().catch(() => undefined)]);
    await this.updateComplete;
  }

  /**
   * The first render shows the top of the form (categories, subject, description, the submit
   * button), the rest follows in a task of its own (`restShown`): the whole form's first render,
   * creating ~80 elements, took ~100 ms at 4× CPU (issue 20).
   */
  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    this.showRestLater();
  }

  protected override storeConnected(store: CadiaStore): void {
    void store.me.ensure()?.catch(() => undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const p: Partial<TicketFormValues> = {};
    if (changed.has('program')) p.program = this.program;
    if (changed.has('programVersion')) p.programVersion = this.programVersion;
    if (changed.has('windowName')) p.window = this.windowName;
    if (changed.has('errorMessage')) p.errorMessage = this.errorMessage;
    if (Object.keys(p).length) this.applyPrefill(p);
    const { category } = this.values;
    // A category was set (picked, prefilled, restored): load what depends on it. After a failed
    // load (offline) the next change of category tries again, not every keystroke.
    if (category !== this.lastCategory || changed.has('diagnostics')) {
      this.lastCategory = category;
      // The diagnostics panel is in the same chunk.
      if (category || this.diagnostics) void this.parts.load().catch(() => undefined);
    }
    const mod = this.parts.module;
    if (mod) (this.faq ??= new mod.FaqSuggestions(this, () => this.store)).sync(this.values);
    const v = this.values;
    const q = `${v.subject} ${v.description}`;
    // The matcher decides when the typed text says enough to ask (its MIN_TEXT); here only whether it is needed.
    if ((v.program && v.programVersion) || q.trim()) void this.noticePart.load().catch(() => undefined);
    const n = this.noticePart.module;
    if (n) (this.notices ??= new n.NoticeMatcher(this, () => this.store, () => this.lang_)).sync({ program: v.program, version: v.programVersion, q });
  }

  /** A prefill replaces a field only while the customer has not typed something else into it. */
  private applyPrefill(p: Partial<TicketFormValues>): void {
    const next = { ...this.values } as Record<string, unknown>;
    for (const [k, v] of Object.entries(p) as [keyof TicketFormValues, unknown][]) {
      if (v === undefined) continue;
      const cur = next[k];
      if (cur === EMPTY[k] || cur === this.prefilled[k]) next[k] = v;
    }
    this.prefilled = { ...this.prefilled, ...p };
    const values = next as unknown as TicketFormValues;
    if (p.errorMessage && !values.hasError) values.hasError = 'yes';
    this.values = values;
  }

  /** What the draft holds goes over the (prefilled) form; empty fields of the draft leave a prefill alone. */
  private applyDraft(draft: Draft<TicketFormValues>): void {
    const next = { ...this.values } as Record<string, unknown>;
    for (const [k, v] of Object.entries(draft.data)) if (v !== '' && v !== false && k in EMPTY) next[k] = v;
    this.values = next as unknown as TicketFormValues;
    if (draft.images.length) this.attachments.restore(draft.images);
    this.notice = this.msg(messages).draftRestored(formatDateTime(draft.savedAt, this.lang_));
  }

  private get hasContent(): boolean {
    const v = this.values;
    return !!(v.subject.trim() || v.description.trim() || v.errorMessage !== (this.prefilled.errorMessage ?? '') || this.attachments.items.length);
  }

  private resetForm(): void {
    this.values = { ...EMPTY };
    this.prefilled = {};
    this.applyPrefill({ program: this.program, programVersion: this.programVersion, window: this.windowName, errorMessage: this.errorMessage });
    this.attachments.clear();
    this.errors = {};
    this.linkedNotice = '';
    this.draft.sender.reset();
  }

  private isVisible(field: ContextField): boolean {
    const c = this.values.category;
    return !!c && CATEGORY_FIELDS[c].includes(field);
  }

  /** The request, with only the fields the chosen category shows. */
  private toInput(): TicketInput {
    const v = this.values;
    const ctx = (f: ContextField) => (this.isVisible(f) ? v[f].trim() : '');
    return {
      category: v.category as TicketCategory,
      subject: v.subject.trim(),
      description: v.description.trim(),
      program: ctx('program'),
      programVersion: ctx('programVersion'),
      window: ctx('window'),
      errorMessage: v.hasError === 'yes' ? ctx('errorMessage') : '',
      hangsAt: ctx('hangsAt'),
      lastAction: ctx('lastAction'),
      urgency: v.urgent ? 'urgent' : 'normal',
      calledBefore: v.calledBefore,
      cc: v.cc.trim(),
      phone: v.phone.trim(),
      phoneAvailability: v.phoneAvailability.trim(),
      noticeId: this.linkedNotice,
      images: this.attachments.blobs(false),
      files: this.attachments.blobs(true),
      // Only what the customer saw and ticked: the bundle without its file, and the file.
      ...(this.sendDiagnostics && this.diagnostics && { diagnostics: JSON.stringify({ ...this.diagnostics, file: undefined }), diagnosticsFile: this.diagnostics.file }),
    };
  }

  private validate(m: TicketFormMessages): Partial<Record<string, string>> {
    const v = this.values;
    const e: Partial<Record<string, string>> = {};
    if (!v.category) e.category = m.errors.required;
    if (!v.subject.trim()) e.subject = m.errors.required;
    else if (v.subject.length > LIMITS.subject) e.subject = m.errors.tooLong(LIMITS.subject);
    if (!v.description.trim()) e.description = m.errors.required;
    if (this.isVisible('errorMessage') && v.hasError === 'yes' && !v.errorMessage.trim()) e.errorMessage = m.errors.required;
    if (v.cc.trim() && !isEmail(v.cc.trim())) e.cc = m.errors.email;
    if (v.phone.trim() && !isPhone(v.phone.trim())) e.phone = m.errors.phone;
    return e;
  }

  private async focusFirstError(): Promise<void> {
    await this.updateComplete;
    const first = Object.keys(EMPTY).find((f) => this.errors[f]);
    if (first) this.renderRoot.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  private setValue<K extends keyof TicketFormValues>(key: K, value: TicketFormValues[K]): void {
    this.values = { ...this.values, [key]: value };
    if (this.errors[key]) {
      const { [key]: _gone, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  private readonly handleInput = (e: Event): void => {
    const t = e.target as HTMLInputElement;
    const key = t.name as keyof TicketFormValues;
    if (!(key in EMPTY)) return;
    this.setValue(key, (t.type === 'checkbox' ? t.checked : t.value) as never);
  };

  private readonly handleSubmit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const m = this.msg(messages);
    const errors = this.validate(m);
    this.errors = errors;
    const n = Object.keys(errors).length;
    if (n) {
      this.notice = m.errors.summary(n);
      return this.focusFirstError();
    }
    this.notice = '';
    await this.attachments.settled();
    await this.draft.sender.submit();
  };

  private async handleCreated(created: TicketCreated): Promise<void> {
    // Loaded since the category was chosen; if it cannot load, a plain line confirms instead.
    const parts = await this.parts.load().catch(() => undefined);
    this.created = parts && created;
    this.notice = parts ? '' : this.msg(messages).sent(created.ticket.number);
    this.resetForm();
    this.dispatchEvent(new TicketCreatedEvent(created.ticket, created.emailedTo));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="success"]')?.focus();
  }

  private handleSendError(err: CadiaApiError): void {
    this.dispatchEvent(new CadiaErrorEvent(err, 'create-ticket'));
    this.attachments.refuse(err.fieldErrors);
    if (err.fieldErrors.length) {
      const errors: Partial<Record<string, string>> = {};
      for (const f of err.fieldErrors) errors[f.field] ??= f.message;
      this.errors = errors;
      void this.focusFirstError();
    }
  }

  private readonly handleFileForNotice = (n: { id: string }): void => {
    this.linkedNotice = n.id;
    this.renderRoot.querySelector('form')!.requestSubmit();
  };

  private readonly handleDiscard = async (): Promise<void> => {
    this.resetForm();
    await this.draft.discard();
    this.notice = this.msg(messages).discarded;
  };

  private readonly handleCancelQueue = async (): Promise<void> => {
    await this.draft.sender.cancelQueue();
    this.notice = this.msg(messages).queueCancelled;
  };

  private readonly handleSendAsNew = (): void => {
    this.draft.sender.reset();
    void this.draft.sender.submit();
  };

  private readonly handleAnother = async (): Promise<void> => {
    this.created = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input[name="category"]')?.focus();
  };

  protected override render() {
    const m = this.msg(messages);
    const parts = this.parts.module;
    const { created } = this;
    if (created && parts) return parts.renderConfirmation(this, m, created, this.lang_, this.handleAnother);
    const v = this.values;
    const sending = this.draft.sender.state === 'sending';
    return html`<form part="base" novalidate aria-busy=${sending ? 'true' : 'false'} @submit=${this.handleSubmit} @input=${this.handleInput} @change=${this.handleInput} @paste=${this.attachments.handlePaste}>
      <p class="intro">${m.intro}</p>
      ${this.supportPhone ? html`<p class="phone-hint">${m.phoneHint(this.supportPhone)}</p>` : nothing}
      ${this.renderCategories(m)}
      ${parts?.renderBillingHint(this, this.store.me.value, v.category, this.lang_)}
      ${this.renderText(m, 'subject', { required: true, max: LIMITS.subject })}
      ${this.renderText(m, 'description', { required: true, multiline: true, hint: m.descriptionHint, max: LIMITS.description })}
      <div part="faq" class="faq" aria-live="polite">${this.faq?.render(this.lang_)}</div>
      <div part="notices" aria-live="polite">${this.notices?.render({ onFileTicket: this.handleFileForNotice, linkedId: this.linkedNotice })}</div>
      ${this.restShown ? this.renderRest(m) : nothing}
      ${this.renderSendState(m)}
      <div class="actions">
        <button part="submit" class="primary" type="submit">${sending ? m.sending : m.submit}</button>
        ${this.hasContent ? html`<button class="secondary" type="button" @click=${this.handleDiscard}>${m.discard}</button>` : nothing}
      </div>
      <div part="status" class="status" role="status">${this.notice}</div>
    </form>`;
  }

  /** Below the description: context, checks, contact and images (the first render leaves them out: `restShown`). */
  private renderRest(m: TicketFormMessages) {
    const v = this.values;
    return html`${v.category && CATEGORY_FIELDS[v.category].length ? this.renderContext(m) : nothing}
      ${this.diagnostics && this.parts.module?.renderDiagnostics(this.diagnostics, this.sendDiagnostics, this.lang_, (send) => (this.sendDiagnostics = send))}
      <div class="checks">
        ${this.renderCheck(m, 'urgent', m.urgentHint)} ${this.renderCheck(m, 'calledBefore')}
      </div>
      <fieldset class="group">
        <legend>${m.contactLegend}</legend>
        <div class="row">
          ${this.renderText(m, 'cc', { type: 'email', hint: m.ccHint, autocomplete: 'email', max: LIMITS.email })}
          ${this.renderText(m, 'phone', { type: 'tel', autocomplete: 'tel', max: LIMITS.phone })}
          ${this.renderText(m, 'phoneAvailability', { hint: m.phoneAvailabilityHint })}
        </div>
      </fieldset>
      ${renderAttachments(this.attachments, this.lang_, { id: 'img' })}`;
  }

  private renderCategories(m: TicketFormMessages) {
    const err = this.errors.category;
    return html`<fieldset class="group categories" aria-describedby=${err ? 'category-error' : nothing} aria-invalid=${err ? 'true' : nothing}>
      <legend>${m.category}${requiredMark(m)}</legend>
      <div class="cards">
        ${TICKET_CATEGORIES.map(
          (c) => html`<label class="card">
            <input type="radio" name="category" value=${c} .checked=${this.values.category === c} aria-describedby="cat-${c}" />
            <span class="card-label">${m.categories[c]}</span>
            <span class="card-hint" id="cat-${c}">${m.categoryHints[c]}</span>
          </label>`,
        )}
      </div>
      ${err ? html`<p class="error" id="category-error">${err}</p>` : nothing}
    </fieldset>`;
  }

  private renderContext(m: TicketFormMessages) {
    const v = this.values;
    const field = (f: ContextField) => (this.isVisible(f) ? this.renderText(m, f) : nothing);
    return html`<fieldset class="group">
      <legend>${m.contextLegend}</legend>
      <div class="row">${field('program')} ${field('programVersion')}</div>
      ${field('window')}
      ${this.isVisible('errorMessage')
        ? html`<fieldset class="yesno" part="field">
              <legend>${m.hasError}</legend>
              <label><input type="radio" name="hasError" value="yes" .checked=${v.hasError === 'yes'} /> ${m.yes}</label>
              <label><input type="radio" name="hasError" value="no" .checked=${v.hasError === 'no'} /> ${m.no}</label>
            </fieldset>
            ${v.hasError === 'yes' ? this.renderText(m, 'errorMessage', { required: true, multiline: true, max: LIMITS.errorMessage }) : nothing}`
        : nothing}
      ${this.isVisible('hangsAt') ? this.renderText(m, 'hangsAt', { hint: m.hangsAtHint }) : nothing} ${field('lastAction')}
    </fieldset>`;
  }

  /** A text field labelled with its name's text in `m`; `max` is its length limit (default: a short text's). */
  private renderText(m: TicketFormMessages, name: TextField, o: { required?: boolean; multiline?: boolean; hint?: string; type?: string; autocomplete?: string; max?: number } = {}) {
    const err = this.errors[name];
    const described = [o.hint ? `${name}-hint` : '', err ? `${name}-error` : ''].filter(Boolean).join(' ');
    const value = this.values[name];
    const max = o.max ?? LIMITS.shortText;
    return html`<div class="field" part="field">
      <label for=${name}>${m[name]}${o.required ? requiredMark(m) : nothing}</label>
      ${o.multiline
        ? html`<textarea id=${name} name=${name} rows="5" maxlength=${max} ?required=${o.required} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${described || nothing} .value=${value}></textarea>`
        : html`<input id=${name} name=${name} type=${o.type ?? 'text'} maxlength=${max} autocomplete=${o.autocomplete ?? 'off'} ?required=${o.required} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${described || nothing} .value=${value} />`}
      ${err ? html`<span class="error" id="${name}-error">${err}</span>` : nothing}
      ${o.hint ? html`<span class="hint" id="${name}-hint">${o.hint}</span>` : nothing}
    </div>`;
  }

  private renderCheck(m: TicketFormMessages, name: 'urgent' | 'calledBefore', hint?: string) {
    return html`<label class="check">
      <input type="checkbox" name=${name} .checked=${this.values[name]} aria-describedby=${hint ? `${name}-hint` : nothing} />
      <span>${m[name]}${hint ? html` <span class="hint" id="${name}-hint">${hint}</span>` : nothing}</span>
    </label>`;
  }

  /** Queued (offline), failed with retry, or "already arrived" after a changed resend. */
  private renderSendState(m: TicketFormMessages) {
    const s = this.draft.sender;
    if (s.state === 'queued') {
      return html`<div class="banner pending" part="pending">
        <p>${m.queued}</p>
        <button type="button" class="secondary" @click=${this.handleCancelQueue}>${m.cancelQueue}</button>
      </div>`;
    }
    if (s.state !== 'failed' || !s.error || s.error.fieldErrors.length) return nothing;
    if (s.error.code === 'idempotency_conflict') {
      return html`<div class="banner failed" role="alert">
        <p>${m.alreadySent}</p>
        <button type="button" class="secondary" @click=${this.handleSendAsNew}>${m.sendAsNew}</button>
      </div>`;
    }
    return html`<div class="banner failed" role="alert">
      <p>${m.sendFailed} ${errorText(s.error, this.common)}</p>
      ${s.error.isRetryable ? html`<button type="submit" class="secondary">${this.common.retry}</button>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cadia-ticket-form': CadiaTicketForm;
  }
}
