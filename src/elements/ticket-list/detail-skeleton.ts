/** The detail's placeholder: part of the list's bundle, so it shows at once while the detail code loads. */
import { html } from 'lit';

/** Placeholder of the final layout while a ticket loads; also shown while the detail code loads. */
export function renderDetailSkeleton(loading: string) {
  return html`<div class="detail-skeleton" aria-hidden="true">
      <div class="skeleton line w40">&nbsp;</div>
      <div class="skeleton title w70">&nbsp;</div>
      <div class="skeleton block">&nbsp;</div>
      <div class="skeleton block">&nbsp;</div>
    </div>
    <p class="sr-only" role="status">${loading}</p>`;
}
