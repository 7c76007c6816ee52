/** Reading the notification settings and the credit settings (threshold, auto top-up) from a request body. */
import { MAIL_KINDS, MAX_AUTO_TOP_UPS_PER_MONTH, MAX_LOW_CREDIT_MINUTES } from '../../src/domain/notifications.js';
import type { NotificationSettings } from '../model/notifications.js';
import type { CreditSettings } from '../types.js';
import { Fields } from '../validate.js';

/** Every kind as a boolean (PUT replaces the whole set); a missing or non-boolean one is named. */
export function readNotificationSettings(body: Readonly<Record<string, unknown>>): NotificationSettings {
  const f = new Fields(body);
  const out: Partial<NotificationSettings> = {};
  for (const k of MAIL_KINDS) out[k] = f.boolean(k, { required: true });
  f.check();
  return out as NotificationSettings;
}

export function readCreditSettings(body: Readonly<Record<string, unknown>>): Omit<CreditSettings, 'autoTopUpsThisMonth'> {
  const f = new Fields(body);
  const threshold = f.integer('lowCreditThresholdMinutes', { required: true, min: 0, max: MAX_LOW_CREDIT_MINUTES });
  // null, absent or '': no auto top-up.
  const packageId = f.string('autoTopUpPackageId', { max: 100 }) || null;
  const max = f.integer('autoTopUpMonthlyMax', { required: true, min: 1, max: MAX_AUTO_TOP_UPS_PER_MONTH });
  f.check();
  return { lowCreditThresholdMinutes: threshold!, autoTopUpPackageId: packageId, autoTopUpMonthlyMax: max! };
}
