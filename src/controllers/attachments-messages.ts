/** Texts of the shared image picker (ticket form and reply box); why an image was refused: attachments-process.ts. */
import { catalog } from '../i18n/index.js';

export interface AttachmentMessages {
  label: string;
  hint: (max: number) => string;
  pick: string;
  remove: (name: string) => string;
  processing: string;
  count: (n: number, max: number) => string;
}

export const attachmentMessages = catalog<AttachmentMessages>(
  {
    label: 'Bilder',
    hint: (max) => `Bis zu ${max} Bilder (PNG, JPEG, WebP, GIF). Sie können einen Screenshot auch mit Strg+V einfügen oder Dateien hierher ziehen.`,
    pick: 'Bilder auswählen …',
    remove: (n) => `${n} entfernen`,
    processing: 'Bild wird vorbereitet …',
    count: (n, max) => `${n} von ${max} Bildern`,
  },
  () => import('./attachments-messages.en.js'),
);
