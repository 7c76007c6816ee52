// The support-agent demo: answer tickets, book time, reclassify, trigger a licence renewal —
// and watch the customer's widgets (ERP page) change live. Plain DOM; all server text as text.
const TOKEN = 'demo-agent';
const $ = (id) => document.getElementById(id);
let selected = null;

const STATUS = { new: 'neu', in_progress: 'in Bearbeitung', waiting_for_customer: 'wartet auf Kunde', closed: 'geschlossen' };
const CATEGORY = { concern: 'Anliegen', feature: 'Programmerweiterung', bug: 'Programmfehler', user_error: 'Anwenderfehler', training: 'Schulung', error_handling: 'Fehlerbehandlung' };

async function api(path, options = {}) {
  const r = await fetch(`/api/v1${path}`, {
    ...options,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), ...options.headers },
    body: options.json ? JSON.stringify(options.json) : undefined,
  });
  const body = r.status === 204 ? null : await r.json().catch(() => null);
  if (!r.ok) throw new Error(body?.detail || body?.title || `HTTP ${r.status}`);
  return body;
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const c of children) e.append(c);
  return e;
}
const minutes = (m) => `${m < 0 ? '−' : ''}${Math.floor(Math.abs(m) / 60)} Std. ${Math.abs(m) % 60} Min.`;
const when = (iso) => new Date(iso).toLocaleString('de-DE', { dateStyle: 'short', timeStyle: 'short' });

function say(text) {
  $('agent-status').textContent = text;
}

async function loadQueue() {
  const status = $('filter').value;
  const { items } = await api(`/agent/tickets${status ? `?status=${status}` : ''}`);
  $('tickets').replaceChildren(
    ...items.map((t) => {
      const row = el('tr', { className: t.id === selected ? 'selected' : '', tabIndex: 0 },
        el('td', { textContent: t.number }),
        el('td', { textContent: t.customer?.name ?? '' }),
        el('td', { textContent: `${t.urgency === 'urgent' ? '⚠ ' : ''}${t.subject}` }),
        el('td', { textContent: STATUS[t.status] ?? t.status }));
      const open = () => void select(t.id);
      row.addEventListener('click', open);
      row.addEventListener('keydown', (e) => e.key === 'Enter' && open());
      return row;
    }),
  );
}

async function loadCustomers() {
  const { items } = await api('/agent/customers');
  $('customers').replaceChildren(
    ...items.map((c) => {
      const renew = el('button', { className: 'demo secondary', type: 'button', textContent: 'Lizenz verlängern' });
      renew.addEventListener('click', async () => {
        try {
          await api(`/agent/customers/${c.number}/renewal`, { method: 'POST', json: {} });
          say(`Treueangebot für ${c.name} ausgestellt und gemailt.`);
        } catch (e) {
          say(`Nicht möglich: ${e.message}`);
        }
        await refresh();
      });
      return el('tr', {}, el('td', { textContent: c.number }), el('td', { textContent: c.name }),
        el('td', { textContent: minutes(c.credit?.minutes ?? c.creditMinutes ?? 0) }), el('td', {}, renew));
    }),
  );
}

async function loadOutbox() {
  const { items } = await api('/agent/outbox');
  $('outbox').replaceChildren(
    ...items.slice(0, 6).map((m) =>
      el('div', { className: 'msg' },
        el('div', { className: 'meta', textContent: `${when(m.createdAt)} · an ${m.to}${m.cc ? `, cc ${m.cc}` : ''}` }),
        el('strong', { textContent: m.subject }), el('div', { textContent: m.body }))),
  );
}

async function select(id) {
  selected = id;
  const t = await api(`/agent/tickets/${id}`);
  const b = t.billing;
  $('detail').replaceChildren(
    el('p', {}, el('strong', { textContent: `${t.number} · ${t.subject}` })),
    el('p', { className: 'muted', textContent: `${t.customer?.name ?? ''} · ${CATEGORY[t.category] ?? t.category} · ${STATUS[t.status]}${t.urgency === 'urgent' ? ' · dringend' : ''}` }),
    el('p', { textContent: t.description }),
    el('p', { className: 'muted', textContent: `Gebucht ${b.bookedMinutes} Min. · berechnet ${b.chargedMinutes} Min. · kostenlos ${b.freeMinutes} Min.` }),
    ...t.messages.map((m) =>
      el('div', { className: `msg ${m.author}` }, el('div', { className: 'meta', textContent: `${m.authorName} · ${when(m.createdAt)}` }), el('div', { textContent: m.body }))),
  );
  $('actions').hidden = false;
  $('reclassify').hidden = t.category !== 'bug';
  await loadQueue();
}

async function refresh() {
  await Promise.all([loadQueue(), loadCustomers(), loadOutbox()]);
}

function onSubmit(id, action) {
  $(id).addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!selected) return;
    const data = Object.fromEntries(new FormData(e.target));
    try {
      say(await action(data));
      e.target.reset?.();
      await select(selected);
      await refresh();
    } catch (err) {
      say(`Fehler: ${err.message}`);
    }
  });
}

onSubmit('reply', async (d) => {
  await api(`/agent/tickets/${selected}/messages`, { method: 'POST', json: { body: d.body, status: d.status } });
  return 'Antwort gesendet – der Kunde sieht sie sofort im ERP-Fenster.';
});
onSubmit('time', async (d) => {
  const json = { minutes: Number(d.minutes), note: d.note };
  if (d.billable) json.billable = d.billable === 'true';
  await api(`/agent/tickets/${selected}/time`, { method: 'POST', json });
  return `${d.minutes} Min. gebucht – das Guthaben des Kunden ist angepasst.`;
});
onSubmit('reclassify', async (d) => {
  await api(`/agent/tickets/${selected}/reclassify`, { method: 'POST', json: { category: d.category } });
  return 'Umklassifiziert: der Aufwand wird jetzt berechnet.';
});
$('filter').addEventListener('change', () => void loadQueue());

await refresh();
// New tickets from customers appear without a reload.
setInterval(() => void refresh().catch(() => undefined), 5000);
