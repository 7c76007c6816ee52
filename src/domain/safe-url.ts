/**
 * Links that come from server data (FAQ articles, …) are only followed when they are plain web
 * addresses: a `javascript:` or `data:` URL bound to an `href` would run on click, and Lit does not
 * filter attribute values. The admin command line checks an article's address with the same rule
 * before it is stored (with a base that resolves nothing: absolute addresses only); the widget
 * resolves against its page (`document.baseURI`).
 */
export function safeHref(url: string | null | undefined, base: string): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url, base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
