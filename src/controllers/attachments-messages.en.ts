/** English for `attachments-messages.ts` and `attachments-thumbs.ts`, loaded only when an element shows English (see `catalog` in src/i18n/index.ts). */
import type { AttachmentMessages } from './attachments-messages.js';
import type { ImageMessages } from './attachments-thumbs.js';

const en: AttachmentMessages = {
  label: 'Attachments',
  hint: (max, files) => `Up to ${max} images (PNG, JPEG, WebP, GIF) and ${files} files (PDF, TXT, LOG, CSV, ZIP). Paste screenshots with Ctrl+V, drag files here.`,
  pick: 'Choose files …',
  count: (n, max) => `${n} of ${max} images`,
};

export default en;

export const images: ImageMessages = {
  remove: (n) => `Remove ${n}`,
  processing: 'Preparing image …',
  problem: {
    too_many: (_f, max) => `At most ${max} images are possible. Remove an image first.`,
    not_an_image: (f) => `“${f}” is not a supported image (PNG, JPEG, WebP or GIF).`,
    too_large: (f) => `“${f}” is too large, even after scaling it down.`,
    too_many_pixels: (f) => `“${f}” has too many pixels.`,
    empty: (f) => `“${f}” is empty.`,
  },
};
