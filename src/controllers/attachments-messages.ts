/** Texts of the shared image picker (ticket form and reply box). */
import type { Catalog } from '../i18n/index.js';
import type { ImageProblem } from '../domain/images.js';

export interface AttachmentMessages {
  label: string;
  hint: (max: number) => string;
  pick: string;
  dropHere: string;
  remove: (name: string) => string;
  processing: string;
  count: (n: number, max: number) => string;
  problem: Record<ImageProblem, (fileName: string, max: number) => string>;
}

export const attachmentMessages: Catalog<AttachmentMessages> = {
  de: {
    label: 'Bilder',
    hint: (max) => `Bis zu ${max} Bilder (PNG, JPEG, WebP, GIF). Sie können einen Screenshot auch mit Strg+V einfügen oder Dateien hierher ziehen.`,
    pick: 'Bilder auswählen …',
    dropHere: 'Bilder hier ablegen',
    remove: (n) => `${n} entfernen`,
    processing: 'Bild wird vorbereitet …',
    count: (n, max) => `${n} von ${max} Bildern`,
    problem: {
      too_many: (_f, max) => `Es sind höchstens ${max} Bilder möglich. Entfernen Sie zuerst ein Bild.`,
      not_an_image: (f) => `„${f}“ ist kein unterstütztes Bild (PNG, JPEG, WebP oder GIF).`,
      too_large: (f) => `„${f}“ ist zu groß, auch nach dem Verkleinern.`,
      too_many_pixels: (f) => `„${f}“ hat zu viele Bildpunkte.`,
      empty: (f) => `„${f}“ ist leer.`,
    },
  },
  en: {
    label: 'Images',
    hint: (max) => `Up to ${max} images (PNG, JPEG, WebP, GIF). You can also paste a screenshot with Ctrl+V or drag files here.`,
    pick: 'Choose images …',
    dropHere: 'Drop images here',
    remove: (n) => `Remove ${n}`,
    processing: 'Preparing image …',
    count: (n, max) => `${n} of ${max} images`,
    problem: {
      too_many: (_f, max) => `At most ${max} images are possible. Remove an image first.`,
      not_an_image: (f) => `“${f}” is not a supported image (PNG, JPEG, WebP or GIF).`,
      too_large: (f) => `“${f}” is too large, even after scaling it down.`,
      too_many_pixels: (f) => `“${f}” has too many pixels.`,
      empty: (f) => `“${f}” is empty.`,
    },
  },
};
