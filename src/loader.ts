/**
 * The loader: defines only the `cadia-*` elements the page uses — those in the document when it
 * runs and those added later — loading each element's code when its tag first appears. A page with
 * only the package shop loads the shop (and the provider), not all four widgets.
 *
 * Three or more different widgets at start load all elements as one file instead: from three on,
 * the separate files together weigh about as much as the single file or more (see README's sizes).
 * Tags inside shadow roots are not seen (a MutationObserver on the document does not reach them);
 * import the element's define module there.
 */
const ELEMENTS: Record<string, () => Promise<unknown>> = {
  'cadia-provider': () => import('./define/cadia-provider.js'),
  'cadia-credit-badge': () => import('./define/cadia-credit-badge.js'),
  'cadia-ticket-form': () => import('./define/cadia-ticket-form.js'),
  'cadia-ticket-list': () => import('./define/cadia-ticket-list.js'),
  'cadia-package-shop': () => import('./define/cadia-package-shop.js'),
  'cadia-account': () => import('./define/cadia-account.js'),
};
/** Not in the all-elements file: the account view lives on a page of its own, so it loads by itself. */
const ALONE = new Set(['cadia-account']);
const SELECTOR = Object.keys(ELEMENTS).join();
const ALL_AT = 3;

/** Tags asked for (or defined): once the code is requested, a tag is never loaded twice. */
const requested = new Set<string>();

function load(tags: Set<string>): void {
  const missing = [...tags].filter((t) => !requested.has(t) && !customElements.get(t));
  if (!missing.length) return;
  const first = requested.size === 0;
  for (const tag of missing) requested.add(tag);
  const retryLater = (tags: string[]) => (e: unknown) => {
    // A failed load (offline, a deploy in between) is tried again when the tag next appears.
    for (const t of tags) requested.delete(t);
    console.error('[cadia] could not load', tags.join(', '), e);
  };
  let separately = missing;
  if (first && missing.filter((t) => t !== 'cadia-provider' && !ALONE.has(t)).length >= ALL_AT) {
    const all = Object.keys(ELEMENTS).filter((t) => !ALONE.has(t));
    for (const tag of all) requested.add(tag);
    import('./register-all.js').catch(retryLater(all));
    separately = missing.filter((t) => ALONE.has(t));
  }
  for (const tag of separately) ELEMENTS[tag]!().catch(retryLater([tag]));
}

function collect(root: ParentNode, into: Set<string>): void {
  if (root instanceof Element && root.localName in ELEMENTS) into.add(root.localName);
  for (const el of root.querySelectorAll(SELECTOR)) into.add(el.localName);
}

const observer = new MutationObserver((records) => {
  const found = new Set<string>();
  for (const r of records) for (const node of r.addedNodes) if (node instanceof Element) collect(node, found);
  load(found);
  // Nothing left to do once every element is defined (a failed load keeps it watching).
  if (Object.keys(ELEMENTS).every((t) => customElements.get(t))) observer.disconnect();
});
observer.observe(document, { childList: true, subtree: true });

const atStart = new Set<string>();
collect(document, atStart);
load(atStart);

export {};
