/** Styles of the opened ticket; loaded with the detail view, not with the list. */
import { css } from 'lit';

export const detailStyles = css`
  /* detail */
  .detail-head {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1.5);
  }
  .queue {
    padding: calc(var(--_space) * 2) calc(var(--_space) * 3);
    background: var(--_surface-2);
    border-radius: var(--_radius);
  }
  .queue strong {
    display: block;
    font-size: 1.125em;
  }
  .banner.reclassified,
  .notice.reclassified {
    border-inline-start: 4px solid var(--_low);
  }
  .banner {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    padding: calc(var(--_space) * 2) calc(var(--_space) * 3);
    background: var(--_surface-2);
    border-radius: var(--_radius);
  }
  .fields dl {
    display: grid;
    grid-template-columns: minmax(8em, max-content) 1fr;
    gap: var(--_space) calc(var(--_space) * 4);
    margin-block-start: calc(var(--_space) * 2);
  }
  .fields dl > div {
    display: contents;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    overflow-wrap: anywhere;
  }
  .body,
  .pre {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .pre {
    font-family: ui-monospace, monospace;
    font-size: 0.875em;
  }
  .messages {
    list-style: none;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 3);
  }
  .message,
  .notice {
    padding: calc(var(--_space) * 2.5) calc(var(--_space) * 3);
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1.5);
  }
  .message.mine {
    margin-inline-start: min(10%, 3em);
    background: var(--_surface-2);
  }
  .message.theirs {
    margin-inline-end: min(10%, 3em);
    border-inline-start: 4px solid var(--_primary);
  }
  .notice {
    background: var(--_surface-2);
    font-size: 0.9375em;
  }
  .notice-title {
    font-weight: 600;
  }
  .meta {
    font-size: 0.8125em;
    color: var(--_muted);
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
  }
  .author {
    font-weight: 600;
    color: var(--_text);
    /* A support agent's name comes from the server: wrap a long one instead of widening the thread. */
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .thread-thumbs {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
    /* A long file name is cut, never widens the thread. */
    contain: inline-size;
  }
  .thread-thumb {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 96px;
    height: 72px;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface-2);
    overflow: hidden;
    cursor: zoom-in;
    font-size: 0.75em;
    color: var(--_muted);
    text-align: center;
  }
  .thread-thumb img {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .thread-file-wrap {
    display: inline-flex;
    flex-direction: column;
    gap: var(--_space);
    max-width: 100%;
  }
  .thread-file {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 2);
    max-width: 100%;
    min-height: 44px;
    padding: var(--_space) calc(var(--_space) * 3) var(--_space) var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    font-size: 0.875em;
    text-align: start;
    cursor: pointer;
  }
  .thread-file .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    min-width: 0;
  }
  .thread-file .size {
    color: var(--_muted);
    white-space: nowrap;
  }

  /* booked time */
  .entries {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9375em;
  }
  .entries th,
  .entries td {
    text-align: start;
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    border-block-end: 1px solid var(--_border);
    vertical-align: top;
  }
  .entries th {
    color: var(--_muted);
    font-weight: 500;
  }
  .entries .end {
    text-align: end;
    white-space: nowrap;
  }
  .rounded {
    display: block;
    font-size: 0.8125em;
    color: var(--_muted);
  }
  .kind.billable {
    color: var(--_low);
  }
  .kind.free {
    color: var(--_ok);
  }
  .note {
    overflow-wrap: anywhere;
  }
  .totals {
    display: grid;
    gap: var(--_space);
    margin-block-start: calc(var(--_space) * 3);
    max-width: 28em;
    margin-inline-start: auto;
  }
  .totals > div {
    display: flex;
    justify-content: space-between;
    gap: calc(var(--_space) * 3);
  }
  .totals dd {
    white-space: nowrap;
    font-weight: 600;
  }
  .totals .charged dd {
    font-size: 1.25em;
  }
  .totals .hint {
    font-size: 0.8125em;
  }
  .totals .owed dd {
    color: var(--_danger);
  }
  @container (max-width: 30rem) {
    .entries thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    .entries tr {
      display: grid;
      grid-template-columns: 1fr auto;
      padding-block: calc(var(--_space) * 1.5);
      border-block-end: 1px solid var(--_border);
    }
    .entries td {
      border: 0;
      padding: 0 var(--_space);
    }
    .entries td.note {
      grid-column: 1 / -1;
      color: var(--_muted);
    }
    .fields dl {
      grid-template-columns: 1fr;
      gap: 0;
    }
    .fields dd {
      margin-block-end: calc(var(--_space) * 2);
    }
  }

  /* lightbox */
  .lightbox {
    max-width: min(96vw, 1200px);
    max-height: 94vh;
    padding: calc(var(--_space) * 3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .lightbox::backdrop {
    background: rgb(0 0 0 / 0.7);
  }
  .lightbox figure {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 2);
  }
  .lightbox img {
    max-width: 100%;
    max-height: calc(94vh - 7em);
    width: auto;
    height: auto;
    object-fit: contain;
  }
  .lightbox figcaption {
    font-size: 0.875em;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .lightbox .close {
    margin-block-start: calc(var(--_space) * 2);
  }

  /* reply */
  .reply {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 2);
  }
  .reply textarea {
    width: 100%;
    min-height: 6em;
    resize: vertical;
  }
  .reply .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
    align-items: center;
  }
  .reply .msg-error,
  .close-rate .msg-error {
    color: var(--_danger);
  }
  .reply .msg-ok,
  .close-rate .msg-ok {
    color: var(--_ok);
  }
  .notice-closed {
    padding: calc(var(--_space) * 2) calc(var(--_space) * 3);
    background: var(--_surface-2);
    border-inline-start: 4px solid var(--_primary);
    border-radius: var(--_radius);
  }

  /* links between a ticket and its follow-up */
  button.link {
    font: inherit;
    padding: 0;
    min-height: 24px;
    border: 0;
    background: none;
    color: var(--_primary);
    text-decoration: underline;
    cursor: pointer;
  }

  /* close and rate */
  .close-rate {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 2);
    padding: calc(var(--_space) * 3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .close-rate .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
  }
  .confirm {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 2);
  }
  .rating-form {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 2);
  }
  .rating-form fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  .rating-form legend {
    padding: 0;
    margin-block-end: calc(var(--_space) * 2);
    font-weight: 600;
  }
  .rating-form textarea {
    width: 100%;
    resize: vertical;
  }
  .scores {
    display: flex;
    gap: calc(var(--_space) * 2);
  }
  .score {
    position: relative;
    flex: 0 1 44px;
    min-width: 36px;
    height: 44px;
    display: grid;
    place-items: center;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    font-size: 1.125em;
    font-weight: 600;
    cursor: pointer;
  }
  /* The native radio stays the control (arrow keys, form semantics); the box around it is what shows. */
  .score input {
    position: absolute;
    inset: 0;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .score:has(input:checked) {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  .score:has(input:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .score:has(input:disabled) {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .scale {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 calc(var(--_space) * 3);
    max-width: calc(5 * 44px + 4 * var(--_space) * 2);
    margin-block-start: var(--_space);
    font-size: 0.875em;
  }
  .stars {
    color: var(--_primary);
    letter-spacing: 0.1em;
  }
  .stars .off {
    color: var(--_border);
  }
`;
