// The customer portal's account page (/account): which demo customer and language, as on /erp.
const provider = document.getElementById('provider');
const who = document.getElementById('who');
const langSelect = document.getElementById('lang');
const params = new URLSearchParams(location.search);

const texts = {
  de: { title: 'Kundenportal › Supportguthaben', who: 'Kunde' },
  en: { title: 'Customer portal › Support credit', who: 'Customer' },
};

function applyLang(lang) {
  provider.locale = lang;
  document.documentElement.lang = lang;
  document.getElementById('wintitle').textContent = texts[lang].title;
  document.getElementById('who-label').textContent = texts[lang].who;
}

who.value = params.get('token') === 'demo-negative' ? 'demo-negative' : 'demo-positive';
langSelect.value = params.get('lang') === 'en' ? 'en' : 'de';
provider.token = who.value;
applyLang(langSelect.value);
who.addEventListener('change', () => (provider.token = who.value));
langSelect.addEventListener('change', () => applyLang(langSelect.value));
