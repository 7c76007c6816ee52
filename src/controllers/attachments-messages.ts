/** Texts of the shared image picker (ticket form and reply box); those about the images themselves: attachments-thumbs.ts. */
import { catalog } from '../i18n/index.js';

export interface AttachmentMessages {
  label: string;
  hint: (max: number) => string;
  pick: string;
  count: (n: number, max: number) => string;
}

export const attachmentMessages = catalog<AttachmentMessages>(
  {
    label: 'Bilder',
    hint: (max) => `Bis zu ${max} Bilder (PNG, JPEG, WebP, GIF). Sie können einen Screenshot auch mit Strg+V einfügen oder Dateien hierher ziehen.`,
    pick: 'Bilder auswählen …',
    count: (n, max) => `${n} von ${max} Bildern`,
  },
  () => import('./attachments-messages.en.js'),
);
