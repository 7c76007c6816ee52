// The screenshot pipeline as the ticket form and the reply box run it: AttachmentsController.add()
// (check by content, shrink and re-encode) until the image is ready for upload.
import { AttachmentsController } from '../../src/controllers/attachments.ts';

export async function prepare(file) {
  // A host as the form is one: an element with a shadow root (the image parts adopt their styles there).
  const host = Object.assign(document.createElement('div'), { addController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) });
  host.attachShadow({ mode: 'open' });
  const attachments = new AttachmentsController(host);
  await attachments.add([file]);
  await attachments.settled();
  const [blob] = attachments.blobs();
  if (!blob) throw new Error(`not ready: ${attachments.problem?.problem ?? 'unknown'}`);
  return blob;
}
