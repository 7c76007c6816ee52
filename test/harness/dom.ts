/** Acting on elements inside shadow roots as a person would. */

/** Types into a field inside `host`'s shadow root (value + input event) and waits for the update. */
export async function typeInto(host: Element & { updateComplete?: Promise<unknown> }, selector: string, value: string): Promise<void> {
  const field = host.shadowRoot?.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector);
  if (!field) throw new Error(`no field ${selector}`);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await host.updateComplete;
}
