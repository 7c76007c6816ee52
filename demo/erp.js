// The ERP support window as the desktop program's webview shows it: the ERP knows the person and
// the context it was opened from, and hands both over. The person's token comes the way a real ERP
// gets it (docs/embedding.md, "The ERP"): the installation's key is exchanged at POST /v1/auth/token
// for a 15-minute token for the person at the keyboard (email + name), kept in memory only.
import { customerSignIn, demoPeople } from './people.js';

const provider = document.getElementById('provider');
const form = document.getElementById('form');
const list = document.getElementById('list');
const who = document.getElementById('who');
const langSelect = document.getElementById('lang');
const params = new URLSearchParams(location.search);

const texts = {
  de: { title: 'CadiaOFFICE Warenwirtschaft – Hilfe › Support anfordern', newTicket: 'Neues Ticket', who: 'Angemeldet' },
  en: { title: 'CadiaOFFICE Warenwirtschaft – Help › Request support', newTicket: 'New ticket', who: 'Signed in' },
};

function applyLang(lang) {
  provider.locale = lang;
  document.documentElement.lang = lang;
  const t = texts[lang];
  document.getElementById('wintitle').textContent = t.title;
  document.getElementById('new-ticket').textContent = t.newTicket;
  document.getElementById('who-label').textContent = t.who;
}

const postJson = async (url, body) => {
  const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${url} answered ${r.status}`);
  return r.json();
};

/**
 * The ERP's side. Its installation key comes with the installation (the vendor runs
 * `npm run admin -- key add <customer>`); the demo makes one for the chosen person's company.
 * A token is reused while it has more than a minute left.
 */
const erpTokens = new Map();
async function erpToken(sub) {
  const hit = erpTokens.get(sub);
  if (hit && Date.parse(hit.expiresAt) > Date.now() + 60_000) return hit.accessToken;
  // The key and the person's name and address at once: a real ERP has both at hand, so the demo's
  // stand-ins for them must not add a round trip each before the token.
  const [person, { key }] = await Promise.all([
    demoPeople().then((people) => people.find((p) => p.sub === sub)),
    postJson('/api/demo/installation-key', { person: sub }),
  ]);
  if (!person?.customer) throw new Error(`no demo customer person ${sub}`);
  const token = await postJson('/api/v1/auth/token', { key, email: person.email, name: person.name, locale: langSelect.value });
  erpTokens.set(sub, token);
  return token.accessToken;
}

customerSignIn({ provider, who, langSelect, params, applyLang, tokenOf: erpToken });

// What the ERP knows about where the customer was when they asked for help.
form.program = 'CadiaOFFICE Warenwirtschaft';
form.programVersion = '2026.3.1';
// The list shows a known problem of this version on top (issue 18: known-issue notices).
list.program = form.program;
list.programVersion = form.programVersion;
form.windowName = params.get('window') || 'Rechnungen › Rechnung erfassen';
if (params.get('error')) form.errorMessage = params.get('error');
// What the ERP knows about itself (in the desktop program: the bridge's `cadia:prefill` with
// `diagnostics`, see docs/embedding.md). The form shows all of it; it is sent only if the customer
// ticks the box.
form.diagnostics = {
  program: 'CadiaOFFICE Warenwirtschaft',
  programVersion: '2026.3.1 (Build 4711)',
  os: 'Windows 11 Pro 23H2 (x64), de-DE',
  database: 'Microsoft SQL Server 2019 (15.0.4355.3), Datenbank CADIA_MUELLER',
  log: [
    '2026-12-06 07:58:12 INFO  Rechnung RE-2026-0113 geöffnet',
    '2026-12-06 07:58:13 INFO  Druckauftrag 4711 an \\\\srv-druck\\Buero-HP',
    "2026-12-06 07:58:14 ERROR Zugriffsverletzung bei Adresse 0041A2F3 in Modul 'cadia.exe'",
  ].join('\n'),
  file: new File(['[Druck]\nDrucker=\\\\srv-druck\\Buero-HP\nVorschau=1\n'], 'cadia-druck.ini.txt', { type: 'text/plain' }),
};
if (params.get('ticket')) list.setAttribute('ticket-id', params.get('ticket'));

document.addEventListener('cadia-ticket-created', (e) => list.setAttribute('ticket-id', e.ticket.id));
