import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    --_balance-size: var(--cadia-account-balance-size, 1.5em);
    container-type: inline-size;
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 8);
  }
  section {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 3);
  }
  h2 {
    font-size: 1.15em;
    font-weight: 600;
    margin: 0;
  }
  p {
    margin: 0;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) * 2);
  }
  .month {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 1);
    max-width: 100%;
  }
  .month select {
    flex: 1 1 auto;
    min-width: 0;
  }
  /* The month picker, and the number fields of the settings (settings.ts renders into this shadow root). */
  select,
  .field input {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    min-height: 32px;
    padding-inline: calc(var(--_space) * 2);
    max-width: 100%;
  }
  button.icon {
    min-width: 32px;
    padding-inline: calc(var(--_space) * 2);
    font-size: 1.1em;
    line-height: 1;
  }
  .summary {
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: calc(var(--_space) * 2);
  }
  @container (max-width: 34em) {
    .summary {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
  .figure {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1);
    padding: calc(var(--_space) * 3);
    background: var(--_surface-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  .figure .label {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .figure .value {
    font-size: 1.15em;
    font-weight: 600;
  }
  .figure.closing {
    border-color: var(--_primary);
    border-width: 2px;
  }
  .figure.closing .value {
    font-size: var(--_balance-size);
  }
  .skeleton.label {
    display: block;
    height: 0.9em;
    width: 60%;
  }
  .skeleton.value {
    display: block;
    height: 1.4em;
    width: 80%;
  }
  .skeleton.rows {
    height: 16em;
  }
  .skeleton.rows.short {
    height: 6em;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding-block: calc(var(--_space) * 2);
    padding-inline: calc(var(--_space) * 2);
    border-block-end: 1px solid var(--_border);
    overflow-wrap: break-word;
  }
  thead th {
    font-size: 0.85em;
    font-weight: 600;
    color: var(--_muted);
    border-block-end: 2px solid var(--_text);
  }
  .amount {
    text-align: end !important;
    white-space: nowrap !important;
    width: 1%;
  }
  tbody tr:nth-child(even of [part='entry']) {
    background: var(--_surface-2);
  }
  tr.balance th,
  tr.balance td {
    font-weight: 600;
  }
  tfoot tr.balance th,
  tfoot tr.balance td {
    border-block-start: 2px solid var(--_text);
    border-block-end: none;
  }
  /*
   * Narrow (a phone, a side panel): each movement becomes two lines, what happened on the left and
   * the minutes over the balance on the right, as banking apps show a statement. The columns no
   * longer line up, so their headings are kept for screen readers only and the balance is labelled.
   */
  @container (max-width: 30em) {
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    tr {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      column-gap: calc(var(--_space) * 2);
      border-block-end: 1px solid var(--_border);
    }
    th,
    td {
      border: none !important;
      padding-block: calc(var(--_space) * 1);
    }
    tr > :first-child {
      grid-row: span 2;
    }
    td.amount:empty {
      display: none;
    }
    td.amount[data-label] {
      font-size: 0.85em;
      color: var(--_muted);
    }
    td.amount[data-label]::before {
      content: attr(data-label) ' ';
      color: var(--_muted);
      font-size: 0.85em;
    }
    tr.balance > :first-child {
      grid-row: auto;
    }
    tfoot tr {
      border-block: 2px solid var(--_text);
    }
    .figure.closing .value {
      font-size: 1.15em;
    }
  }
  .date,
  .what,
  .about,
  .detail {
    display: block;
  }
  .date,
  .detail {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .what {
    font-weight: 600;
  }
  tr.charge .amount:nth-child(2) {
    color: var(--_danger);
  }
  tr.credit .amount:nth-child(2),
  .amount-credit {
    color: var(--_ok);
  }
  tr.free .amount:nth-child(2) {
    color: var(--_muted);
  }
  .empty {
    color: var(--_muted);
  }
  .footnote {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .downloads {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 2);
  }
  .status {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .status.error,
  .message.error p {
    color: var(--_danger);
  }
  .message {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: calc(var(--_space) * 2);
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .list li {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: calc(var(--_space) * 2);
    padding-block: calc(var(--_space) * 2.5);
    border-block-end: 1px solid var(--_border);
  }
  .main {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .figures {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) * 3);
  }
  .state {
    font-size: 0.85em;
    color: var(--_muted);
    border: 1px solid currentColor;
    border-radius: 999px;
    padding-inline: calc(var(--_space) * 2);
  }
  .notice {
    border-inline-start: 4px solid var(--_border);
    padding-inline-start: calc(var(--_space) * 4);
  }
  .state.credited {
    color: var(--_ok);
  }
  /* A cancelled order's figures no longer count: struck through, its state says why. */
  .void {
    color: var(--_muted);
    text-decoration: line-through;
  }
  .detail.inline {
    display: inline;
  }
`;
