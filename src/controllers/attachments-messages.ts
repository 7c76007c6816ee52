/** Texts of the shared picker (ticket form and reply box); those about the images and files themselves: attachments-thumbs.ts, file-messages.ts. */
import { catalog } from '../i18n/index.js';

export interface AttachmentMessages {
  label: string;
  hint: (max: number, files: number) => string;
  pick: string;
  count: (n: number, max: number) => string;
}

export const attachmentMessages = catalog<AttachmentMessages>(
  {
    label: 'Anhänge',
    hint: (max, files) => `Bis zu ${max} Bilder (PNG, JPEG, WebP, GIF) und ${files} Dateien (PDF, TXT, LOG, CSV, ZIP). Screenshots auch mit Strg+V einfügen, Dateien hierher ziehen.`,
    pick: 'Dateien auswählen …',
    count: (n, max) => `${n} von ${max} Bildern`,
  },
  () => import('./attachments-messages.en.js'),
);
