/**
 * The picker's markup and styles, shared by the ticket form and the reply box so both look and
 * behave the same: a picker button over a hidden file input (images, PDF, text, log, CSV, ZIP), a
 * drop zone, the thumbnails and file chips and the refusal message (those come with the checks:
 * attachments-thumbs.ts). The host adds
 * `@paste=${ctrl.handlePaste}` on its form, so a screenshot pasted into any field lands here.
 */
import { css, html, nothing } from 'lit';
import { texts, type Locale } from '../i18n/index.js';
import type { AttachmentsController } from './attachments.js';
import { MAX_FILES } from '../domain/image-limits.js';
import { attachmentMessages } from './attachments-messages.js';

export interface AttachmentsViewOptions {
  /** Prefix for element ids, unique within the host's shadow root. */
  id: string;
  disabled?: boolean;
}

function handleDragOver(e: DragEvent): void {
  e.preventDefault();
  if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  // The class is not bound by the template, so Lit never overwrites it.
  (e.currentTarget as HTMLElement).classList.add('dragover');
}

function handleDragLeave(e: DragEvent): void {
  (e.currentTarget as HTMLElement).classList.remove('dragover');
}

export function renderAttachments(ctrl: AttachmentsController, lang: Locale, opts: AttachmentsViewOptions) {
  const { id } = opts;
  const m = texts(attachmentMessages, lang);
  // Full when both the images and the other files are.
  const isFull = ctrl.items.length >= ctrl.max + MAX_FILES;
  const problem = ctrl.problem;
  const handleDrop = (e: DragEvent) => {
    (e.currentTarget as HTMLElement).classList.remove('dragover');
    if (opts.disabled) return e.preventDefault();
    ctrl.handleDrop(e);
  };
  const handlePick = (e: Event) => {
    const input = (e.currentTarget as HTMLElement).parentElement?.querySelector('input[type=file]') as HTMLInputElement | null;
    input?.click();
  };
  const handleChange = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    // Reset so choosing the same file again fires `change` again.
    input.value = '';
    void ctrl.add(files);
  };
  return html`<fieldset class="attachments" part="attachments" aria-describedby="${id}-hint">
    <legend>${m.label} <span class="count num">(${m.count(ctrl.blobs(false).length, ctrl.max)})</span></legend>
    <div class="dropzone" part="dropzone" @dragover=${handleDragOver} @dragleave=${handleDragLeave} @drop=${handleDrop}>
      <p class="hint" id="${id}-hint">${m.hint(ctrl.max, MAX_FILES)}</p>
      ${ctrl.items.length && ctrl.processing.module ? ctrl.processing.module.renderThumbs(ctrl, lang, opts.disabled, `${id}-problem`) : nothing}
      <button type="button" class="secondary pick" part="pick" ?disabled=${isFull || opts.disabled} @click=${handlePick}>${m.pick}</button>
      <input type="file" accept="image/*,.pdf,.txt,.log,.csv,.zip" multiple hidden @change=${handleChange} />
    </div>
    <p class="problem" id="${id}-problem" role="alert">${problem && ctrl.processing.module ? ctrl.processing.module.problemText(problem, lang, ctrl.max) : nothing}</p>
  </fieldset>`;
}

export const attachmentStyles = css`
  .attachments {
    border: none;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  .attachments legend {
    padding: 0;
    font-weight: 600;
    margin-block-end: var(--_space);
  }
  .attachments .count {
    font-weight: normal;
    color: var(--_muted);
  }
  .dropzone {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 2);
    padding: calc(var(--_space) * 3);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-2);
  }
  .dropzone.dragover {
    border-color: var(--_primary);
    border-style: solid;
  }
  .dropzone .hint {
    flex: 1 1 100%;
    margin: 0;
    font-size: 0.875em;
    color: var(--_muted);
  }
  .attachments .problem {
    margin: var(--_space) 0 0;
    color: var(--_danger);
    font-size: 0.875em;
  }
  /* Kept in the tree (not display:none) so the alert is announced when text appears. */
  .attachments .problem:empty {
    margin: 0;
  }
`;
