// Badge to value: from this module's evaluation to the credit text in the shadow DOM.
//   ?v=sdk    <cadia-provider> + <cadia-credit-badge> from the built per-element entries
//   ?v=lit    a minimal Lit element that fetches /v1/me and renders the minutes (the baseline)
//   ?v=fetch  one bare fetch of the same endpoint (the floor: one round trip)
const t0 = performance.now();
import { until, report, fail, params } from './lib.js';
import { POS as token } from './tokens.js';
const host = document.getElementById('host');

async function run() {
  const v = params.get('v');
  if (v === 'fetch') {
    const me = await (await fetch('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } })).json();
    host.textContent = String(me.credit.minutes);
    return performance.now() - t0;
  }
  if (v === 'lit') {
    await import('/bench-build/lit-baseline.js');
    const el = document.createElement('bench-badge');
    el.token = token;
    host.append(el);
    return (await until([el.renderRoot], () => /\d/.test(el.renderRoot.querySelector('[part=value]')?.textContent ?? ''))) - t0;
  }
  await Promise.all([import('/dist/cdn/cadia-provider.js'), import('/dist/cdn/cadia-credit-badge.js')]);
  const provider = document.createElement('cadia-provider');
  provider.setAttribute('api-base', '/api');
  provider.token = token;
  const badge = document.createElement('cadia-credit-badge');
  provider.append(badge);
  host.append(provider);
  return (await until([badge.shadowRoot], () => /\d/.test(badge.shadowRoot.querySelector('[part=value]')?.textContent ?? ''))) - t0;
}

run().then((ms) => report({ ms }), fail);
