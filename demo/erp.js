// The ERP support window as the desktop program's webview shows it: the ERP knows the customer
// (a bearer token, kept in memory) and the context it was opened from, and hands both over.
const provider = document.getElementById('provider');
const form = document.getElementById('form');
const list = document.getElementById('list');
const who = document.getElementById('who');
const langSelect = document.getElementById('lang');
const params = new URLSearchParams(location.search);

const texts = {
  de: { title: 'CadiaOFFICE Warenwirtschaft – Hilfe › Support anfordern', newTicket: 'Neues Ticket', who: 'Kunde' },
  en: { title: 'CadiaOFFICE Warenwirtschaft – Help › Request support', newTicket: 'New ticket', who: 'Customer' },
};

function applyLang(lang) {
  provider.locale = lang;
  document.documentElement.lang = lang;
  const t = texts[lang];
  document.getElementById('wintitle').textContent = t.title;
  document.getElementById('new-ticket').textContent = t.newTicket;
  document.getElementById('who-label').textContent = t.who;
}

who.value = params.get('token') === 'demo-negative' ? 'demo-negative' : 'demo-positive';
langSelect.value = params.get('lang') === 'en' ? 'en' : 'de';
provider.token = who.value;
applyLang(langSelect.value);

// What the ERP knows about where the customer was when they asked for help.
form.program = 'CadiaOFFICE Warenwirtschaft';
form.programVersion = '2026.3.1';
form.windowName = params.get('window') || 'Rechnungen › Rechnung erfassen';
if (params.get('error')) form.errorMessage = params.get('error');
if (params.get('ticket')) list.setAttribute('ticket-id', params.get('ticket'));

// Properties set before the elements are defined are picked up when they upgrade, so the very
// first request already carries the token: the SDK's script comes after this one in erp.html.
who.addEventListener('change', () => (provider.token = who.value));
langSelect.addEventListener('change', () => applyLang(langSelect.value));
document.addEventListener('cadia-ticket-created', (e) => list.setAttribute('ticket-id', e.ticket.id));
