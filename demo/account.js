// The customer portal's account page (/account): who is signed in and the language, as on /erp —
// the person's token comes from the demo sign-in (demo/people.js), as a host's own server signs it.
import { customerSignIn } from './people.js';

const provider = document.getElementById('provider');
const who = document.getElementById('who');
const langSelect = document.getElementById('lang');
const params = new URLSearchParams(location.search);

const texts = {
  de: { title: 'Kundenportal › Supportguthaben', who: 'Angemeldet' },
  en: { title: 'Customer portal › Support credit', who: 'Signed in' },
};

function applyLang(lang) {
  provider.locale = lang;
  document.documentElement.lang = lang;
  document.getElementById('wintitle').textContent = texts[lang].title;
  document.getElementById('who-label').textContent = texts[lang].who;
}

customerSignIn({ provider, who, langSelect, params, applyLang });
