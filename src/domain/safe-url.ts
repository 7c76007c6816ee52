/**
 * Links that come from server data (FAQ articles, …) are only followed when they are plain web
 * addresses: a `javascript:` or `data:` URL bound to an `href` would run on click, and Lit does not
 * filter attribute values.
 */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url, document.baseURI);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
