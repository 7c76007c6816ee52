/** What `<cadia-account>`'s settings part reads and writes (its own chunk, with settings.ts). */
import type { CadiaStore } from '../../context/store.js';
import type { CreditSettings, CreditSettingsInput, NotificationSettings, NotificationSettingsState } from '../../api/types.js';
import { readJson } from '../../api/client.js';

/** The signed-in person's mail settings (every kind; `kinds`: those that concern their role). */
export async function loadNotificationSettings(store: CadiaStore, signal?: AbortSignal): Promise<NotificationSettingsState> {
  return readJson<NotificationSettingsState>(await store.read('v1/me/notifications', { signal }));
}

export async function saveNotificationSettings(store: CadiaStore, settings: NotificationSettings): Promise<NotificationSettingsState> {
  return readJson<NotificationSettingsState>(await store.read('v1/me/notifications', { method: 'PUT', json: settings }));
}

/** The company's low-credit threshold and auto top-up (admins; a member gets 403). */
export async function loadCreditSettings(store: CadiaStore, signal?: AbortSignal): Promise<CreditSettings> {
  return readJson<CreditSettings>(await store.read('v1/credit-settings', { signal }));
}

export async function saveCreditSettings(store: CadiaStore, settings: CreditSettingsInput): Promise<CreditSettings> {
  return readJson<CreditSettings>(await store.read('v1/credit-settings', { method: 'PUT', json: settings }));
}
