import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    --cadia-badge-value-size: 1.75em;
  }
  :host([variant='compact']) {
    display: inline-block;
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
    border-inline-start: 4px solid var(--_ok);
    border-radius: var(--_radius);
    min-height: 4.5em;
  }
  :host([variant='compact']) [part='base'] {
    padding: var(--_space) calc(var(--_space) * 2);
    min-height: 0;
    gap: calc(var(--_space) * 2);
  }
  [part='base'].low {
    border-inline-start-color: var(--_low);
  }
  [part='base'].exhausted {
    border-inline-start-color: var(--_danger);
  }
  [part='base'].error {
    border-inline-start-color: var(--_border);
  }
  .credit {
    display: flex;
    flex-direction: column;
    min-width: 8em;
  }
  :host([variant='compact']) .credit {
    flex-direction: row;
    align-items: baseline;
    gap: calc(var(--_space) * 2);
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
    color: var(--_low);
  }
  .exhausted [part='value'] {
    color: var(--_danger);
  }
  .state {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
    margin-inline-start: auto;
    align-items: center;
  }
  :host([variant='compact']) .actions {
    margin-inline-start: 0;
  }
  [part='offer'] {
    font: inherit;
    font-size: 0.875em;
    background: none;
    border: none;
    padding: var(--_space);
    min-height: 24px;
    color: var(--_primary);
    text-decoration: underline;
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
`;
