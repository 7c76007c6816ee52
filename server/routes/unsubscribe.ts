/**
 * The page an unsubscribe link opens (issue 17, RFC 8058), outside /v1: it is a page for a person,
 * not the contract. GET only shows what the link would do and a button (mail scanners and link
 * previews fetch every GET: nothing may change on one); POST — that button, or a mail client's
 * one-click `List-Unsubscribe=One-Click` — switches the kind off. A changed or expired link gets a
 * page that says so, and nothing changes. German or English: the mail's language (inside the
 * link), for a link that does not verify the browser's.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import type { LinkCheck } from '../mail-links.js';
import { unsubscribePage } from '../mail-texts.js';
import { unsubscribe } from '../model/notifications.js';
import { pickLang } from '../problem.js';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1c2530}
main{max-width:34rem;margin:10vh auto;padding:1.5rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002}
h1{font-size:1.3rem;margin:0 0 .75rem}p{margin:0 0 1rem}
button{font:inherit;padding:.5rem 1rem;min-height:2.75rem;border:0;border-radius:8px;background:#1f5fa8;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #0b3d75;outline-offset:2px}.brand{color:#4a5561;font-size:.9rem;margin-bottom:1rem}
@media (prefers-color-scheme:dark){body{background:#11161c;color:#e6ebf0}main{background:#1b222b;box-shadow:none}.brand{color:#a9b4bf}button{background:#5b9be0;color:#0b1520}}`;
// The page runs no script and loads nothing; its one style block is allowed by its hash.
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(lang: 'de' | 'en', heading: string, text: string, form = ''): string {
  const t = unsubscribePage(lang, null);
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(t.title)} – Cadia Support</title><style>${STYLE}</style></head>
<body><main><p class="brand">Cadia Support</p><h1>${esc(heading)}</h1><p>${esc(text)}</p>${form}</main></body></html>`;
}

export function unsubscribeRoutes(deps: Deps): Hono {
  const app = new Hono();

  const answer = (body: string, status: 200 | 400 | 410) =>
    new Response(body, {
      status,
      headers: {
        'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff',
      },
    });

  const refused = (check: Extract<LinkCheck, { ok: false }>, acceptLanguage: string | undefined) => {
    const t = unsubscribePage(pickLang(acceptLanguage), null);
    return check.reason === 'expired' ? answer(page(t.lang, t.expiredHeading, t.expiredText), 410) : answer(page(t.lang, t.invalidHeading, t.invalidText), 400);
  };

  app.get('/unsubscribe/:token', async (c) => {
    const check = await deps.mailLinks.check(c.req.param('token'), deps.clock.now());
    if (!check.ok) return refused(check, c.req.header('accept-language'));
    const t = unsubscribePage(check.link.lang, check.link.kind);
    // The form posts to this same URL (the token stays in the path, never in a body a proxy might log).
    const form = `<form method="post"><button type="submit">${esc(t.confirmButton)}</button></form>`;
    return answer(page(t.lang, t.confirmHeading, t.confirmText, form), 200);
  });

  app.post('/unsubscribe/:token', async (c) => {
    const check = await deps.mailLinks.check(c.req.param('token'), deps.clock.now());
    if (!check.ok) return refused(check, c.req.header('accept-language'));
    await unsubscribe(deps.db, check.link, deps.clock.now());
    const t = unsubscribePage(check.link.lang, check.link.kind);
    return answer(page(t.lang, t.doneHeading, t.doneText), 200);
  });

  return app;
}
