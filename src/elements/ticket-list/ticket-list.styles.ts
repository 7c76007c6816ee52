import { css } from 'lit';
import { fieldBox } from '../../styles/fields.js';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    line-height: 1.4;
  }
  h2,
  h3,
  p,
  dl,
  dd,
  ol,
  figure {
    margin: 0;
  }
  .muted {
    color: var(--_muted);
  }
  .list-view,
  .detail {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 3);
  }
  .list-heading,
  .subject-h {
    font-size: 1.25em;
    overflow-wrap: anywhere;
  }
  h3 {
    font-size: 1em;
    margin-block-end: calc(var(--_space) * 2);
  }

  /* toolbar */
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
    align-items: center;
  }
  .search {
    /* Takes (nearly) all the room on a line it shares with the filters; a filter alone on its line fills that. */
    flex: 999 1 12em;
    min-width: 0;
  }
  input,
  select,
  textarea {
    ${fieldBox}
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
  }
  input[type='search'] {
    width: 100%;
  }
  /* Wrapped under the search on a narrow screen, each filter fills its line: the status and person
     selects end at the same edge instead of at their longest option's width. */
  .filter {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 2);
    flex: 1 1 auto;
    min-width: 0;
  }
  .filter select {
    flex: 1 1 auto;
    min-width: 0;
    max-width: 100%;
  }
  .count {
    color: var(--_muted);
    font-size: 0.875em;
    min-height: 1.4em;
  }

  /* rows */
  .scroller {
    max-height: var(--cadia-ticket-list-max-height, 36rem);
    overflow-y: auto;
    overscroll-behavior: contain;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .rows {
    display: block;
    width: 100%;
  }
  .row-wrap {
    width: 100%;
    border-block-end: 1px solid var(--_border);
  }
  /* Rows scrolled out of view are neither styled, laid out nor painted until they come near
     (a page of 50 rows was most of an ERP window's first layout, issue 20); they stay in the
     accessibility tree and take focus. 'auto' keeps a row's real height once it was shown.
     Not in the virtualizer, which measures its rows and renders only those in view anyway. */
  .plain > .row-wrap {
    content-visibility: auto;
    contain-intrinsic-block-size: auto 5.9em;
  }
  .row {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    width: 100%;
    min-height: 5.25em;
    padding: calc(var(--_space) * 2.5) calc(var(--_space) * 3);
    font: inherit;
    color: inherit;
    text-align: start;
    background: transparent;
    border: 0;
    cursor: pointer;
  }
  button.row:hover {
    background: var(--_surface-2);
  }
  button.row:focus-visible {
    outline-offset: -3px;
  }
  .row-top,
  .row-bottom,
  .detail-meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space) calc(var(--_space) * 2);
    font-size: 0.875em;
  }
  .row-bottom {
    color: var(--_muted);
  }
  .number {
    font-weight: 600;
  }
  .changed,
  .booked {
    margin-inline-start: auto;
    color: var(--_muted);
    white-space: nowrap;
  }
  .subject {
    width: 100%;
    overflow: hidden;
    overflow-wrap: anywhere;
    /* Two lines at most, so a narrow webview shows enough of the subject. */
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
  }
  .row.unread .subject {
    font-weight: 600;
  }
  .unread-dot {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--_primary);
  }
  .status,
  .urgent,
  .kind {
    display: inline-block;
    padding: 0 calc(var(--_space) * 2);
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.8125rem;
    line-height: 1.5;
    white-space: nowrap;
  }
  .status-new {
    color: var(--_primary);
  }
  .status-in_progress {
    color: var(--_ok);
  }
  .status-waiting_for_customer {
    color: var(--_low);
  }
  .status-closed {
    color: var(--_muted);
  }
  .urgent {
    color: var(--_danger);
    font-weight: 600;
  }
  .skeleton-row .skeleton {
    display: inline-block;
  }
  .w5 { width: 5em; }
  .w6 { width: 6em; }
  .w7 { width: 7em; }
  .w40 { width: 40%; }
  .w70 { width: 70%; }
  .more {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    align-items: center;
    gap: calc(var(--_space) * 2);
    padding: calc(var(--_space) * 3);
  }
  .more.error {
    color: var(--_danger);
  }

  /* empty, no match, error */
  .state-box {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: calc(var(--_space) * 2);
    padding: calc(var(--_space) * 5) calc(var(--_space) * 4);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    min-height: 10em;
  }
  .state-box.error {
    border: 1px solid var(--_danger);
    border-inline-start-width: 4px;
  }
  .state-title {
    font-weight: 600;
    font-size: 1em;
  }

  /* the detail's frame and skeleton (the rest loads with the detail) */
  .detail-nav {
    display: flex;
  }
  /* skeleton of the detail */
  .detail-skeleton {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 3);
  }
  .detail-skeleton .line {
    height: 1em;
  }
  .detail-skeleton .title {
    height: 1.5em;
  }
  .detail-skeleton .block {
    height: 6em;
  }

`;
