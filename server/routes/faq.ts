/** FAQ suggestions while a bug is described ("siehe auch FAQ"). Public. */
import { Hono } from 'hono';
import type { AppEnv } from '../auth.js';
import type { Deps } from '../deps.js';
import type { FaqArticle } from '../types.js';

interface FaqRow { id: string; title: string; body: string; url: string }

const MAX_RESULTS = 5;

// Words that say nothing about the problem; without this "druckt nicht" would match every "nicht".
const STOP_WORDS = new Set([
  'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'und', 'oder', 'nicht', 'kein', 'keine', 'mit',
  'bei', 'von', 'vom', 'zum', 'zur', 'auf', 'aus', 'für', 'ist', 'sind', 'wird', 'werden', 'wie', 'was', 'wenn', 'nach', 'noch',
  'mehr', 'sich', 'ich', 'wir', 'sie', 'mein', 'unser', 'the', 'and', 'not', 'does', 'with', 'for', 'after', 'when',
]);

/**
 * Lower-case words of 3+ letters without stop words, cut to a crude stem (drop up to three final
 * letters, keep at least five) so "Drucker" and "druckt" both find "Druck".
 */
export function searchTerms(q: string): string[] {
  const words = q.toLocaleLowerCase('de').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && !STOP_WORDS.has(w));
  return [...new Set(words.map((w) => (w.length > 5 ? w.slice(0, Math.max(5, w.length - 3)) : w)))];
}

export function faqRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/faq', async (c) => {
    const terms = searchTerms((c.req.query('q') ?? '').slice(0, 200));
    if (terms.length === 0) return c.json({ items: [] });
    const rows: FaqRow[] = await deps.db.selectFrom('faq_articles').selectAll().orderBy('id').execute();
    const scored = rows
      .map((r) => {
        const title = r.title.toLocaleLowerCase('de');
        const body = r.body.toLocaleLowerCase('de');
        // A hit in the title says more about relevance than one in the body.
        const score = terms.reduce((s, t) => s + (title.includes(t) ? 3 : 0) + (body.includes(t) ? 1 : 0), 0);
        return { r, score };
      })
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || a.r.id.localeCompare(b.r.id))
      .slice(0, MAX_RESULTS);
    const items: FaqArticle[] = scored.map(({ r }) => ({
      id: r.id,
      title: r.title,
      excerpt: r.body.length > 160 ? `${r.body.slice(0, 157).trimEnd()}…` : r.body,
      url: r.url,
    }));
    return c.json({ items });
  });

  return app;
}
