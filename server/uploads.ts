/**
 * Multipart forms and their files. Images (`images` parts) and other files (`files` parts: PDF, text,
 * CSV, ZIP) are judged by their bytes (`checkImage` and `checkFile` from src/domain, the same code
 * the widgets run; PDFs and ZIPs also looked into by file-checks.ts), never by the client's
 * Content-Type: an SVG, an HTML page or an .exe renamed to .png or .pdf is refused.
 */
import { Readable } from 'node:stream';
import { Busboy } from '@fastify/busboy';
import type { Context } from 'hono';
import { checkFile, isImageBytes, MAX_FILE_BYTES, MAX_FILES, type FileProblem } from '../src/domain/files.js';
import { checkImage, MAX_IMAGE_BYTES, MAX_IMAGES, type ImageType } from '../src/domain/images.js';
import { inspectFile } from './file-checks.js';
import type { Clock } from './clock.js';
import { cleanImage } from './image-metadata.js';
import type { Tx } from './db.js';
import { newId } from './ids.js';
import { ApiError, type FieldErrorInput } from './problem.js';
import type { Attachment } from './types.js';

/** A file part as received: the client's name (for display only) and at most the largest file's limit + 1 bytes. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** Text fields as strings (a repeated field as an array), `images` and `files` as UploadedFile parts. */
export type Form = Record<string, unknown>;

/** The form fields that carry files. */
const FILE_FIELDS = { images: MAX_IMAGES, files: MAX_FILES, diagnosticsFile: 1 } as const;
type FileField = keyof typeof FILE_FIELDS;
const isFileField = (name: string): name is FileField => name in FILE_FIELDS;
const FILE_PARTS = MAX_IMAGES + MAX_FILES + 1;

// Three images of 5 MB, three files and the ERP's diagnostics file of up to 10 MB, the text fields and multipart overhead.
export const MULTIPART_LIMIT = MAX_IMAGES * MAX_IMAGE_BYTES + (MAX_FILES + 1) * MAX_FILE_BYTES + 1024 * 1024;
/**
 * Largest text field in bytes: the longest text (20,000 characters) is at most 60,000 bytes of
 * UTF-8. A longer value is cut here, while streaming, and then fails its own `too_long` check.
 */
const FIELD_BYTES = 64 * 1024;

/**
 * How many multipart bodies are read at once (each may hold 16 MB in memory) and how many more may
 * wait for a turn before the server answers 503 `server_busy`. Waiting requests are not read at all:
 * their bytes stay in the network buffers. Requests without a body never wait here.
 */
export class UploadGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly inFlight: number, readonly queue: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.inFlight) this.active++;
    else if (this.waiting.length < this.queue) await new Promise<void>((turn) => this.waiting.push(turn));
    else throw new ApiError(503, 'server_busy', { headers: { 'Retry-After': '2' } });
    try {
      return await work();
    } finally {
      // The slot passes straight to the next waiting request.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * Reads a multipart (or URL-encoded) form while it streams in, within limits: only the named text
 * fields and `images` and `files` parts (unknown fields are refused with 422 `unknown_field`), each
 * field at most FIELD_BYTES, at most MAX_IMAGES + 1 images and MAX_FILES + 1 files (the extra one is
 * the empty part an HTML file input sends), MULTIPART_LIMIT in all. Reading stops at the first breach, so a body of 200,000 fields costs
 * a few of them, not the whole parse.
 */
export async function readForm(c: Context, gate: UploadGate, fields: readonly string[]): Promise<Form> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type)) throw new ApiError(415, 'unsupported_media_type');
  const body = c.req.raw.body;
  if (!body) throw new ApiError(400, 'invalid_multipart');
  return gate.run(() => parseForm(body, type, new Set(fields)));
}

