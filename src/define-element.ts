/**
 * One guarded registration for every tag: the same class twice does nothing, another copy of the
 * SDK under the same tag is ignored with a warning naming both versions. Never throws.
 */
import { ContextRoot } from '@lit/context';
import { VERSION } from './version.js';

const ROOT = Symbol.for('cadia-context-root');

export function defineElement(tag: string, ctor: CustomElementConstructor & { version?: string }): void {
  // Lets a provider that upgrades after its consumers still reach them.
  const doc = globalThis.document as (Document & { [ROOT]?: boolean }) | undefined;
  if (doc && !doc[ROOT]) {
    doc[ROOT] = true;
    new ContextRoot().attach(doc.documentElement);
  }
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
