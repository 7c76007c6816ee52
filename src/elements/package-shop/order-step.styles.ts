/** Styles of the order step and the mailed link's notices; adopted into the shop's shadow root when the step's code loads. */
import { css } from 'lit';

export const orderStyles = css`
  .notice.warning {
    border-inline-start-color: var(--_danger);
    flex-direction: column;
    align-items: stretch;
  }
  .notice.warning > p {
    flex: none;
  }
  .notice h2 {
    margin: 0;
    font-size: 1.05em;
  }
  .tag.inline {
    margin-inline-start: calc(var(--_space) * 2);
    text-transform: none;
    letter-spacing: 0;
  }
  .confirm,
  .success {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 4);
    padding: calc(var(--_space) * 4);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    max-width: 40em;
  }
  .confirm h2,
  .success h2 {
    margin: 0;
  }
  .summary {
    margin: 0;
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  .summary > div {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: calc(var(--_space) * 1) calc(var(--_space) * 4);
    padding-block-end: calc(var(--_space) * 2);
    border-block-end: 1px solid var(--_border);
  }
  .summary dt {
    color: var(--_muted);
  }
  .summary dd {
    margin: 0;
    text-align: end;
  }
  .summary .after {
    border-block-end: none;
    font-size: 1.1em;
  }
  .summary .after dt {
    color: var(--_text);
  }
  .consent {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .consent label {
    display: flex;
    gap: calc(var(--_space) * 2);
    align-items: flex-start;
    cursor: pointer;
  }
  .consent input {
    width: 20px;
    height: 20px;
    margin: 2px 0 0;
    flex: none;
    accent-color: var(--_primary);
  }
  .field-error,
  .failure {
    color: var(--_danger);
    font-weight: 600;
  }
  .failure {
    padding: calc(var(--_space) * 3);
    border: 1px solid var(--_danger);
    border-radius: calc(var(--_radius) - 2px);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: calc(var(--_space) * 2);
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  .new-credit {
    display: flex;
    flex-direction: column;
  }
  .new-credit strong {
    font-size: 1.75em;
    color: var(--_ok);
  }
  .success button {
    align-self: flex-start;
  }
  .consent a {
    color: var(--_primary);
    display: inline-block;
    min-height: 24px;
    padding-block: 2px;
  }
`;
