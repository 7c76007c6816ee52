/**
 * Everything an opened ticket needs — loader, thread images, lightbox, reply box with the shared
 * attachment/draft/submit controllers, texts and styles — in one module that the list imports only
 * when a ticket is opened (or when the browser is idle), so the list itself starts small.
 */
import { html, type ReactiveControllerHost } from 'lit';
import type { CadiaStore } from '../../context/store.js';
import type { Attachment, TicketDetail } from '../../api/types.js';
import type { CommonMessages } from '../../i18n/common.js';
import { texts, type Locale } from '../../i18n/index.js';
import { attachmentStyles } from '../../controllers/attachments-view.js';
import { fileIconStyles } from '../../controllers/file-icon.js';
import { TicketDetailLoader } from './detail-loader.js';
import { AttachmentUrls } from './attachment-urls.js';
import { ReplyBox } from './reply-box.js';
import { CloseRate } from './close-rate.js';
import { saveFile } from '../../base/save-file.js';
import { renderDetailBody } from './ticket-detail.js';
import { renderLightbox, showLightbox, type LightboxImage } from './lightbox.js';
import { detailMessages } from './detail-messages.js';
import { detailStyles } from './detail.styles.js';
import type { TicketListMessages } from './messages.js';

export const styles = [attachmentStyles, fileIconStyles, detailStyles];

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export class TicketDetailView {
  readonly loader: TicketDetailLoader;
  private readonly images: AttachmentUrls;
  private readonly reply: ReplyBox;
  private readonly closeRate: CloseRate;
  private lightbox: LightboxImage | undefined;
  /** The ticket whose images are held. */
  private shown = '';
  private failedDownload: string | undefined;

  constructor(
    private readonly host: Host,
    private readonly store: () => CadiaStore,
    onLoaded: (t: TicketDetail) => void,
    lang: () => Locale,
    /** Opens another ticket (a linked one) in the list. */
    private readonly onOpen: (ticketId: string) => void,
  ) {
    this.loader = new TicketDetailLoader(host);
    this.loader.onLoaded = onLoaded;
    this.images = new AttachmentUrls(host);
    this.reply = new ReplyBox(host, { store, lang, onOpen });
    this.closeRate = new CloseRate(host, { store, lang, onChanged: (t) => this.loader.show(t) });
  }

  /** Called on every update of the host. */
  sync(ticketId: string): void {
    this.loader.sync(this.store(), ticketId);
    this.reply.sync(ticketId);
    this.closeRate.sync(ticketId);
    // Another ticket, or back to the list: the images of the one left are let go.
    if (ticketId !== this.shown) {
      this.shown = ticketId;
      this.images.clear();
      this.lightbox = undefined;
    }
  }

  reload(): void {
    this.loader.reload();
  }

  /** After the host rendered: open the lightbox dialog as a modal. */
  updated(): void {
    if (this.lightbox) showLightbox(this.host.renderRoot as ShadowRoot);
    this.closeRate.updated();
  }

  private handleOpenImage(att: Attachment, trigger: HTMLElement): void {
    const img = this.images.get(this.store(), att);
    if (img.status !== 'ready') return;
    this.lightbox = { att, url: img.url, trigger };
    this.host.requestUpdate();
  }

  /** Fetches the file with the auth header (no credential in a URL) and saves it named as stored. */
  private async handleDownload(att: Attachment): Promise<void> {
    this.failedDownload = undefined;
    try {
      saveFile(this.host.renderRoot, { blob: await this.store().loadAttachment(att.url), name: att.fileName });
    } catch {
      this.failedDownload = att.id;
    }
    this.host.requestUpdate();
  }

  private async handleLightboxClose(): Promise<void> {
    const id = this.lightbox?.att.id;
    this.lightbox = undefined;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(`button.thread-thumb[data-att="${id}"]`)?.focus();
  }

  render(list: TicketListMessages, lang: Locale, common: CommonMessages) {
    const m = { ...list, ...texts(detailMessages, lang) };
    const store = this.store();
    const me = store.me.value;
    return html`${renderDetailBody(this.loader, {
      m,
      lang,
      common,
      meId: me?.contact.id,
      seesCompany: me?.ticketScope === 'company',
      image: (att) => this.images.get(store, att),
      onOpenImage: (att, trigger) => this.handleOpenImage(att, trigger),
      onDownload: (att) => void this.handleDownload(att),
      failedDownload: this.failedDownload,
      renderReply: (t) => html`${this.closeRate.render(t, m, lang, common)} ${this.reply.render(t, m, lang, common)}`,
      onOpenTicket: this.onOpen,
    })}
    ${renderLightbox(this.lightbox, { label: m.lightboxLabel, close: common.close, onClose: () => void this.handleLightboxClose() })}`;
  }
}
