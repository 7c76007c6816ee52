/**
 * The part of the image picker that exists only once there are images: a thumbnail per image
 * (preview, or a placeholder while it is prepared; file name; remove button) and the texts saying
 * why an image was refused, with their styles. Loaded with `attachments-process.ts` (which
 * re-exports it): an added image is checked by that module before it shows, and restoring a draft
 * with images starts loading it.
 */
import { css, html } from 'lit';
import { catalog, texts, type Locale } from '../i18n/index.js';
import type { ImageProblem } from '../domain/images.js';
import type { AttachmentsController } from './attachments.js';

export interface ImageMessages {
  remove: (name: string) => string;
  processing: string;
  problem: Record<ImageProblem, (fileName: string, max: number) => string>;
}

export const imageMessages = catalog<ImageMessages>(
  {
    remove: (n) => `${n} entfernen`,
    processing: 'Bild wird vorbereitet …',
    problem: {
      too_many: (_f, max) => `Es sind höchstens ${max} Bilder möglich. Entfernen Sie zuerst ein Bild.`,
      not_an_image: (f) => `„${f}“ ist kein unterstütztes Bild (PNG, JPEG, WebP oder GIF).`,
      too_large: (f) => `„${f}“ ist zu groß, auch nach dem Verkleinern.`,
      too_many_pixels: (f) => `„${f}“ hat zu viele Bildpunkte.`,
      empty: (f) => `„${f}“ ist leer.`,
    },
  },
  // The picker's English is in one file.
  () => import('./attachments-messages.en.js').then((m) => ({ default: m.images })),
);

export function renderThumbs(ctrl: AttachmentsController, lang: Locale, disabled?: boolean) {
  const m = texts(imageMessages, lang);
  // The preview's alt is empty: the file name beside it names the image, the picture adds nothing for a screen reader.
  return html`<ul class="thumbs">
    ${ctrl.items.map(
      (i) => html`<li class="thumb" part="thumbnail">
        ${i.status === 'ready' ? html`<img src=${i.url} alt="" />` : html`<span class="skeleton preview" role="img" aria-label=${m.processing}></span>`}
        <span class="name" title=${i.name}>${i.name}</span>
        <button type="button" class="remove" aria-label=${m.remove(i.name)} title=${m.remove(i.name)} ?disabled=${disabled} @click=${() => ctrl.remove(i.id)}>
          <span aria-hidden="true">×</span>
        </button>
      </li>`,
    )}
  </ul>`;
}

export const thumbStyles = css`
  .thumbs {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
    flex: 1 1 100%;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .thumb {
    position: relative;
    display: flex;
    flex-direction: column;
    width: 96px;
    gap: var(--_space);
    font-size: 0.75em;
  }
  .thumb img,
  .thumb .preview {
    display: block;
    width: 96px;
    height: 72px;
    object-fit: cover;
    border-radius: calc(var(--_radius) - 4px);
    border: 1px solid var(--_border);
    background: var(--_surface);
  }
  .thumb .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .thumb .remove {
    position: absolute;
    inset-block-start: 2px;
    inset-inline-end: 2px;
    width: 24px;
    height: 24px;
    padding: 0;
    border-radius: 50%;
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    font-size: 16px;
    line-height: 1;
    cursor: pointer;
  }
`;
