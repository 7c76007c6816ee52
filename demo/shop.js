// The badge + shop demo page (demo/shop.html): state by URL, see the comment there.
// Runs before the widgets are defined (module scripts run in order), so the first store already has the token.
const params = new URLSearchParams(location.search);
const provider = document.getElementById('provider');
const token = params.get('token') ?? 'positive';
const lang = params.get('lang') === 'en' ? 'en' : 'de';
document.documentElement.lang = lang;
provider.locale = lang;
if (token !== 'none') provider.token = `demo-${token}`;
// The mailed link's ?offer=<id> is handed to the shop as offer-id.
const offer = params.get('offer');
if (offer) document.getElementById('shop').setAttribute('offer-id', offer);
const theme = params.get('theme');
if (theme) for (const el of document.querySelectorAll('cadia-credit-badge, cadia-package-shop')) el.setAttribute('theme', theme);
if (params.get('shop-href')) for (const b of document.querySelectorAll('cadia-credit-badge')) b.setAttribute('shop-href', params.get('shop-href'));
