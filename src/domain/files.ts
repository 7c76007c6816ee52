/**
 * Files beyond images: PDF (invoices), plain text and logs, CSV exports and ZIP (log bundles). Next
 * to the up to 3 images a ticket or reply may carry up to MAX_FILES of these. Each is judged by its
 * bytes: the name's extension says what the customer means to send, the bytes must prove it (an
 * HTML page renamed `.pdf` is refused, a PDF is stored as a PDF whatever its name). The widgets run
 * `checkFile` before upload; the server runs it again and then looks inside PDFs and ZIPs
 * (server/file-checks.ts: no JavaScript or embedded files in a PDF, no `../` names or bombs in a ZIP).
 */
import { sniffImage } from './images.js';

export type FileKind = 'pdf' | 'text' | 'csv' | 'zip';

export { MAX_FILES } from './image-limits.js';

export interface FileRule {
  /** Largest upload in bytes. */
  maxBytes: number;
  /** Extensions a name of this kind may end in (lower case, with the dot). */
  extensions: readonly string[];
  /** The type it is stored and served as (text gets its charset appended). */
  contentType: string;
}

const MB = 1024 * 1024;

/** Per kind: an invoice PDF or a log bundle may be larger than a log or an export. */
export const FILE_RULES: Record<FileKind, FileRule> = {
  pdf: { maxBytes: 10 * MB, extensions: ['.pdf'], contentType: 'application/pdf' },
  text: { maxBytes: 5 * MB, extensions: ['.txt', '.log'], contentType: 'text/plain' },
  csv: { maxBytes: 5 * MB, extensions: ['.csv'], contentType: 'text/csv' },
  zip: { maxBytes: 10 * MB, extensions: ['.zip'], contentType: 'application/zip' },
};

export const FILE_KINDS = Object.keys(FILE_RULES) as FileKind[];

/** Largest file of any kind (the upload reader's per-part limit). */
export const MAX_FILE_BYTES = Math.max(...FILE_KINDS.map((k) => FILE_RULES[k].maxBytes));

/**
 * What a ZIP may hold. Its entries are listed from the central directory without unpacking; at most
 * `verifyBytes` are actually inflated to catch entries that unpack to more than they declare.
 */
export const ZIP_LIMITS = {
  entries: 1000,
  /** Sum of the entries' declared unpacked sizes. */
  unpackedBytes: 200 * MB,
  /** Unpacked / packed per entry above this (and above 1 MB unpacked) is a bomb, not a log. */
  ratio: 100,
  verifyBytes: 4 * MB,
} as const;

/** The `accept` list of the file picker: images and the kinds above. */
export const ACCEPT_FILES = `image/png,image/jpeg,image/webp,image/gif,${FILE_KINDS.flatMap((k) => FILE_RULES[k].extensions).join(',')},application/pdf,text/plain,text/csv,application/zip`;

export type FileProblem =
  | 'empty'
  | 'too_large'
  | 'too_many'
  | 'not_allowed'
  | 'type_mismatch'
  | 'binary_text'
  | 'pdf_javascript'
  | 'pdf_embedded_file'
  | 'pdf_unreadable'
  | 'zip_unsafe_path'
  | 'zip_bomb'
  | 'zip_unreadable';

export interface CheckedFile {
  kind: FileKind;
  /** The name to store: the customer's, with the kind's extension added where it had another one. */
  fileName: string;
  /** Stored and served with this type (text with its charset). */
  contentType: string;
}

export type FileCheck = { ok: true; file: CheckedFile } | { ok: false; problem: FileProblem };

const ascii = (b: Uint8Array, n: number) => String.fromCharCode(...b.subarray(0, n));

/** The kind the name claims: a known extension's kind, `none` without an extension, `other` for any other. */
export function claimedKind(name: string): FileKind | 'none' | 'other' {
  const m = /\.[^./\\]{1,10}$/.exec(name.toLowerCase());
  if (!m) return 'none';
  return FILE_KINDS.find((k) => FILE_RULES[k].extensions.includes(m[0])) ?? 'other';
}

/** Control bytes a text file may hold: tab, line feed, vertical tab, form feed, carriage return, escape (coloured logs). */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]);

