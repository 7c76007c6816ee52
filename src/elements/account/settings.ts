/**
 * `<cadia-account>`'s settings, a part loaded on demand (LazyPart): which mails the signed-in
 * person gets, and — for the company's admins — the low-credit threshold and the automatic top-up.
 * Its own chunk, so the statement on screen does not wait for the bytes of forms few people open.
 * Each form saves as a whole (PUT), says so in its own status line, and shows the server's field
 * errors at the field they name, with focus moved to the first.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import { catalog, formatDuration, formatMoney, texts, type Locale } from '../../i18n/index.js';
import { errorText, type CommonMessages } from '../../i18n/common.js';
import { mailKindLabels } from '../../i18n/mail-kinds.js';
import { MAX_AUTO_TOP_UPS_PER_MONTH, MAX_LOW_CREDIT_MINUTES, type MailKind } from '../../domain/notifications.js';
import type { CadiaApiError } from '../../api/errors.js';
import type { CadiaStore } from '../../context/store.js';
import type { CreditSettings, NotificationSettings, NotificationSettingsState } from '../../api/types.js';
import { loadCreditSettings, loadNotificationSettings, saveCreditSettings, saveNotificationSettings } from './settings-api.js';
import { settingsMessages } from './settings-messages.js';
import { settingsStyles } from './settings.styles.js';

export const styles = [settingsStyles];

const kindTexts = catalog(mailKindLabels, () => import('../../i18n/mail-kinds.en.js'));

/** What the account gives its settings part on every render. */
export interface SettingsHost {
  store: CadiaStore;
  lang: Locale;
  common: CommonMessages;
  /** An admin of the company (the credit settings are theirs). */
  admin: boolean;
}

type Save = { status: 'busy' } | { status: 'saved' } | { status: 'failed'; error: CadiaApiError } | undefined;

export class AccountSettings {
  private notificationsSave: Save;
  private creditSave: Save;
  /** What the admin typed, kept while a save is refused so nothing is lost. */
  private draft: { threshold: string; packageId: string; max: string } | undefined;

