/**
 * Looks inside the files that `checkFile` (src/domain/files.ts) let through by their first bytes:
 * a PDF must carry no JavaScript, launch actions or embedded files; a ZIP must list entries that stay
 * inside the folder they are unpacked to and that do not unpack to gigabytes. Both with a maintained
 * parser (pdf-lib, yauzl), since a hand-rolled one misses what a compressed object stream or a ZIP64
 * record hides.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFObject } from 'pdf-lib';
import yauzl from 'yauzl';
import { PDF_FILE_KEYS, PDF_SCRIPT_KEYS, ZIP_LIMITS, type FileKind, type FileProblem } from '../src/domain/files.js';

/** Action types (`/S`) that run something. */
const PDF_SCRIPT_ACTIONS = new Set(['JavaScript', 'Launch', 'RichMediaExecute', 'GoToE']);

type Verdict = FileProblem | null;

/**
 * Every dictionary of the document — also those inside compressed object streams, which pdf-lib
 * unpacks while loading — is walked for script and embedded-file keys (`checkFile` has already
 * scanned the names written outside object streams). An encrypted PDF cannot be
 * looked into (its object streams are ciphertext) and is refused as unreadable.
 */
export async function inspectPdf(bytes: Uint8Array): Promise<Verdict> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
    // pdf-lib makes do with almost anything; a document without a page is not an invoice.
    if (doc.getPageCount() < 1) return 'pdf_unreadable';
  } catch {
    // Broken beyond repair, or encrypted (pdf-lib's EncryptedPDFError): nothing to look into.
    return 'pdf_unreadable';
  }
  const seen = new Set<PDFObject>();
  let verdict: Verdict = null;
  const walk = (obj: PDFObject | undefined, depth: number): void => {
    if (!obj || verdict || depth > 64 || seen.has(obj)) return;
    seen.add(obj);
    if (obj instanceof PDFRawStream) return walk(obj.dict, depth + 1);
    if (obj instanceof PDFArray) {
      for (let i = 0; i < obj.size(); i++) walk(obj.get(i), depth + 1);
      return;
    }
    if (!(obj instanceof PDFDict)) return;
    for (const [key, value] of obj.entries()) {
      const name = key.decodeText();
      if (PDF_FILE_KEYS.has(name) || (name === 'Type' && value instanceof PDFName && PDF_FILE_KEYS.has(value.decodeText()))) {
        verdict = 'pdf_embedded_file';
        return;
      }
      if (PDF_SCRIPT_KEYS.has(name) || (name === 'S' && value instanceof PDFName && PDF_SCRIPT_ACTIONS.has(value.decodeText()))) {
        verdict = 'pdf_javascript';
        return;
      }
      walk(value, depth + 1);
    }
  };
  walk(doc.context.trailerInfo.Root, 0);
  for (const [, obj] of doc.context.enumerateIndirectObjects()) walk(obj, 0);
  return verdict;
}

/** yauzl's refusals of an entry name that leaves the target folder (absolute, `..`, backslashes). */
const UNSAFE_NAME = /^(absolute path|invalid relative path|invalid characters in fileName)/;

/**
 * Lists the entries from the central directory (no unpacking) and refuses names that escape, too
 * many entries, too much declared unpacked data or a packing ratio no log reaches. Then inflates
 * entries in order, at most ZIP_LIMITS.verifyBytes in all: yauzl stops an entry that unpacks to more
 * than it declared (the bomb that lies in its headers).
 */
export function inspectZip(bytes: Uint8Array): Promise<Verdict> {
  return new Promise((resolve) => {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) => {
      if (err || !zip) return resolve('zip_unreadable');
      let done = false;
      const finish = (v: Verdict) => {
        if (done) return;
        done = true;
        zip.close();
        resolve(v);
      };
      if (zip.entryCount > ZIP_LIMITS.entries) return finish('zip_bomb');
      const entries: yauzl.Entry[] = [];
      let unpacked = 0;
      zip.on('error', (e: Error) => finish(UNSAFE_NAME.test(e.message) ? 'zip_unsafe_path' : 'zip_unreadable'));
      zip.on('entry', (entry: yauzl.Entry) => {
        unpacked += entry.uncompressedSize;
        const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
        if (unpacked > ZIP_LIMITS.unpackedBytes || (entry.uncompressedSize > 1024 * 1024 && ratio > ZIP_LIMITS.ratio)) return finish('zip_bomb');
        entries.push(entry);
        zip.readEntry();
      });
      zip.on('end', () => void verifyEntries(zip, entries).then(finish));
      zip.readEntry();
    });
  });
}

async function verifyEntries(zip: yauzl.ZipFile, entries: readonly yauzl.Entry[]): Promise<Verdict> {
  let budget = ZIP_LIMITS.verifyBytes;
  for (const entry of entries) {
    if (budget <= 0) break;
    // Folders have nothing to inflate; encrypted entries cannot be inflated without the password.
    if (entry.fileName.endsWith('/') || entry.isEncrypted()) continue;
    const verdict = await new Promise<Verdict>((resolve) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return resolve('zip_unreadable');
        stream.on('data', (chunk: Buffer) => {
          budget -= chunk.length;
          if (budget <= 0) {
            stream.destroy();
            resolve(null);
          }
        });
        // "too many bytes in the stream": it unpacks to more than its header says.
        stream.on('error', (e: Error) => resolve(/too many bytes/.test(e.message) ? 'zip_bomb' : 'zip_unreadable'));
        stream.on('end', () => resolve(null));
      });
    });
    if (verdict) return verdict;
  }
  return null;
}

/** The deeper look for a file kind that has one. */
export function inspectFile(kind: FileKind, bytes: Uint8Array): Promise<Verdict> {
  if (kind === 'pdf') return inspectPdf(bytes);
  if (kind === 'zip') return inspectZip(bytes);
  return Promise.resolve(null);
}