/** `utf-8` or `iso-8859-1` when the bytes are text without NUL or other binary control bytes; otherwise `null`. */
export function textEncoding(b: Uint8Array): 'utf-8' | 'iso-8859-1' | null {
  for (const byte of b) if ((byte < 0x20 && !TEXT_CONTROLS.has(byte)) || byte === 0x7f) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return 'utf-8';
  } catch {
    // Every byte sequence is Latin-1; without binary control bytes it is text in that encoding.
    return 'iso-8859-1';
  }
}

/** Whether the bytes are an image (those go through the image pipeline, not this one). */
export function isImageBytes(b: Uint8Array): boolean {
  return sniffImage(b) !== null;
}

/**
 * Checks one file by its bytes and name: kind, size, for text its encoding, for a PDF the names in
 * its bytes. The server also parses PDFs and ZIPs; this part is what both sides can tell without.
 */
export function checkFile(b: Uint8Array, name: string): FileCheck {
  if (b.length === 0) return { ok: false, problem: 'empty' };
  const claimed = claimedKind(name);
  const magic = b.length >= 5 && ascii(b, 5) === '%PDF-' ? 'pdf' : b.length >= 4 && (ascii(b, 4) === 'PK\x03\x04' || ascii(b, 4) === 'PK\x05\x06') ? 'zip' : undefined;
  let kind: FileKind;
  let contentType: string;
  if (magic) {
    // A PDF or ZIP named as something else we know (a PDF called .txt) is refused; with another or no extension it gets its own.
    if (claimed !== magic && claimed !== 'none' && claimed !== 'other') return { ok: false, problem: 'type_mismatch' };
    kind = magic;
    contentType = FILE_RULES[kind].contentType;
  } else {
    // Not a PDF or ZIP by its bytes: an "invoice.pdf" that is an HTML page says what it is not.
    if (claimed === 'pdf' || claimed === 'zip') return { ok: false, problem: 'type_mismatch' };
    if (claimed === 'other') return { ok: false, problem: 'not_allowed' };
    const encoding = textEncoding(b);
    if (!encoding) return { ok: false, problem: claimed === 'none' ? 'not_allowed' : 'binary_text' };
    kind = claimed === 'csv' ? 'csv' : 'text';
    contentType = `${FILE_RULES[kind].contentType}; charset=${encoding}`;
  }
  if (b.length > FILE_RULES[kind].maxBytes) return { ok: false, problem: 'too_large' };
  const inPdf = kind === 'pdf' ? pdfNameProblem(b) : null;
  if (inPdf) return { ok: false, problem: inPdf };
  return { ok: true, file: { kind, fileName: withExtension(name, kind), contentType } };
}

/** Keys whose presence in a PDF means script (XFA forms carry scripts too). */
export const PDF_SCRIPT_KEYS: ReadonlySet<string> = new Set(['JS', 'JavaScript', 'XFA']);
/** Keys of files inside the PDF. */
export const PDF_FILE_KEYS: ReadonlySet<string> = new Set(['EmbeddedFile', 'EmbeddedFiles']);

/**
 * The names written in the PDF's bytes (`/JavaScript`, also spelled with `#xx` escapes as
 * `/Java#53cript`): script, launch actions or embedded files outside compressed object streams.
 * The server also walks every object with a parser (server/file-checks.ts), which sees those too.
 */
export function pdfNameProblem(b: Uint8Array): 'pdf_javascript' | 'pdf_embedded_file' | null {
  const text = new TextDecoder('latin1').decode(b);
  for (const m of text.matchAll(/\/([^\s/[\]<>(){}%]{1,64})/g)) {
    const name = m[1]!.replace(/#([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (PDF_FILE_KEYS.has(name)) return 'pdf_embedded_file';
    if (PDF_SCRIPT_KEYS.has(name) || name === 'Launch') return 'pdf_javascript';
  }
  return null;
}

/** The name with the kind's extension: kept when it already has one of them, added otherwise. */
export function withExtension(name: string, kind: FileKind): string {
  const { extensions } = FILE_RULES[kind];
  return claimedKind(name) === kind ? name : `${name || 'datei'}${extensions[0]}`;
}

/** The kind a stored type stands for (`null`: an image). */
export function kindOfType(contentType: string): FileKind | null {
  const base = contentType.split(';')[0]!.trim();
  return FILE_KINDS.find((k) => FILE_RULES[k].contentType === base) ?? null;
}
