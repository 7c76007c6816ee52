/**
 * The notice above the list for a mailed offer link (`offer-id`) whose offer cannot be ordered: not
 * found, expired (with the matching regular package), already ordered. It ships in the order step's
 * chunk, which a page with such a link loads at start: the shop waits for it (see `isReady`).
 */
import { html, nothing } from 'lit';
import type { Offer, Package } from '../../api/types.js';
import { formatDate, texts, type Locale } from '../../i18n/index.js';
import { orderMessages } from './order-messages.js';

/** `status` is the offer's status as the shop shows it (the clock may have expired it). */
export function renderLinkNotice(offer: Offer | undefined, status: Offer['status'] | undefined, packages: Package[], lang: Locale) {
  const m = texts(orderMessages, lang);
  if (!offer) {
    return html`<div part="notice" class="notice info" data-target tabindex="-1"><p>${m.linkNotFound}</p></div>`;
  }
  if (status === 'expired') {
    const regular = packages.find((p) => p.id === offer.packageId);
    return html`<div part="notice" class="notice warning" data-target tabindex="-1" aria-labelledby="notice-title" role="group">
      <h2 id="notice-title">${m.linkExpiredTitle}</h2>
      <p>${m.linkExpired(formatDate(offer.expiresAt, lang))}</p>
      ${regular ? html`<p>${m.alternative(regular.name)}</p>` : nothing}
    </div>`;
  }
  if (status === 'ordered') {
    return html`<div part="notice" class="notice info" data-target tabindex="-1"><p>${m.linkOrdered}</p></div>`;
  }
  return nothing;
}
