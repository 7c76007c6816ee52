// The ERP support window as the desktop program's webview shows it: the ERP knows the person (a
// short-lived token, kept in memory; a real ERP gets it for its installation key at
// POST /v1/auth/token, docs/embedding.md) and the context it was opened from, and hands both over.
import { customerSignIn } from './people.js';

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

customerSignIn({ provider, who, langSelect, params, applyLang });

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
