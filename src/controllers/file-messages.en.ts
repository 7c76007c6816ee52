/** English for `file-messages.ts`, loaded only when an element shows English (see `catalog` in src/i18n/index.ts). */
import { MAX_FILES, ZIP_LIMITS } from '../domain/files.js';
import { mb, type FileMessages } from './file-messages.js';

const ALLOWED = 'Allowed are images (PNG, JPEG, WebP, GIF), PDF, text and logs (.txt, .log), CSV and ZIP.';

const en: FileMessages = {
  kinds: { pdf: 'PDF', text: 'Text', csv: 'CSV', zip: 'ZIP' },
  download: 'Download:',
  downloadFailed: (n) => `“${n}” could not be loaded. Please try again.`,
  problem: {
    empty: (f) => `“${f}” is empty.`,
    too_large: (f) => `“${f}” is too large. Allowed are PDF up to ${mb('pdf')} MB, ZIP up to ${mb('zip')} MB, text, log and CSV up to ${mb('text')} MB.`,
    too_many: () => `At most ${MAX_FILES} files are possible besides the images. Remove a file first.`,
    not_allowed: (f) => `“${f}” is not an allowed type of file. ${ALLOWED}`,
    type_mismatch: (f) => `The content of “${f}” does not match its extension (a renamed web page, for example). ${ALLOWED}`,
    binary_text: (f) => `“${f}” is not plain text: it contains binary data such as NUL bytes. Allowed is text in UTF-8 or Latin-1 (please save UTF-16 as UTF-8).`,
    pdf_javascript: (f) => `“${f}” contains JavaScript or launches programs; such PDFs are not accepted. Allowed are PDFs without scripts – print the document to PDF again, for example.`,
    pdf_embedded_file: (f) => `“${f}” contains embedded files. Allowed are PDFs without embedded files – attach those one by one.`,
    pdf_unreadable: (f) => `“${f}” is damaged or encrypted and cannot be checked. Allowed are PDFs without password protection.`,
    zip_unsafe_path: (f) => `“${f}” contains entries with paths outside the archive (“../” or absolute paths). Allowed are ZIP archives with relative paths.`,
    zip_bomb: (f) => `“${f}” would unpack to an unreasonable size. Allowed are ZIP archives up to ${mb(ZIP_LIMITS.unpackedBytes)} MB unpacked with at most ${ZIP_LIMITS.entries} entries.`,
    zip_unreadable: (f) => `“${f}” is not a readable ZIP archive. Allowed are unencrypted ZIP archives.`,
  },
};

export default en;
