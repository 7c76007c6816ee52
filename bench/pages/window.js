// The whole support window: badge, ticket form, ticket list and package shop under one provider,
// from the all-in-one build. Reports when every widget shows its content (nothing busy, no
// skeleton). ?v=fetch is the floor: the same four resources fetched in parallel with bare fetch
// calls, and the numbers written into the page.
const t0 = performance.now();
// Marks in a trace where the page's own work starts (scripts/bench.mjs: longest task once the script runs).
console.timeStamp('bench-start');
import { until, report, fail, params } from './lib.js';
import { POS } from './tokens.js';

const host = document.getElementById('host');
const TAGS = ['cadia-credit-badge', 'cadia-ticket-form', 'cadia-ticket-list', 'cadia-package-shop'];

/** Shown: rendered something, and nothing in it is loading. */
const settled = (el) => {
  const root = el.shadowRoot;
  return !!root && root.childElementCount > 0 && !root.querySelector('[aria-busy=true], .skeleton');
};

async function run() {
  if (params.get('v') === 'fetch') {
    const get = async (path) => (await fetch(`/api/v1/${path}`, { headers: { Authorization: `Bearer ${POS}` } })).json();
    const [me, offers, tickets, packages] = await Promise.all(['me', 'offers', 'tickets', 'packages'].map(get));
    host.textContent = `${me.credit.minutes} ${offers.items.length} ${tickets.items.length} ${packages.items?.length ?? 0}`;
    return { ms: performance.now() - t0 };
  }
  await import('/dist/cadia-widgets.js');
  const provider = document.createElement('cadia-provider');
  provider.setAttribute('api-base', '/api');
  provider.token = POS;
  const els = TAGS.map((t) => document.createElement(t));
  provider.append(...els);
  host.append(provider);
  const ms = (await until(els.map((e) => e.shadowRoot), () => els.every(settled))) - t0;
  return { ms };
}

run().then(report, fail);
