/**
 * The widgets in a React app through `@cadia/support-widgets/react`: properties as props (also the
 * `getToken` function), events as typed `onCadia…` props. Run against the reference backend:
 * `npm start`, then `npx vite examples/react` (proxies /api to it) — or see scripts/examples-test.mjs.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CadiaCreditBadge, CadiaPackageShop, CadiaProvider, CadiaTicketForm, CadiaTicketList } from '@cadia/support-widgets/react';

// A signed token for a demo admin from the reference backend's demo sign-in (outside production
// only). A real host's own server signs one for the person signed in (docs/embedding.md).
const getToken = async (): Promise<string> => {
  const r = await fetch('/api/demo/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ person: 'demo-10001-admin' }) });
  return ((await r.json()) as { token: string }).token;
};

function App() {
  const [locale, setLocale] = useState<'de' | 'en'>('de');
  const [ticketId, setTicketId] = useState('');
  const [log, setLog] = useState<string[]>([]);
  const note = (line: string) => setLog((l) => [...l, line]);

  return (
    <StrictMode>
      <header>
        <h1>Support</h1>
        <button type="button" onClick={() => setLocale(locale === 'de' ? 'en' : 'de')}>
          {locale === 'de' ? 'English' : 'Deutsch'}
        </button>
      </header>
      <CadiaProvider apiBase="/api" locale={locale} getToken={getToken} onCadiaLoginRequired={(e) => note(`login required: ${e.reason}`)}>
        <div className="row">
          <CadiaCreditBadge onCadiaOrderRequested={(e) => note(`order requested${e.offerId ? ` (offer ${e.offerId})` : ''}`)} />
          <CadiaPackageShop onCadiaOrderCompleted={(e) => note(`ordered ${e.order.id}: ${e.credit.minutes} min`)} />
        </div>
        <div className="row">
          <CadiaTicketForm
            program="CadiaOFFICE Warenwirtschaft"
            programVersion="2026.3.1"
            onCadiaTicketCreated={(e) => {
              note(`ticket created: ${e.ticket.number}`);
              setTicketId(e.ticket.id);
            }}
          />
          <CadiaTicketList
            ticketId={ticketId}
            onCadiaTicketSelect={(e) => {
              note(`ticket opened: ${e.ticketId}`);
              setTicketId(e.ticketId);
            }}
          />
        </div>
      </CadiaProvider>
      <h2>{locale === 'de' ? 'Ereignisse' : 'Events'}</h2>
      <ol aria-label="events">
        {log.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </StrictMode>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
