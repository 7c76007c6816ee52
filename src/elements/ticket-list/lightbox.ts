/**
 * An image of the thread shown large. A native modal `<dialog>`: it traps focus, closes on Escape,
 * and the host puts focus back on the thumbnail that opened it.
 */
import { html, nothing } from 'lit';
import type { Attachment } from '../../api/types.js';

export interface LightboxImage {
  att: Attachment;
  url: string;
  /** The thumbnail that opened it, to return focus to. */
  trigger?: HTMLElement;
}

export interface LightboxContext {
  label: (name: string) => string;
  close: string;
  onClose: () => void;
}

export function renderLightbox(img: LightboxImage | undefined, c: LightboxContext) {
  if (!img) return nothing;
  return html`<dialog class="lightbox" part="lightbox" aria-label=${c.label(img.att.fileName)} @close=${c.onClose} @click=${(e: Event) => {
    // A click on the backdrop (the dialog itself, outside the figure) closes it.
    if (e.target === e.currentTarget) (e.currentTarget as HTMLDialogElement).close();
  }}>
    <figure>
      <img src=${img.url} alt=${img.att.fileName} width=${img.att.width} height=${img.att.height} />
      <figcaption>${img.att.fileName}</figcaption>
    </figure>
    <button class="secondary close" autofocus @click=${(e: Event) => (e.currentTarget as HTMLElement).closest('dialog')?.close()}>${c.close}</button>
  </dialog>`;
}

/** Opens the rendered dialog as a modal once it is in the DOM. */
export function showLightbox(root: ShadowRoot | null): void {
  const dialog = root?.querySelector<HTMLDialogElement>('dialog.lightbox');
  if (dialog && !dialog.open) dialog.showModal();
}
