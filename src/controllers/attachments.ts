/**
 * The images (≤ 3) and other files (PDF, text, log, CSV, ZIP; ≤ 3) of a ticket or a reply: picked,
 * dropped or pasted; checked by their bytes, never by name or MIME type; large images scaled down
 * and re-encoded before upload (all that in `attachments-process.ts`, loaded with the first file).
 * Shared by the ticket form and the reply box, so both behave the same. An item is an image when its
 * blob's type is `image/…` (the checks set the type of every file they let through).
 */
import { LazyPart, lazyImport } from '../base/lazy.js';
import { randomId } from '../base/random-id.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { MAX_IMAGES } from '../domain/image-limits.js';
import type { ImageProblem } from '../domain/images.js';
import type { FileProblem } from '../domain/files.js';
import type { FieldError } from '../api/errors.js';

type Processing = typeof import('./attachments-process.js');

/** Adding, checking and shrinking, the thumbnails and refusal texts (`attachments-process.ts`) load on the first image; one import for all. */
const importProcessing = lazyImport(() => import('./attachments-process.js'));

export interface AttachmentItem {
  id: string;
  name: string;
  blob: Blob;
  /** Object URL for the thumbnail; empty while processing. */
  url: string;
  status: 'processing' | 'ready';
}

export interface AttachmentProblem {
  /** Refused here; the text comes with the checks. */
  code?: ImageProblem | `file_${FileProblem}`;
  fileName: string;
  /** Refused by the server: its sentence, and the item it is about. */
  text?: string;
  id?: string;
}

export const isImage = (i: AttachmentItem): boolean => i.blob.type.startsWith('image/');

export class AttachmentsController implements ReactiveController {
  items: readonly AttachmentItem[] = [];
  problem: AttachmentProblem | undefined;
  readonly max: number;
  /** The checks, thumbnails and texts; there are thumbnails or a refusal to show only once it is loaded. Not loaded (offline): the next image tries again. */
  readonly processing: LazyPart<Processing>;
  private pending = Promise.resolve();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    options: { max?: number } = {},
  ) {
    this.max = options.max ?? MAX_IMAGES;
    this.processing = new LazyPart(host, importProcessing);
    host.addController(this);
  }

  hostConnected(): void {
    // URLs were revoked on disconnect; a re-attached host needs fresh ones.
    this.items = this.items.map((i) => (i.status === 'ready' && !i.url ? { ...i, url: URL.createObjectURL(i.blob) } : i));
  }

  hostDisconnected(): void {
    for (const i of this.items) if (i.url) URL.revokeObjectURL(i.url);
    this.items = this.items.map((i) => ({ ...i, url: '' }));
  }

  /** Resolves when every image added so far is ready (call before sending). */
  settled(): Promise<void> {
    return this.pending;
  }

  /** The ready images and files in order (for the draft); `false`: only the images, `true`: only the other files (for the upload). */
  blobs(files?: boolean): Blob[] {
    return this.items.filter((i) => i.status === 'ready' && isImage(i) !== files).map((i) => i.blob);
  }

  /** The server refused a part (`images[1]`, `files[0]`): its sentence shows at the picker, at that item (`attachments-process.ts`). */
  refuse(errors: readonly FieldError[]): void {
    // Loaded: the refused part was added through it.
    this.processing.module?.refuse(this, errors);
  }

  /**
   * Checks and adds files one by one; the first refused file sets `problem` and stops the rest
   * (a 4th image is refused, the first three stay).
   */
  add(files: Iterable<Blob | File>): Promise<void> {
    const list = [...files];
    this.set(this.items);
    const run = this.pending.then(async () => (await this.processing.load()).addFiles(this, list));
    this.pending = run.catch(() => undefined);
    return run;
  }

  /** Replaces the images (and the refusal, none by default) and has the host render them. */
  set(items: readonly AttachmentItem[], problem?: AttachmentProblem): void {
    this.items = items;
    this.problem = problem;
    this.host.requestUpdate();
  }

  /** Puts back images and files saved in a draft; they were checked when first added. */
  restore(blobs: readonly Blob[]): void {
    this.clear();
    // The thumbnails come with the checks (a restored draft is likely to get more images, too).
    if (blobs.length) void this.processing.load().catch(() => undefined);
    this.set(
      blobs.map((blob, n) => ({
        id: randomId(),
        name: blob instanceof File ? blob.name : `image-${n + 1}.png`,
        blob,
        url: URL.createObjectURL(blob),
        status: 'ready',
      })),
    );
  }

  remove(id: string): void {
    const item = this.items.find((i) => i.id === id);
    if (item?.url) URL.revokeObjectURL(item.url);
    this.set(this.items.filter((i) => i !== item));
  }

  clear(): void {
    for (const i of this.items) if (i.url) URL.revokeObjectURL(i.url);
    this.set([]);
  }

  /**
   * Screenshots from the clipboard; text pastes go on to the field as usual. Arrow functions, so
   * they can be bound directly in a template (`@paste=${ctrl.handlePaste}`).
   */
  readonly handlePaste = (e: ClipboardEvent): void => {
    const files = [...(e.clipboardData?.files ?? [])];
    if (!files.length) return;
    e.preventDefault();
    void this.add(files);
  };

  readonly handleDrop = (e: DragEvent): void => {
    e.preventDefault();
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) void this.add(files);
  };
}
