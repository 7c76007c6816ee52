/**
 * The part of the picker that exists only once there are images or files: a thumbnail per image
 * (preview, or a placeholder while it is prepared; file name; remove button), a chip per other file
 * (icon, name, size, remove button) and the texts saying why one was refused, with their styles.
 * Loaded with `attachments-process.ts` (which re-exports it): an added file is checked by that
 * module before it shows, and restoring a draft with attachments starts loading it.
 */
import { css, html, nothing } from 'lit';
import { catalog, texts, type Locale } from '../i18n/index.js';
import type { ImageProblem } from '../domain/images.js';
import type { AttachmentItem, AttachmentProblem, AttachmentsController } from './attachments.js';
import { fileMessages, formatSize } from './file-messages.js';
import { fileIconStyles, renderFileIcon } from './file-icon.js';

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

/** Why the last file was refused: the server's sentence, or the text for the checks' code. */
export function problemText(p: AttachmentProblem, lang: Locale, max: number): string {
  if (p.text) return `${p.fileName ? `${p.fileName}: ` : ''}${p.text}`;
  const code = p.code ?? 'not_an_image';
  return code.startsWith('file_')
    ? texts(fileMessages, lang).problem[code.slice(5) as keyof typeof fileMessages.de.problem](p.fileName)
    : texts(imageMessages, lang).problem[code as ImageProblem](p.fileName, max);
}

export function renderThumbs(ctrl: AttachmentsController, lang: Locale, disabled?: boolean, problemId?: string) {
  const m = texts(imageMessages, lang);
  const remove = (i: AttachmentItem) => html`<button type="button" class="remove" aria-label=${m.remove(i.name)} title=${m.remove(i.name)} ?disabled=${disabled} @click=${() => ctrl.remove(i.id)}>
    <span aria-hidden="true">×</span>
  </button>`;
  // The item the server refused points at the sentence saying why.
  const refused = (i: AttachmentItem) => (ctrl.problem?.id === i.id ? problemId : undefined);
  // The preview's alt is empty: the file name beside it names the image, the picture adds nothing for a screen reader.
  return html`<ul class="thumbs">
    ${ctrl.items.map((i) =>
      i.blob.type.startsWith('image/') || i.status !== 'ready'
        ? html`<li class="thumb ${refused(i) ? 'refused' : ''}" part="thumbnail" aria-describedby=${refused(i) ?? nothing}>
            ${i.status === 'ready' ? html`<img src=${i.url} alt="" />` : html`<span class="skeleton preview" role="img" aria-label=${m.processing}></span>`}
            <span class="name" title=${i.name}>${i.name}</span>
            ${remove(i)}
          </li>`
        : html`<li class="file ${refused(i) ? 'refused' : ''}" part="file" aria-describedby=${refused(i) ?? nothing}>
            ${renderFileIcon(i.blob.type)}
            <span class="name" title=${i.name}>${i.name}</span>
            <span class="size num">${formatSize(i.blob.size, lang)}</span>
            ${remove(i)}
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
    /* A long file name is cut (ellipsis), never widens the form: the list's width comes from the form, not from the names. */
    min-width: 0;
    contain: inline-size;
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
  .thumb .name,
  .file .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .file {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 2);
    flex: 1 1 100%;
    min-width: 0;
    padding: var(--_space) calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 4px);
    background: var(--_surface);
    font-size: 0.875em;
  }
  .file .name {
    flex: 1 1 auto;
    min-width: 0;
  }
  .file .size {
    color: var(--_muted);
    white-space: nowrap;
  }
  .refused {
    border-color: var(--_danger);
    outline: 2px solid var(--_danger);
  }
  .thumb .remove,
  .file .remove {
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
  .thumb .remove {
    position: absolute;
    inset-block-start: 2px;
    inset-inline-end: 2px;
  }
`;
