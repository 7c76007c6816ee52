// <cadia-ticket-list> alone, for screenshots and a quick look: ?person=demo-10002-admin&lang=en&ticket=<id>&theme=dark
// Runs before the SDK (the next script in ticket-list.html): the first request carries the token.
import { tokenFor } from './people.js';


const params = new URLSearchParams(location.search);
const provider = document.getElementById('provider');
const list = document.getElementById('list');
const lang = params.get('lang') === 'en' ? 'en' : 'de';
document.documentElement.lang = lang;
provider.locale = lang;
const person = params.get('person') ?? 'demo-10001-admin';
provider.getToken = () => tokenFor(person);
if (params.get('ticket')) list.setAttribute('ticket-id', params.get('ticket'));
if (params.get('theme')) list.setAttribute('theme', params.get('theme'));
if (params.get('page-size')) list.setAttribute('page-size', params.get('page-size'));
