// The support desk's demo page: who is signed in, and in which language. Until the identity work
// lands, the agent signs in with the demo bearer token; this `getToken` is the one seam to change.
const provider = document.getElementById('provider');
const lang = document.getElementById('lang');
const params = new URLSearchParams(location.search);

provider.getToken = () => 'demo-agent';

const texts = {
  de: { brand: 'Cadia Support-Team (Demo)', erp: 'ERP-Supportfenster', title: 'Cadia Support-Desk' },
  en: { brand: 'Cadia support team (demo)', erp: 'ERP support window', title: 'Cadia support desk' },
};

function applyLang(value) {
  provider.locale = value;
  document.documentElement.lang = value;
  const t = texts[value];
  document.title = t.title;
  document.getElementById('brand').textContent = t.brand;
  document.getElementById('erp-link').textContent = t.erp;
}
lang.value = params.get('lang') === 'en' ? 'en' : 'de';
applyLang(lang.value);
lang.addEventListener('change', () => applyLang(lang.value));
