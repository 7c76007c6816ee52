// The homepage demo: public shop; "log in" opens a cookie session as the demo customer.
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
  login.textContent = 'Log in as demo customer';
  logout.textContent = 'Log out';
}
const customer = document.getElementById('customer');
// The agent page's mail links name the customer the offer belongs to.
customer.value = params.get('customer') === 'negative' ? 'demo-negative' : 'demo-positive';
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
  customer.hidden = loggedIn;
  logout.hidden = !loggedIn;
  document.getElementById('account').textContent = loggedIn ? state.me.customer.name : '';
  // A fresh store when the session changed, so every widget reloads for it. Not on the first look:
  // the widgets are loading for this session already (and a linked offer keeps its focus).
  if (changed) provider.reset();
}
login.addEventListener('click', async () => {
  await session('POST', { token: customer.value });
  await showState();
});
logout.addEventListener('click', async () => {
  await session('DELETE');
  await showState();
});
shop.addEventListener('cadia-login-required', () => login.focus());
void showState();
