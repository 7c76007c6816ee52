// The demo's sign-in, as a host would have it: the backend's demo route (it exists outside
// production only) signs a short-lived JWT for the chosen demo person — what a host's own server
// does for the person using its page (docs/embedding.md). The person switcher in each page's
// header picks who that is: an admin or a member of a demo customer, or the support agent.

const ROLE = {
  de: { admin: 'Administrator', member: 'Mitarbeiter', agent: 'Support-Team' },
  en: { admin: 'administrator', member: 'member', agent: 'support team' },
};

/** The person a page starts as: `?person=<sub>` or the first demo customer's admin. */
export const initialPerson = (params, fallback = 'demo-10001-admin') => params.get('person') || fallback;

let people;
/** The demo people (served from the seed, so names live in one place). */
export function demoPeople() {
  people ??= fetch('/api/demo/people').then((r) => r.json()).then((b) => b.items);
  return people;
}

const cache = new Map();
/** The person's token; a cached one is reused while it has more than a minute left. */
export async function tokenFor(sub) {
  const hit = cache.get(sub);
  if (hit && hit.exp * 1000 > Date.now() + 60_000) return hit.token;
  const r = await fetch('/api/demo/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ person: sub }) });
  if (!r.ok) throw new Error(`demo sign-in refused (${r.status})`);
  const { token } = await r.json();
  const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  cache.set(sub, { token, exp: payload.exp });
  return token;
}

/** "Petra Müller · 10001 · Administrator". */
export const personLabel = (p, lang) => [p.name, p.customer, ROLE[lang][p.role]].filter(Boolean).join(' · ');

/** Fills the header's person switcher with the people `keep` accepts and selects `current`. */
export async function fillSwitcher(select, { current, lang, keep = () => true }) {
  const list = (await demoPeople()).filter(keep);
  select.replaceChildren(...list.map((p) => {
    const o = document.createElement('option');
    o.value = p.sub;
    o.textContent = personLabel(p, lang);
    return o;
  }));
  select.value = list.some((p) => p.sub === current) ? current : (list[0]?.sub ?? '');
  return list;
}

/**
 * A customer page's sign-in, as /erp and /account have it: the provider asks the demo sign-in for
 * the person chosen in the header's switcher (`?person=` or the first customer's admin); a change
 * of person or language is applied at once. `applyLang(lang)` sets the page's own texts.
 * `tokenOf(sub)`: how the page gets the person's token (default: the host's way, the demo sign-in;
 * /erp passes the ERP's way, an installation key exchanged at POST /v1/auth/token).
 */
export function customerSignIn({ provider, who, langSelect, params, applyLang, tokenOf = tokenFor }) {
  const customersOnly = (p) => p.role !== 'agent';
  langSelect.value = params.get('lang') === 'en' ? 'en' : 'de';
  let person = initialPerson(params);
  // Set before the SDK defines the elements (the pages load it after their script), so the first
  // request already asks for this person's token.
  provider.getToken = () => tokenOf(person);
  applyLang(langSelect.value);
  void fillSwitcher(who, { current: person, lang: langSelect.value, keep: customersOnly });
  who.addEventListener('change', () => {
    person = who.value;
    provider.getToken = () => tokenOf(person);
  });
  langSelect.addEventListener('change', () => {
    applyLang(langSelect.value);
    void fillSwitcher(who, { current: person, lang: langSelect.value, keep: customersOnly });
  });
}
