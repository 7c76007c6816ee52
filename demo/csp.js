import { tokenFor } from './people.js';

// The script of the embedding test pages (/csp with a strict Content Security Policy, /hostile with
// hostile global CSS): the widgets come as one module file (/dist/cadia-widgets.js, loaded after this
// one); this file only configures them, nothing is inline. It counts CSP violations and shows them.
// Properties set before the elements upgrade are picked up by Lit when they do.
const violations = [];
const report = document.getElementById('csp-report');
const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'de';

function showReport() {
  if (!report) return;
  const label = lang === 'en' ? 'CSP violations' : 'Verstöße gegen die CSP';
  report.textContent = `${label}: ${violations.length}` + violations.map((v) => ` · ${v}`).join('');
}
document.addEventListener('securitypolicyviolation', (e) => {
  violations.push(`${e.effectiveDirective} ${e.blockedURI || ''}`.trim());
  showReport();
});

const provider = document.getElementById('provider');
provider.locale = lang;
document.documentElement.lang = lang;
const person = params.get('person') ?? 'demo-10001-admin';
provider.getToken = () => tokenFor(person);
document.getElementById('form').program = 'CadiaOFFICE Warenwirtschaft';

const english = {
  title: document.getElementById('csp-report') ? 'Strict Content Security Policy' : 'Hostile global CSS',
  lead: document.getElementById('csp-report')
    ? 'This page allows scripts and styles from its own origin only, no eval, and requires Trusted Types.'
    : 'The page is styled broken; the widgets are not.',
  'h-form': 'New ticket',
};
if (lang === 'en') {
  for (const [id, text] of Object.entries(english)) {
    const el = document.getElementById(id);
    if (el) el.textContent = text;
  }
}
showReport();
