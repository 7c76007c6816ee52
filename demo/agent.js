// The support desk's demo page: who is signed in, and in which language. The agent signs in
// through the demo sign-in (demo/people.js) as the demo's support agent: a role `agent` JWT.
import { demoPeople, personLabel, tokenFor } from './people.js';

const provider = document.getElementById('provider');
const lang = document.getElementById('lang');
const params = new URLSearchParams(location.search);
const AGENT = 'demo-agent';

provider.getToken = () => tokenFor(AGENT);

const texts = {
  de: { brand: 'Cadia Support-Team (Demo)', erp: 'ERP-Supportfenster', title: 'Cadia Support-Desk' },
  en: { brand: 'Cadia support team (demo)', erp: 'ERP support window', title: 'Cadia support desk' },
};

async function showAgent(value) {
  const agent = (await demoPeople()).find((p) => p.sub === AGENT);
  if (agent) document.getElementById('who').textContent = personLabel(agent, value);
}
function applyLang(value) {
  provider.locale = value;
  document.documentElement.lang = value;
  const t = texts[value];
  document.title = t.title;
  document.getElementById('brand').textContent = t.brand;
  document.getElementById('erp-link').textContent = t.erp;
  void showAgent(value);
}
lang.value = params.get('lang') === 'en' ? 'en' : 'de';
applyLang(lang.value);
lang.addEventListener('change', () => applyLang(lang.value));
