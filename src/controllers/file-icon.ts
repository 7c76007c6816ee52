/**
 * The icon of a file that is not an image: a small label of its kind (PDF, TXT, CSV, ZIP) in a
 * document-shaped box. Shared by the picker's file chips and the thread's downloads.
 */
import { css, html } from 'lit';
import { kindOfType } from '../domain/files.js';

export const renderFileIcon = (contentType: string) =>
  html`<span class="file-icon" aria-hidden="true">${(kindOfType(contentType) ?? 'text').replace('text', 'txt').toUpperCase()}</span>`;

export const fileIconStyles = css`
  .file-icon {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    flex: none;
    width: 2.25rem;
    height: 2.5rem;
    border: 1px solid var(--_border);
    border-radius: 3px 10px 3px 3px;
    background: var(--_surface-2);
    color: var(--_primary);
    font-size: 0.6875rem;
    font-weight: 700;
    letter-spacing: 0.02em;
  }
`;