function parseForm(body: ReadableStream<Uint8Array>, contentType: string, allowed: ReadonlySet<string>): Promise<Form> {
  return new Promise((resolve, reject) => {
    const form: Form = {};
    const add = (name: string, value: string | UploadedFile) => {
      const prev = form[name];
      form[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    };
    const source = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
    let parser: ReturnType<typeof Busboy>;
    let done = false;
    let openFiles = 0;
    let parsed = false;
    const fail = (err: ApiError) => {
      if (done) return;
      done = true;
      source.unpipe();
      source.destroy();
      reject(err);
    };
    const finish = () => {
      if (!done && parsed && openFiles === 0) {
        done = true;
        resolve(form);
      }
    };
    const unknown = (name: string) => new ApiError(422, 'validation_failed', { errors: [{ field: name.slice(0, 100), code: 'unknown_field' }] });
    try {
      parser = Busboy({
        headers: { 'content-type': contentType },
        limits: {
          fieldNameSize: 100,
          fieldSize: FIELD_BYTES,
          fields: allowed.size + FILE_PARTS + 2,
          files: FILE_PARTS + 2,
          // A file is kept up to one byte past the largest limit, so the checks can say `too_large`.
          fileSize: Math.max(MAX_IMAGE_BYTES, MAX_FILE_BYTES) + 1,
          parts: allowed.size + FILE_PARTS + 2,
          headerPairs: 20,
        },
      });
    } catch {
      reject(new ApiError(400, 'invalid_multipart'));
      return;
    }
    const tooMany = (field: FileField) =>
      new ApiError(422, field === 'images' ? 'too_many_images' : 'too_many_files', { errors: [{ field, code: field === 'images' ? 'too_many' : 'file_too_many', params: { max: FILE_FIELDS[field] } }] });
    const counts: Record<FileField, number> = { images: 0, files: 0, diagnosticsFile: 0 };
    parser.on('field', (name: string, value: string) => {
      // `images` or `files` as text is answered per part (`not_an_image`, `not_allowed`), like any other non-file part.
      if (!allowed.has(name) && !isFileField(name)) return fail(unknown(name));
      add(name, value);
    });
    parser.on('file', (name: string, stream: import('node:stream').Readable, fileName: string) => {
      if (!isFileField(name)) {
        stream.resume();
        return fail(unknown(name));
      }
      if (++counts[name] > FILE_FIELDS[name] + 1) {
        stream.resume();
        return fail(tooMany(name));
      }
      openFiles++;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        openFiles--;
        add(name, { name: fileName ?? '', bytes: Buffer.concat(chunks) });
        finish();
      });
    });
    const tooManyParts = () => fail(new ApiError(413, 'too_many_parts'));
    parser.on('filesLimit', tooManyParts);
    parser.on('fieldsLimit', tooManyParts);
    parser.on('partsLimit', tooManyParts);
    parser.on('error', () => fail(new ApiError(400, 'invalid_multipart')));
    parser.on('finish', () => {
      parsed = true;
      finish();
    });
    let size = 0;
    source.on('data', (chunk: Uint8Array) => {
      size += chunk.length;
      if (size > MULTIPART_LIMIT) fail(new ApiError(413, 'payload_too_large'));
    });
    // The client went away mid-body: nothing to answer, nothing stored.
    source.on('error', () => fail(new ApiError(400, 'invalid_multipart')));
    source.pipe(parser);
  });
}

export interface ImageUpload {
  fileName: string;
  bytes: Uint8Array;
  type: ImageType;
  width: number;
  height: number;
}

export interface ImageCheck {
  images: ImageUpload[];
  errors: FieldErrorInput[];
  /** Which problem code to use when these are the only errors. */
  code: 'too_many_images' | 'image_rejected';
}

const isFile = (p: unknown): p is UploadedFile => typeof p === 'object' && p !== null && 'bytes' in p;

/** Checks the `images` parts read by readForm. Field names are `images` (count) and `images[i]` (0-based). */
export function readImages(value: unknown): ImageCheck {
  const all = value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value];
  // A plain HTML form sends an unnamed, empty part for a file input left empty: that is "no image".
  const parts = all.filter((p) => !(isFile(p) && p.name === '' && p.bytes.length === 0));
  if (parts.length > MAX_IMAGES) {
    return { images: [], errors: [{ field: 'images', code: 'too_many', params: { max: MAX_IMAGES } }], code: 'too_many_images' };
  }
  const images: ImageUpload[] = [];
  const errors: FieldErrorInput[] = [];
  for (const [i, part] of parts.entries()) {
    const field = `images[${i}]`;
    if (!isFile(part)) {
      errors.push({ field, code: 'not_an_image' });
      continue;
    }
    const check = checkImage(part.bytes);
    if (!check.ok) {
      errors.push({ field, code: check.problem });
      continue;
    }
    // Stored without EXIF/XMP/text metadata (GPS position, camera serial) or trailing bytes; a file
    // whose structure does not parse is refused rather than stored as sent: see image-metadata.ts.
    const clean = cleanImage(part.bytes, check.image.type);
    if (!clean.ok) {
      errors.push({ field, code: clean.problem });
      continue;
    }
    images.push({ fileName: safeFileName(part.name, check.image.type), ...check.image, bytes: clean.bytes });
  }
  return { images, errors, code: 'image_rejected' };
}

const EXT: Record<ImageType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/** A file other than an image, checked by its bytes and looked into (PDF, ZIP). */
export interface FileUpload {
  fileName: string;
  bytes: Uint8Array;
  contentType: string;
}

export interface FileChecks {
  files: FileUpload[];
  errors: FieldErrorInput[];
  code: 'too_many_files' | 'file_rejected';
}

/**
 * Checks the `files` parts read by readForm: by their bytes (`checkFile`), then inside (file-checks.ts).
 * Field names are `files` (count) and `files[i]` (0-based). An image sent here is refused: it
 * belongs in `images`, where its metadata is removed.
 */
