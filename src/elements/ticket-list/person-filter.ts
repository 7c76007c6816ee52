/**
 * The list's filter by person, for people who see their company's tickets (`Me.ticketScope` =
 * `company`: admins, and members where the customer chose so): the company's contacts from
 * `GET /v1/contacts`, the choice sent as `?contact=`. Its own chunk, loaded only for them — a
 * member who sees only their own tickets never fetches it, and the list's entry stays small.
 */
import { html, type ReactiveControllerHost } from 'lit';
import type { CadiaStore } from '../../context/store.js';
import type { Contact } from '../../api/types.js';
import { readJson } from '../../api/client.js';
import { catalog, texts, type Locale } from '../../i18n/index.js';

export interface PersonFilterMessages {
  label: string;
  everybody: string;
  /** The signed-in person in the list of names. */
  you: (name: string) => string;
  retry: string;
}

export const personMessages = catalog<PersonFilterMessages>(
  { label: 'Gemeldet von', everybody: 'Alle', you: (name) => `${name} (Sie)`, retry: 'Personen laden' },
  () => import('./person-filter.en.js'),
);

export class PersonFilter {
  contacts: Contact[] = [];
  failed = false;
  private loadedFor: CadiaStore | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: () => CadiaStore,
  ) {}

  /** Called on every render pass while the filter shows: loads the people once per store. */
  sync(): void {
    const store = this.store();
    if (store === this.loadedFor) return;
    this.loadedFor = store;
    void this.load();
  }

  private async load(): Promise<void> {
    this.failed = false;
    try {
      this.contacts = (await readJson<{ items: Contact[] }>(await this.store().read('v1/contacts'))).items;
    } catch {
      // The list works without the filter; the button offers the one action that helps.
      this.failed = true;
    }
    this.host.requestUpdate();
  }

  /** `value`: the chosen contact id ('' = everybody); `meId`: the signed-in person, named "(Sie)". */
  render(value: string, lang: Locale, meId: string | undefined, onChange: (contact: string) => void) {
    const m = texts(personMessages, lang);
    if (this.failed) return html`<button type="button" class="secondary" @click=${() => void this.load()}>${m.retry}</button>`;
    return html`<label class="filter">
      <span>${m.label}</span>
      <select .value=${value} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${value === ''}>${m.everybody}</option>
        ${this.contacts.map((c) => html`<option value=${c.id} ?selected=${value === c.id}>${c.id === meId ? m.you(c.name) : c.name}</option>`)}
      </select>
    </label>`;
  }
}