  private readonly notifications: Task<[CadiaStore], NotificationSettingsState>;
  private readonly credit: Task<[CadiaStore, boolean], CreditSettings | null>;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly ctx: () => SettingsHost) {
    this.notifications = new Task(host, {
      task: ([store], { signal }) => loadNotificationSettings(store, signal),
      args: () => [this.ctx().store],
    });
    this.credit = new Task(host, {
      task: async ([store, admin], { signal }) => {
        if (!admin) return null;
        // The packages to pick from come from the store (the shop's list), loaded once per page.
        await (store.packages.value ? undefined : store.packages.ensure());
        return loadCreditSettings(store, signal);
      },
      args: () => [this.ctx().store, this.ctx().admin],
    });
  }

  /** After a booking or an order (the month's count of automatic orders may have changed). */
  refresh(): void {
    if (this.ctx().admin) void this.credit.run();
  }

  private m() {
    return texts(settingsMessages, this.ctx().lang);
  }

  render(): TemplateResult {
    return html`${this.renderNotifications()}${this.ctx().admin ? this.renderCredit() : nothing}`;
  }

  // -------------------------------------------------------------------------------------------
  // Notifications

  private renderNotifications(): TemplateResult {
    const m = this.m();
    return html`<section part="notifications" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">${m.notificationsHeading}</h2>
      ${this.notifications.render({
        initial: () => this.renderLoading(),
        pending: () => (this.notifications.value ? this.renderNotificationForm(this.notifications.value) : this.renderLoading()),
        complete: (s) => this.renderNotificationForm(s),
        error: (e) => this.renderLoadError(e as CadiaApiError, () => void this.notifications.run()),
      })}
    </section>`;
  }

  private renderNotificationForm(state: NotificationSettingsState): TemplateResult {
    const m = this.m();
    const kinds = texts(kindTexts, this.ctx().lang);
    const busy = this.notificationsSave?.status === 'busy';
    const fieldError = (k: MailKind) => this.fieldError(this.notificationsSave, k);
    return html`<form class="settings" novalidate @submit=${(e: SubmitEvent) => void this.handleSaveNotifications(e)}>
      <fieldset>
        <legend>${m.notificationsLegend}</legend>
        ${state.kinds.map((k) => {
          const error = fieldError(k);
          return html`<div class="check">
            <input type="checkbox" id="mail-${k}" name=${k} .checked=${state.settings[k]} aria-describedby="mail-${k}-hint${error ? ` mail-${k}-error` : ''}"
              aria-invalid=${error ? 'true' : 'false'} ?disabled=${busy} />
            <label for="mail-${k}">${kinds[k].label}</label>
            <span class="hint" id="mail-${k}-hint">${kinds[k].hint}</span>
            ${error ? html`<span class="field-error" id="mail-${k}-error">${error}</span>` : nothing}
          </div>`;
        })}
      </fieldset>
      <p class="hint">${m.notificationsHint}</p>
      ${this.renderSaveRow(this.notificationsSave)}
    </form>`;
  }

  private async handleSaveNotifications(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const current = this.notifications.value;
    if (!current) return;
    // Every kind is sent (PUT replaces the set); those not shown to this role keep their value.
    const settings = { ...current.settings } as NotificationSettings;
    for (const k of current.kinds) settings[k] = (form.elements.namedItem(k) as HTMLInputElement).checked;
    this.notificationsSave = { status: 'busy' };
    this.host.requestUpdate();
    try {
      await saveNotificationSettings(this.ctx().store, settings);
      this.notificationsSave = { status: 'saved' };
      // Shown from the server's answer to a read, as on the first load.
      void this.notifications.run();
    } catch (err) {
      this.notificationsSave = { status: 'failed', error: err as CadiaApiError };
    }
    this.host.requestUpdate();
    await this.focusFirstInvalid(form);
  }

  // -------------------------------------------------------------------------------------------
  // Low-credit threshold and auto top-up (admins)

  private renderCredit(): TemplateResult {
    const m = this.m();
    return html`<section part="credit-settings" aria-labelledby="credit-heading">
      <h2 id="credit-heading">${m.creditHeading}</h2>
      <p class="hint">${m.creditHint}</p>
      ${this.credit.render({
        initial: () => this.renderLoading(),
        pending: () => (this.credit.value ? this.renderCreditForm(this.credit.value) : this.renderLoading()),
        complete: (s) => (s ? this.renderCreditForm(s) : nothing),
        error: (e) => this.renderLoadError(e as CadiaApiError, () => void this.credit.run()),
      })}
    </section>`;
  }

  private renderCreditForm(s: CreditSettings): TemplateResult {
    const m = this.m();
    const { lang } = this.ctx();
    const d = this.draft ?? { threshold: String(s.lowCreditThresholdMinutes), packageId: s.autoTopUpPackageId ?? '', max: String(s.autoTopUpMonthlyMax) };
    const busy = this.creditSave?.status === 'busy';
    const packages = this.ctx().store.packages.value?.items ?? [];
    const packageLabel = (p: (typeof packages)[number]) => m.autoTopUpPackage(p.name, formatDuration(p.minutes, lang), formatMoney(p.price, lang));
    // A narrow select cuts its text (the price goes first): the chosen package is said in full below it.
    const chosen = packages.find((p) => p.id === d.packageId);
    const field = (name: string, label: string, hint: string | TemplateResult, control: (describedBy: string, invalid: boolean) => TemplateResult) => {
      const error = this.fieldError(this.creditSave, name);
      return html`<div class="field">
        <label for=${name}>${label}</label>
        ${control(`${name}-hint${error ? ` ${name}-error` : ''}`, !!error)}
        <span class="hint" id="${name}-hint">${hint}</span>
        ${error ? html`<span class="field-error" id="${name}-error">${error}</span>` : nothing}
      </div>`;
    };
    return html`<form class="settings" novalidate @submit=${(e: SubmitEvent) => void this.handleSaveCredit(e)} @input=${(e: Event) => this.handleCreditInput(e)}>
      ${field('lowCreditThresholdMinutes', m.threshold, m.thresholdHint, (describedBy, invalid) => html`<input
          id="lowCreditThresholdMinutes" name="lowCreditThresholdMinutes" type="number" inputmode="numeric" min="0" max=${MAX_LOW_CREDIT_MINUTES} step="1"
          .value=${d.threshold} aria-describedby=${describedBy} aria-invalid=${invalid ? 'true' : 'false'} ?disabled=${busy} />`)}
      ${field('autoTopUpPackageId', m.autoTopUp, chosen ? html`<strong>${packageLabel(chosen)}</strong><br />${m.autoTopUpHint}` : m.autoTopUpHint, (describedBy, invalid) => html`<select
          id="autoTopUpPackageId" name="autoTopUpPackageId" .value=${d.packageId} aria-describedby=${describedBy} aria-invalid=${invalid ? 'true' : 'false'} ?disabled=${busy}>
          <option value="" ?selected=${d.packageId === ''}>${m.autoTopUpNone}</option>
          ${packages.map((p) => html`<option value=${p.id} ?selected=${d.packageId === p.id}>${packageLabel(p)}</option>`)}
        </select>`)}
      ${field('autoTopUpMonthlyMax', m.monthlyMax, m.monthlyMaxHint, (describedBy, invalid) => html`<input
          id="autoTopUpMonthlyMax" name="autoTopUpMonthlyMax" type="number" inputmode="numeric" min="1" max=${MAX_AUTO_TOP_UPS_PER_MONTH} step="1"
          .value=${d.max} aria-describedby=${describedBy} aria-invalid=${invalid ? 'true' : 'false'} ?disabled=${busy || d.packageId === ''} />`)}
      ${s.autoTopUpPackageId ? html`<p class="hint used">${m.usedThisMonth(s.autoTopUpsThisMonth, s.autoTopUpMonthlyMax)}</p>` : nothing}
      ${this.renderSaveRow(this.creditSave)}
    </form>`;
  }

  private handleCreditInput(e: Event): void {
    const form = (e.target as HTMLElement).closest('form')!;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;
    this.draft = { threshold: value('lowCreditThresholdMinutes'), packageId: value('autoTopUpPackageId'), max: value('autoTopUpMonthlyMax') };
    if (this.creditSave?.status === 'saved') this.creditSave = undefined;
    this.host.requestUpdate();
  }

  private async handleSaveCredit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const current = this.credit.value;
    if (!current) return;
    const d = this.draft ?? { threshold: String(current.lowCreditThresholdMinutes), packageId: current.autoTopUpPackageId ?? '', max: String(current.autoTopUpMonthlyMax) };
    // Sent as typed: the server checks the ranges and names the field (an empty box is not a number).
    const number = (v: string) => (v.trim() === '' ? null : Number(v));
    this.creditSave = { status: 'busy' };
    this.host.requestUpdate();
    try {
      await saveCreditSettings(this.ctx().store, {
        lowCreditThresholdMinutes: number(d.threshold) as number, autoTopUpPackageId: d.packageId || null, autoTopUpMonthlyMax: number(d.max) as number,
      });
      await this.credit.run();
      this.draft = undefined;
      this.creditSave = { status: 'saved' };
      // The badge takes its low state from the threshold in /v1/me; a top-up may have raised the credit.
      void this.ctx().store.refresh();
    } catch (err) {
      this.creditSave = { status: 'failed', error: err as CadiaApiError };
    }
    this.host.requestUpdate();
    await this.focusFirstInvalid(form);
  }

  // -------------------------------------------------------------------------------------------
  // Shared

  private fieldError(save: Save, field: string): string | undefined {
    return save?.status === 'failed' ? save.error.fieldErrors.find((f) => f.field === field)?.message : undefined;
  }

  private renderSaveRow(save: Save): TemplateResult {
    const m = this.m();
    const failed = save?.status === 'failed';
    const message = !save ? '' : save.status === 'busy' ? m.saving : save.status === 'saved' ? m.saved
      : save.error.fieldErrors.length ? m.checkFields : `${m.saveFailed} ${errorText(save.error, this.ctx().common)}`;
    return html`<div class="save">
      <button class="primary" type="submit" ?disabled=${save?.status === 'busy'}>${m.save}</button>
      <span role="status" class=${failed ? 'status error' : 'status'}>${message}</span>
    </div>`;
  }

  private async focusFirstInvalid(form: HTMLFormElement): Promise<void> {
    await this.host.updateComplete;
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private renderLoading(): TemplateResult {
    return html`<div aria-busy="true"><div class="skeleton rows short" aria-hidden="true"></div><span class="sr-only" role="status">${this.ctx().common.loading}</span></div>`;
  }

  private renderLoadError(error: CadiaApiError, retry: () => void): TemplateResult {
    const { common } = this.ctx();
    return html`<div class="message error" role="alert">
      <p>${this.m().loadFailed} ${errorText(error, common)}</p>
      <button class="secondary" type="button" @click=${retry}>${common.retry}</button>
    </div>`;
  }
}
