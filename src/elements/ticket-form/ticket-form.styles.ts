import { css } from 'lit';
import { fieldBox } from '../../styles/fields.js';

export const styles = css`
  :host {
    display: block;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 4);
  }
  p {
    margin: 0;
  }
  .intro,
  .phone-hint,
  .hint,
  .card-hint {
    color: var(--_muted);
  }
  .hint,
  .card-hint,
  .error {
    font-size: 0.875em;
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  .group {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 3);
  }
  legend {
    padding: 0;
    font-weight: 600;
    margin-block-end: calc(var(--_space) * 2);
  }
  .req {
    color: var(--_danger);
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 15em), 1fr));
    gap: calc(var(--_space) * 2);
  }
  .card {
    display: grid;
    align-content: start;
    grid-template-columns: auto 1fr;
    gap: 0 calc(var(--_space) * 2);
    padding: calc(var(--_space) * 2) calc(var(--_space) * 3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
  }
  .card:has(input:checked) {
    border-color: var(--_primary);
    box-shadow: inset 0 0 0 1px var(--_primary);
  }
  .card input {
    grid-row: span 2;
  }
  .card-label {
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 3);
  }
  .row > .field {
    flex: 1 1 14em;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    min-width: 0;
  }
  .field label {
    font-weight: 600;
  }
  input[type='text'],
  input[type='email'],
  input[type='tel'],
  textarea {
    ${fieldBox}
    padding: calc(var(--_space) * 2);
    width: 100%;
  }
  textarea {
    resize: vertical;
  }
  /* As specific as the input selectors above, so one-line fields turn red too, not only the textareas. */
  input[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .error {
    color: var(--_danger);
  }
  .yesno {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 4);
  }
  .yesno label,
  .check {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 2);
    min-height: 24px;
    cursor: pointer;
  }
  .check {
    align-items: flex-start;
  }
  .checks {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2) calc(var(--_space) * 6);
  }
  input[type='checkbox'],
  input[type='radio'] {
    font: inherit;
    width: 18px;
    height: 18px;
    margin: 0.15em 0 0;
    accent-color: var(--_primary);
    flex: none;
  }
  .billing,
  .banner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 2) calc(var(--_space) * 4);
    padding: calc(var(--_space) * 3);
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_primary);
    background: var(--_surface-2);
  }
  .billing p,
  .banner p {
    flex: 1 1 16em;
  }
  .billing.free {
    border-inline-start-color: var(--_ok);
  }
  .billing.exhausted,
  .banner.failed {
    border-inline-start-color: var(--_danger);
  }
  .banner.pending {
    border-inline-start-color: var(--_low);
  }
  /* Empty live regions stay in the tree (so they announce) without adding a gap. (FAQ list and
     success styles: faq-suggestions.ts, confirmation.ts.) */
  .faq:empty,
  .status:empty {
    margin-block-start: calc(var(--_space) * -4);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
  }
`;
