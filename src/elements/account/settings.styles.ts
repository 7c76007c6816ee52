import { css } from 'lit';

/** The settings forms of `<cadia-account>` (loaded with them: settings.ts). */
export const settingsStyles = css`
  form.settings {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 3);
    max-width: 40em;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 2.5);
  }
  legend {
    font-weight: 600;
    margin-block-end: calc(var(--_space) * 2);
    padding: 0;
  }
  .check {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: calc(var(--_space) * 2);
    align-items: start;
  }
  .check input {
    inline-size: 20px;
    block-size: 20px;
    margin: 2px 0 0;
    accent-color: var(--_primary);
  }
  .check label {
    font-weight: 500;
    cursor: pointer;
    min-height: 24px;
  }
  .check .hint,
  .check .field-error {
    grid-column: 2;
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
  /* The boxes (select and number fields) are drawn by account.styles.ts: the same shadow root. */
  .field input[type='number'] {
    inline-size: 9em;
    font-variant-numeric: tabular-nums;
  }
  .field input:disabled,
  .field select:disabled {
    opacity: 0.6;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.9em;
    font-weight: 600;
  }
  .save {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 3);
  }
`;
