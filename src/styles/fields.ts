/**
 * The box of a text field (input, select, textarea) as every element draws it. Only the
 * declarations are shared: each element keeps its own selector, since the fields it has differ
 * (the form must leave its radio buttons and checkboxes alone), and its own padding and width.
 */
import { css } from 'lit';

export const fieldBox = css`
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    min-height: 32px;
`;
