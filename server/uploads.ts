/**
 * Multipart forms and image uploads. Images are judged by their bytes (`checkImage` from
 * src/domain, the same code the widgets run), never by file name or the client's Content-Type:
 * an SVG, an HTML page or an .exe renamed to .png is refused.
 */
import type { Context } from 'hono';
import { checkImage, MAX_IMAGES, type ImageType } from '../src/domain/images.js';
import type { Clock } from './clock.js';
import { cleanImage } from './image-metadata.js';
import type { DB } from './db.js';
import { newId } from './ids.js';
import { ApiError, type FieldErrorInput } from './problem.js';
import type { Attachment } from './types.js';

export type Form = Record<string, unknown>;

export async function readForm(c: Context): Promise<Form> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type)) throw new ApiError(415, 'unsupported_media_type');
  try {
    return await c.req.parseBody({ all: true });
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(400, 'invalid_multipart');
  }
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

/** Reads and checks the `images` parts. Field names are `images` (count) and `images[i]` (0-based). */
export async function readImages(value: unknown): Promise<ImageCheck> {
  const all = value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value];
  // A plain HTML form sends an unnamed, empty part for a file input left empty: that is "no image".
  const parts = all.filter((p) => !(p instanceof File && p.name === '' && p.size === 0));
  if (parts.length > MAX_IMAGES) {
    return { images: [], errors: [{ field: 'images', code: 'too_many', params: { max: MAX_IMAGES } }], code: 'too_many_images' };
  }
  const images: ImageUpload[] = [];
  const errors: FieldErrorInput[] = [];
  for (const [i, part] of parts.entries()) {
    const field = `images[${i}]`;
    if (!(part instanceof File)) {
      errors.push({ field, code: 'not_an_image' });
      continue;
    }
    const bytes = new Uint8Array(await part.arrayBuffer());
    const check = checkImage(bytes);
    if (!check.ok) {
      errors.push({ field, code: check.problem });
      continue;
    }
    // Stored without EXIF/XMP/text metadata (GPS position, camera serial) or trailing bytes; a file
    // whose structure does not parse is refused rather than stored as sent: see image-metadata.ts.
    const clean = cleanImage(bytes, check.image.type);
    if (!clean.ok) {
      errors.push({ field, code: clean.problem });
      continue;
    }
    images.push({ fileName: safeFileName(part.name, check.image.type), ...check.image, bytes: clean.bytes });
  }
  return { images, errors, code: 'image_rejected' };
}

const EXT: Record<ImageType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/** Keeps the user's name for display but drops paths and control characters. */
export function safeFileName(name: string, type: ImageType): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\x00-\x1f\x7f"]/g, '').trim().slice(0, 200);
  return base || `bild.${EXT[type]}`;
}

/** The parts that make two form submissions "the same request" for idempotency. */
export function formFingerprintParts(form: Form, images: readonly ImageUpload[]): Array<string | Uint8Array> {
  const text = Object.keys(form)
    .filter((k) => k !== 'images')
    .sort()
    .map((k) => `${k}=${typeof form[k] === 'string' ? form[k] : '[non-text]'}`);
  return [...text, ...images.flatMap((img) => [img.fileName, img.bytes])];
}

/** Stores images of one message; call inside the request's transaction. */
export function storeAttachments(db: DB, clock: Clock, messageId: string, customerNumber: string, images: readonly ImageUpload[]): void {
  const meta = db.prepare(
    'INSERT INTO attachments (id, message_id, customer_number, file_name, content_type, size, width, height, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const blob = db.prepare('INSERT INTO attachment_blobs (attachment_id, bytes) VALUES (?, ?)');
  for (const img of images) {
    const id = newId('att');
    meta.run(id, messageId, customerNumber, img.fileName, img.type, img.bytes.length, img.width, img.height, clock.now().toISOString());
    blob.run(id, Buffer.from(img.bytes.buffer, img.bytes.byteOffset, img.bytes.byteLength));
  }
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
  return {
    id: r.id,
    fileName: r.file_name,
    contentType: r.content_type as Attachment['contentType'],
    size: r.size,
    width: r.width,
    height: r.height,
    url: `v1/attachments/${r.id}`,
  };
}

/** RFC 5987 filename* value: only attr-chars stay literal. */
export function contentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename*=UTF-8''${encoded}`;
}
