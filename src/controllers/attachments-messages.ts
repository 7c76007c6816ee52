/** Texts of the shared image picker (ticket form and reply box). */
import { catalog } from '../i18n/index.js';
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

export const attachmentMessages = catalog<AttachmentMessages>(
  {
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
  () => import('./attachments-messages.en.js'),
);
