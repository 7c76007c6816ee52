/** Acting on elements inside shadow roots as a person would. */

/** Types into a field inside `host`'s shadow root (value + input event) and waits for the update. */
export async function typeInto(host: Element & { updateComplete?: Promise<unknown> }, selector: string, value: string): Promise<void> {
  const field = host.shadowRoot?.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector);
  if (!field) throw new Error(`no field ${selector}`);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await host.updateComplete;
}

/**
 * Picks `files` with the image picker's file input inside `host` and waits until the picker shows
 * the outcome as the customer sees it: each file as a finished thumbnail, or the refusal of one.
 */
export async function pickImages(host: Element & { updateComplete: Promise<unknown> }, files: File[]): Promise<void> {
  const root = host.shadowRoot!;
  const shown = () => root.querySelectorAll('[part~="thumbnail"] img').length;
  const before = shown();
  const input = root.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('no image picker');
  const dt = new DataTransfer();
  files.forEach((f) => dt.items.add(f));
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  // The picker clears an earlier refusal at once; wait for that render before looking for the outcome.
  await host.updateComplete;
  const end = Date.now() + 10_000;
  while (root.querySelector('[part~="thumbnail"] .skeleton') || (shown() < before + files.length && !root.querySelector('.attachments .problem')?.textContent?.trim())) {
    if (Date.now() > end) throw new Error('the picked images were not checked in time');
    await new Promise((r) => setTimeout(r, 20));
  }
  await host.updateComplete;
}
