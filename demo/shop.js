import { tokenFor } from './people.js';

// The badge + shop demo page (demo/shop.html): state by URL, see the comment there.
// Runs before the widgets are defined (module scripts run in order), so the first store already has the token.
const params = new URLSearchParams(location.search);
const provider = document.getElementById('provider');
const person = params.get('person') ?? 'demo-10001-admin';
const lang = params.get('lang') === 'en' ? 'en' : 'de';
document.documentElement.lang = lang;
provider.locale = lang;
if (person !== 'none') provider.getToken = () => tokenFor(person);
// The mailed link's ?offer=<id> is handed to the shop as offer-id.
const offer = params.get('offer');
if (offer) document.getElementById('shop').setAttribute('offer-id', offer);
const theme = params.get('theme');
if (theme) for (const el of document.querySelectorAll('cadia-credit-badge, cadia-package-shop')) el.setAttribute('theme', theme);
if (params.get('shop-href')) for (const b of document.querySelectorAll('cadia-credit-badge')) b.setAttribute('shop-href', params.get('shop-href'));
