import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    --cadia-badge-value-size: 1.75em;
    --_accent-ok: var(--cadia-badge-accent-ok, var(--_ok));
    --_accent-low: var(--cadia-badge-accent-low, var(--_low));
    --_accent-exhausted: var(--cadia-badge-accent-exhausted, var(--_danger));
  }
  :host([variant='compact']) {
    display: inline-block;
    max-width: 100%;
    --cadia-badge-value-size: 1.1em;
  }
  [part='base'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 2) calc(var(--_space) * 4);
    padding: calc(var(--_space) * 3) calc(var(--_space) * 4);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_accent-ok);
    border-radius: var(--_radius);
    /* Label + value + state line: every state (skeleton included) keeps this height. */
    min-height: 5.75em;
  }
  :host([variant='compact']) [part='base'] {
    padding: var(--_space) calc(var(--_space) * 2);
    min-height: 2.5em;
    gap: calc(var(--_space) * 2);
  }
  [part='base'].low {
    border-inline-start-color: var(--_accent-low);
  }
  [part='base'].exhausted {
    border-inline-start-color: var(--_accent-exhausted);
    background: var(--_surface-2);
  }
  [part='base'].error,
  [part='base'].loading {
    border-inline-start-color: var(--_border);
  }
  .credit {
    position: relative;
    display: flex;
    flex-direction: column;
    min-width: 8em;
    border-radius: 4px;
  }
  :host([variant='compact']) .credit {
    flex-direction: row;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 calc(var(--_space) * 2);
    min-width: 0;
  }
  [part='label'] {
    color: var(--_muted);
    font-size: 0.875em;
  }
  [part='value'] {
    font-size: var(--cadia-badge-value-size);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    line-height: 1.2;
    white-space: nowrap;
  }
  .low [part='value'] {
    color: var(--_accent-low);
  }
  .exhausted [part='value'] {
    color: var(--_accent-exhausted);
  }
  [part='state'] {
    font-size: 0.875em;
    font-weight: 600;
  }
  .low [part='state'] {
    color: var(--_accent-low);
  }
  .exhausted [part='state'] {
    color: var(--_accent-exhausted);
  }
  /* The time of the last update: a small tooltip on hover and keyboard focus. */
  .tip {
    position: absolute;
    inset-block-start: calc(100% + 4px);
    inset-inline-start: 0;
    z-index: 1;
    padding: var(--_space) calc(var(--_space) * 2);
    font-size: 0.8125em;
    white-space: nowrap;
    color: var(--_surface);
    background: var(--_text);
    border-radius: 4px;
    visibility: hidden;
    opacity: 0;
    pointer-events: none;
  }
  .credit:hover .tip,
  .credit:focus-visible .tip {
    visibility: visible;
    opacity: 1;
  }
  @media (prefers-reduced-motion: no-preference) {
    .tip {
      transition: opacity 0.15s ease 0.2s;
    }
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
    margin-inline-start: auto;
    align-items: center;
  }
  .member-notice {
    margin: 0;
    font-size: 0.875em;
    color: var(--_muted);
  }
  :host([variant='compact']) .actions {
    margin-inline-start: 0;
  }
  :host([variant='compact']) [part='order'] {
    min-height: 24px;
    padding-block: 2px;
  }
  [part='statement'] {
    font-size: 0.875em;
    color: var(--_primary);
    text-underline-offset: 2px;
    padding-block: var(--_space);
    border-radius: 4px;
  }
  [part='offer'] {
    font: inherit;
    font-size: 0.875em;
    background: none;
    border: none;
    border-radius: 4px;
    padding: var(--_space);
    min-height: 24px;
    color: var(--_primary);
    text-decoration: underline;
    text-underline-offset: 2px;
    cursor: pointer;
  }
  .skeleton.value {
    display: inline-block;
    width: 7em;
    height: 1.2em;
    font-size: var(--cadia-badge-value-size);
  }
  .message {
    font-size: 0.9em;
  }
  dialog {
    width: min(64em, calc(100vw - 16px));
    max-height: calc(100vh - 16px);
    padding: calc(var(--_space) * 4);
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .dialog-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) * 2);
    margin-block-end: calc(var(--_space) * 4);
  }
  .dialog-head h2 {
    margin: 0;
    font-size: 1.2em;
  }
`;
