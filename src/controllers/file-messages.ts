/**
 * Texts about files other than images (PDF, text, log, CSV, ZIP): their kinds, and why one is
 * refused together with what is allowed. One catalog for the widgets (the file chips, the picker's
 * refusals) and the server (its `file_*` field errors, server/problem.ts), so both say the same.
 */
import { catalog } from '../i18n/index.js';
import { FILE_RULES, MAX_FILES, ZIP_LIMITS, type FileKind, type FileProblem } from '../domain/files.js';

/** A file's size as people read it: "830 Byte", "12 kB", "1,4 MB" (1024-based, as the limits are). */
export function formatSize(bytes: number, lang: string): string {
  const [n, unit] = bytes < 1024 ? [bytes, 'byte'] : bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / 1024 / 1024, 'megabyte'];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, maximumFractionDigits: n < 10 && unit !== 'byte' ? 1 : 0 }).format(n);
}

/** A kind's size limit in MB, for the texts. */
export const mb = (k: FileKind | number): number => (typeof k === 'number' ? k : FILE_RULES[k].maxBytes) / (1024 * 1024);

export interface FileMessages {
  /** Read out before a file's name (its icon says the same). */
  kinds: Record<FileKind, string>;
  /** Read out before a stored file's name and size on its download button. */
  download: string;
  downloadFailed: (name: string) => string;
  problem: Record<FileProblem, (fileName: string) => string>;
}

const ALLOWED = 'Erlaubt sind Bilder (PNG, JPEG, WebP, GIF), PDF, Text und Logs (.txt, .log), CSV und ZIP.';

export const fileMessages = catalog<FileMessages>(
  {
    kinds: { pdf: 'PDF', text: 'Text', csv: 'CSV', zip: 'ZIP' },
    download: 'Herunterladen:',
    downloadFailed: (n) => `„${n}“ konnte nicht geladen werden. Bitte versuchen Sie es noch einmal.`,
    problem: {
      empty: (f) => `„${f}“ ist leer.`,
      too_large: (f) => `„${f}“ ist zu groß. Erlaubt sind PDF bis ${mb('pdf')} MB, ZIP bis ${mb('zip')} MB, Text, Log und CSV bis ${mb('text')} MB.`,
      too_many: () => `Neben den Bildern sind höchstens ${MAX_FILES} Dateien möglich. Entfernen Sie zuerst eine Datei.`,
      not_allowed: (f) => `„${f}“ ist kein erlaubter Dateityp. ${ALLOWED}`,
      type_mismatch: (f) => `Der Inhalt von „${f}“ passt nicht zu seiner Endung (etwa eine umbenannte Webseite). ${ALLOWED}`,
      binary_text: (f) => `„${f}“ ist keine reine Textdatei: Sie enthält Binärdaten wie NUL-Bytes. Erlaubt sind Texte in UTF-8 oder Latin-1 (UTF-16 bitte als UTF-8 speichern).`,
      pdf_javascript: (f) => `„${f}“ enthält JavaScript oder startet Programme; solche PDFs nehmen wir nicht an. Erlaubt sind PDFs ohne Skripte – drucken Sie das Dokument z. B. neu als PDF.`,
      pdf_embedded_file: (f) => `„${f}“ enthält eingebettete Dateien. Erlaubt sind PDFs ohne eingebettete Dateien – hängen Sie diese einzeln an.`,
      pdf_unreadable: (f) => `„${f}“ ist beschädigt oder verschlüsselt und kann nicht geprüft werden. Erlaubt sind PDFs ohne Passwortschutz.`,
      zip_unsafe_path: (f) => `„${f}“ enthält Einträge mit Pfaden außerhalb des Archivs („../“ oder absolute Pfade). Erlaubt sind ZIP-Archive mit relativen Pfaden.`,
      zip_bomb: (f) => `„${f}“ würde entpackt unverhältnismäßig groß. Erlaubt sind ZIP-Archive bis ${mb(ZIP_LIMITS.unpackedBytes)} MB entpackt und mit höchstens ${ZIP_LIMITS.entries} Einträgen.`,
      zip_unreadable: (f) => `„${f}“ ist kein lesbares ZIP-Archiv. Erlaubt sind unverschlüsselte ZIP-Archive.`,
    },
  },
  () => import('./file-messages.en.js'),
);
