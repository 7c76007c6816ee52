/**
 * The heavy half of `AttachmentsController`: adding images and files one by one, checking each by
 * its bytes (images: scaled down and stripped of metadata before upload; files: PDF, text, CSV, ZIP
 * by `checkFile`); with it the thumbnails, file chips and refusal texts (`attachments-thumbs.ts`).
 * Loaded by dynamic `import()` on the first file added, pasted, dropped or restored, so a form that
 * never gets one never loads it.
 */
import { MAX_IMAGE_BYTES, UPLOAD_MAX_EDGE, checkImage, hasImageMetadata, sniffImage, type ImageProblem } from '../domain/images.js';
import { checkFile, MAX_FILE_BYTES, MAX_FILES, type FileProblem } from '../domain/files.js';
import { shrinkImage } from './image-shrink.js';
import { randomId } from '../base/random-id.js';
import { isImage, type AttachmentItem, type AttachmentsController } from './attachments.js';
import type { FieldError } from '../api/errors.js';

import { thumbStyles } from './attachments-thumbs.js';
import { fileIconStyles } from './file-icon.js';

export { imageMessages, problemText, renderThumbs } from './attachments-thumbs.js';
/** Adopted into the host's shadow root when this module loads (LazyPart). */
export const styles = [thumbStyles, fileIconStyles];

/** Bytes enough to read any header (a JPEG's size can sit behind a large EXIF block). */
const HEADER_BYTES = 512 * 1024;
/** Screenshots stay PNG up to this size; bigger ones become JPEG. */
const MAX_PNG_BYTES = 2 * 1024 * 1024;

export interface InspectedImage {
  type: string;
  longest: number;
  hasMetadata: boolean;
}

/** `AttachmentsController.add`: checks and adds files one by one; the first refused one stops the rest. */
export async function addFiles(ctrl: AttachmentsController, files: Array<Blob | File>): Promise<void> {
  for (const file of files) {
    const name = file instanceof File && file.name ? file.name : `image-${ctrl.items.length + 1}.png`;
    const refuse = (code: ImageProblem, items = ctrl.items) => ctrl.set(items, { code, fileName: name });
    // Not an image by its bytes: a file, unless it says it is an image (an SVG, a renamed .png).
    const saysImage = file.type.startsWith('image/') || /\.(png|jpe?g|gif|webp|svg|bmp|heic)$/i.test(name);
    if (!saysImage && !sniffImage(new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer()))) {
      if (!(await addOther(ctrl, file, name))) return;
      continue;
    }
    if (ctrl.blobs(false).length + ctrl.items.filter((i) => i.status === 'processing').length >= ctrl.max) return refuse('too_many');
    const check = await inspect(file);
    if (!check.ok) return refuse(check.problem);
    const item: AttachmentItem = { id: randomId(), name, blob: file, url: '', status: 'processing' };
    ctrl.set([...ctrl.items, item]);
    const prepared = await prepare(file, check.image, name);
    // By id: the item objects are replaced when the host is detached and attached again.
    if (typeof prepared === 'string') return refuse(prepared, ctrl.items.filter((i) => i.id !== item.id));
    // Removed while it was being processed.
    if (!ctrl.items.some((i) => i.id === item.id)) continue;
    const ready: AttachmentItem = { ...item, name: prepared.name, blob: prepared, url: URL.createObjectURL(prepared), status: 'ready' };
    ctrl.set(ctrl.items.map((i) => (i.id === item.id ? ready : i)));
  }
}

/** `AttachmentsController.refuse`: the server's sentence about a part (`images[1]`, `files[0]`), at that item. */
export function refuse(ctrl: AttachmentsController, errors: readonly FieldError[]): void {
  const e = errors.find((f) => /^(images|files)/.test(f.field));
  const m = e && /^(\w+)(?:\[(\d+)\])?/.exec(e.field);
  if (!m) return;
  const item = ctrl.items.filter((i) => isImage(i) === (m[1] === 'images'))[Number(m[2] ?? 0)];
  ctrl.set(ctrl.items, { fileName: item?.name ?? '', text: e!.message, id: item?.id });
}

/**
 * A file that is not an image: checked whole (at most the largest limit plus a byte) by the same
 * rules as the server's, and added ready, named and typed as the checks say. False when refused.
 */
async function addOther(ctrl: AttachmentsController, file: Blob, name: string): Promise<boolean> {
  const refuse = (problem: FileProblem) => {
    ctrl.set(ctrl.items, { code: `file_${problem}`, fileName: name });
    return false;
  };
  if (ctrl.blobs(true).length >= MAX_FILES) return refuse('too_many');
  const check = checkFile(new Uint8Array(await file.slice(0, MAX_FILE_BYTES + 1).arrayBuffer()), name);
  if (!check.ok) return refuse(check.problem);
  const ready = new File([file], check.file.fileName, { type: check.file.contentType });
  ctrl.set([...ctrl.items, { id: randomId(), name: ready.name, blob: ready, url: '', status: 'ready' }]);
  return true;
}

/** Reads the header bytes of one file; the image's facts or the reason it is refused. */
export async function inspect(file: Blob): Promise<{ ok: true; image: InspectedImage } | { ok: false; problem: ImageProblem }> {
  const header = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  // The size limit applies to what is uploaded (after shrinking), not to the original.
  const check = checkImage(header);
  if (!check.ok) return check;
  const { type, width, height } = check.image;
  return { ok: true, image: { type, longest: Math.max(width, height), hasMetadata: hasImageMetadata(header) } };
}

/**
 * The file to upload, named `name` with the extension of its type; or why it is refused. Re-encodes
 * when the image is too large, is a JPEG, or carries metadata (drops EXIF with its GPS position);
 * small plain PNG/WebP/GIF screenshots go up untouched.
 */
export async function prepare(file: Blob, { type, longest, hasMetadata }: InspectedImage, name: string): Promise<File | ImageProblem> {
  const isJpeg = type === 'image/jpeg';
  let blob = file;
  if (isJpeg || hasMetadata || longest > UPLOAD_MAX_EDGE || file.size > MAX_IMAGE_BYTES) {
    try {
      blob = await shrinkImage({ blob: file, maxEdge: UPLOAD_MAX_EDGE, type: isJpeg ? 'image/jpeg' : 'image/png', maxPngBytes: MAX_PNG_BYTES });
    } catch {
      return 'not_an_image';
    }
  }
  if (blob.size > MAX_IMAGE_BYTES) return 'too_large';
  const ext = blob.type === 'image/jpeg' ? 'jpg' : blob.type.replace('image/', '');
  const renamed = `${name.replace(/\.[a-z0-9]{1,5}$/i, '')}.${ext}`;
  return blob instanceof File && blob.name === renamed ? blob : new File([blob], renamed, { type: blob.type });
}
