// The homepage demo: public shop; "log in" opens a cookie session for the person chosen in the
// header (an admin or a member of a demo customer): the page hands their JWT to POST /v1/session.
import { fillSwitcher, initialPerson, personLabel, tokenFor } from './people.js';

const provider = document.getElementById('provider');
const shop = document.getElementById('shop');
const badge = document.getElementById('badge');
const login = document.getElementById('login');
const logout = document.getElementById('logout');
const params = new URLSearchParams(location.search);

const lang = params.get('lang') === 'en' ? 'en' : 'de';
provider.locale = lang;
document.documentElement.lang = lang;
if (lang === 'en') {
  document.getElementById('title').textContent = 'Support packages';
  document.getElementById('lead').textContent = 'Buy support credit in advance and save. Without a package every started 10-minute unit is billed on its own.';
  login.textContent = 'Log in';
  logout.textContent = 'Log out';
  document.getElementById('person-label').textContent = 'Demo person';
  document.title = 'Cadia Software – Services';
  // The menu in English too, and its links keep the language (/erp and /agent read ?lang=en).
  const nav = document.querySelector('header.site nav');
  nav.setAttribute('aria-label', 'Main menu');
  const names = { '/': 'Services', '/erp': 'ERP support window', '/agent': 'Support team' };
  for (const a of nav.querySelectorAll('a')) {
    a.textContent = names[a.getAttribute('href')];
    a.href = `${a.getAttribute('href')}?lang=en`;
  }
}
const person = document.getElementById('person');
// The agent page's mail links name the customer the offer belongs to (?customer=negative: 10002).
const fallback = params.get('customer') === 'negative' ? 'demo-10002-admin' : 'demo-10001-admin';
void fillSwitcher(person, { current: initialPerson(params, fallback), lang, keep: (p) => p.role !== 'agent' });
// A mailed loyalty-offer link (?offer=…) opens the shop at that offer.
if (params.get('offer')) shop.setAttribute('offer-id', params.get('offer'));

async function session(method, body) {
  await fetch('/api/v1/session', { method, headers: { 'Content-Type': 'application/json' }, body: body && JSON.stringify(body), credentials: 'include' });
}
let wasLoggedIn;
async function showState() {
  // The session state, not /v1/me: signed out is an answer here, not a 401 in the console.
  const state = await (await fetch('/api/v1/session', { credentials: 'include' })).json();
  const loggedIn = state.signedIn;
  const changed = wasLoggedIn !== undefined && wasLoggedIn !== loggedIn;
  wasLoggedIn = loggedIn;
  badge.hidden = !loggedIn;
  login.hidden = loggedIn;
  person.hidden = loggedIn;
  logout.hidden = !loggedIn;
  const contact = loggedIn ? state.me?.contact : undefined;
  document.getElementById('account').textContent = contact ? personLabel({ ...contact, customer: state.me.customer.number }, lang) : '';
  // A fresh store when the session changed, so every widget reloads for it. Not on the first look:
  // the widgets are loading for this session already (and a linked offer keeps its focus).
  if (changed) provider.reset();
}
login.addEventListener('click', async () => {
  await session('POST', { token: await tokenFor(person.value) });
  await showState();
});
logout.addEventListener('click', async () => {
  await session('DELETE');
  await showState();
});
shop.addEventListener('cadia-login-required', () => login.focus());
void showState();
