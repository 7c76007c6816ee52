/**
 * Object URLs for the thread's images. The bytes come through the backend with the auth header
 * (no token in an image URL); the URLs are revoked when their ticket is no longer shown (`clear`)
 * and when the element leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Attachment } from '../../api/types.js';

/** Whatever loads an attachment's bytes with the session's credentials: the customer store, the desk's agent backend. */
interface AttachmentSource {
  loadAttachment(url: string, signal?: AbortSignal): Promise<Blob>;
}

export type ImageState = { status: 'loading' } | { status: 'ready'; url: string } | { status: 'error' };

export class AttachmentUrls implements ReactiveController {
  private readonly images = new Map<string, ImageState>();
  private ctrl = new AbortController();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The image's state; starts loading it the first time it is asked for. */
  get(store: AttachmentSource, att: Attachment): ImageState {
    const known = this.images.get(att.id);
    if (known) return known;
    const loading: ImageState = { status: 'loading' };
    this.images.set(att.id, loading);
    const signal = this.ctrl.signal;
    store.loadAttachment(att.url, signal).then(
      (blob) => {
        if (signal.aborted) return;
        this.images.set(att.id, { status: 'ready', url: URL.createObjectURL(blob) });
        this.host.requestUpdate();
      },
      () => {
        if (signal.aborted) return;
        this.images.set(att.id, { status: 'error' });
        this.host.requestUpdate();
      },
    );
    return loading;
  }

  hostDisconnected(): void {
    this.clear();
  }

  /** Stops loading and revokes every URL: the images' bytes are let go. */
  clear(): void {
    this.ctrl.abort();
    this.ctrl = new AbortController();
    for (const s of this.images.values()) if (s.status === 'ready') URL.revokeObjectURL(s.url);
    this.images.clear();
  }
}