export async function readFiles(value: unknown, field: 'files' | 'diagnosticsFile' = 'files'): Promise<FileChecks> {
  const all = value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value];
  const parts = all.filter((p) => !(isFile(p) && p.name === '' && p.bytes.length === 0));
  const max = FILE_FIELDS[field];
  if (parts.length > max) return { files: [], errors: [{ field, code: 'file_too_many', params: { max } }], code: 'too_many_files' };
  const files: FileUpload[] = [];
  const errors: FieldErrorInput[] = [];
  for (const [i, part] of parts.entries()) {
    const at = field === 'files' ? `files[${i}]` : field;
    const refuse = (code: FileProblem) => errors.push({ field: at, code: `file_${code}`, params: { name: isFile(part) ? safeFileName(part.name, 'datei') : '' } });
    if (!isFile(part) || isImageBytes(part.bytes)) {
      refuse('not_allowed');
      continue;
    }
    const name = safeFileName(part.name, '');
    const check = checkFile(part.bytes, name);
    if (!check.ok) {
      refuse(check.problem);
      continue;
    }
    const inside = await inspectFile(check.file.kind, part.bytes);
    if (inside) {
      refuse(inside);
      continue;
    }
    files.push({ fileName: check.file.fileName, bytes: part.bytes, contentType: check.file.contentType });
  }
  return { files, errors, code: 'file_rejected' };
}

/**
 * Keeps the user's name for display but drops paths, control characters and the bidirectional
 * controls that make "\u202Egnp.exe" read as "exe.png"; `fallback` when nothing is left.
 */
export function safeFileName(name: string, fallback: ImageType | string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\x00-\x1f\x7f"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 200);
  return base || (fallback in EXT ? `bild.${EXT[fallback as ImageType]}` : fallback);
}

/** The parts that make two form submissions "the same request" for idempotency. */
export function formFingerprintParts(form: Form, uploads: ReadonlyArray<{ fileName: string; bytes: Uint8Array }>): Array<string | Uint8Array> {
  const text = Object.keys(form)
    .filter((k) => !isFileField(k))
    .sort()
    .map((k) => `${k}=${typeof form[k] === 'string' ? form[k] : '[non-text]'}`);
  return [...text, ...uploads.flatMap((u) => [u.fileName, u.bytes])];
}

/** What is stored of one image or file. */
export interface StoredUpload {
  fileName: string;
  bytes: Uint8Array;
  contentType: string;
  /** Images only; 0 for other files. */
  width?: number;
  height?: number;
}

/** Images and files of one message, in the order they are stored and shown. */
export function toStored(images: readonly ImageUpload[], files: readonly FileUpload[] = []): StoredUpload[] {
  return [...images.map((i) => ({ fileName: i.fileName, bytes: i.bytes, contentType: i.type, width: i.width, height: i.height })), ...files];
}

/**
 * Stores the images and files of one message; call inside the request's transaction. Refused with
 * 422 `storage_quota` at the `images` field when the customer's stored files would exceed
 * `quotaBytes` (a quota, not an exact meter: two uploads at the same instant may both pass at its edge).
 */
export async function storeAttachments(trx: Tx, clock: Clock, messageId: string, customerNumber: string, uploads: readonly StoredUpload[], quotaBytes: number): Promise<string[]> {
  const adding = uploads.reduce((sum, u) => sum + u.bytes.length, 0);
  if (adding > 0) {
    const stored = await trx.selectFrom('attachments').select((eb) => eb.fn.sum<number>('size').as('bytes')).where('customer_number', '=', customerNumber).executeTakeFirst();
    if (Number(stored?.bytes ?? 0) + adding > quotaBytes) {
      throw new ApiError(422, 'validation_failed', { errors: [{ field: 'images', code: 'storage_quota', params: { max: Math.floor(quotaBytes / 1024 / 1024) } }] });
    }
  }
  const ids: string[] = [];
  for (const u of uploads) {
    const id = newId('att');
    ids.push(id);
    await trx.insertInto('attachments').values({
      id, message_id: messageId, customer_number: customerNumber, file_name: u.fileName, content_type: u.contentType,
      size: u.bytes.length, width: u.width ?? 0, height: u.height ?? 0, created_at: clock.now().toISOString(),
    }).execute();
    await trx.insertInto('attachment_blobs').values({ attachment_id: id, bytes: Buffer.from(u.bytes.buffer, u.bytes.byteOffset, u.bytes.byteLength) }).execute();
  }
  return ids;
}

export interface AttachmentRow {
  id: string;
  message_id: string;
  customer_number: string;
  file_name: string;
  content_type: string;
  size: number;
  width: number;
  height: number;
}

export function toAttachment(r: AttachmentRow): Attachment {
  const common = { id: r.id, fileName: r.file_name, size: r.size, url: `v1/attachments/${r.id}` };
  return r.content_type.startsWith('image/')
    ? { ...common, kind: 'image', contentType: r.content_type as Attachment['contentType'], width: r.width, height: r.height }
    : { ...common, kind: 'file', contentType: r.content_type as Attachment['contentType'] };
}

/**
 * Always a download (`attachment`), never shown in the browser's own viewer, where a PDF's or a
 * text's content would run or render with the portal's origin. RFC 5987 filename*: only attr-chars stay literal.
 */
export function contentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename*=UTF-8''${encoded}`;
}
