/**
 * The images of a ticket or a reply (≤ 3): picked, dropped or pasted; checked by their bytes, never
 * by name or MIME type; large ones scaled down and re-encoded before upload (all that in
 * `attachments-process.ts`, loaded with the first image). Shared by the ticket form and the reply
 * box, so both behave the same.
 */
import { LazyPart, lazyImport } from '../base/lazy.js';
import { randomId } from '../base/random-id.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { MAX_IMAGES } from '../domain/image-limits.js';
import type { ImageProblem } from '../domain/images.js';

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
  code: ImageProblem;
  fileName: string;
}

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

  /** The ready images, in order, for the upload. */
  blobs(): Blob[] {
    return this.items.filter((i) => i.status === 'ready').map((i) => i.blob);
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

  /** Puts back images saved in a draft; they were checked when first added. */
  restore(blobs: readonly Blob[]): void {
    this.clear();
    // The thumbnails come with the checks (a restored draft is likely to get more images, too).
    if (blobs.length) void this.processing.load().catch(() => undefined);
    this.set(
      blobs.slice(0, this.max).map((blob, n) => ({
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
