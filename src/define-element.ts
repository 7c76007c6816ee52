/**
 * One guarded registration for every tag: the same class twice does nothing, another copy of the
 * SDK under the same tag is ignored with a warning naming both versions. Never throws.
 */
import { VERSION } from './version.js';

export function defineElement(tag: string, ctor: CustomElementConstructor & { version?: string }): void {
  const existing = customElements.get(tag) as (CustomElementConstructor & { version?: string }) | undefined;
  if (!existing) {
    customElements.define(tag, ctor);
  } else if (existing !== ctor) {
    console.warn(
      `[cadia] <${tag}> is already defined by Cadia Support Widgets ${existing.version ?? '(unknown version)'}; ` +
        `the copy of version ${ctor.version ?? VERSION} is ignored.`,
    );
  }
}
