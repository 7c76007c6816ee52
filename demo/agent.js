// The support-agent demo: answer tickets, book time, reclassify, trigger a licence renewal —
// and watch the customer's widgets (ERP page) change live. Plain DOM; all server text as text.
const TOKEN = 'demo-agent';
// Demo only: which demo login shows a customer's own view (ERP window, homepage shop).
const DEMO_CUSTOMER = { 10001: { token: 'demo-positive', home: 'positive' }, 10002: { token: 'demo-negative', home: 'negative' } };
const $ = (id) => document.getElementById(id);
let selected = null;
let customers = [];

const STATUS = { new: 'neu', in_progress: 'in Bearbeitung', waiting_for_customer: 'wartet auf Kunde', closed: 'geschlossen' };
const CATEGORY = { concern: 'Anliegen', feature: 'Programmerweiterung', bug: 'Programmfehler', user_error: 'Anwenderfehler', training: 'Schulung', error_handling: 'Fehlerbehandlung' };

class ApiError extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `HTTP ${status}`);
    this.status = status;
    this.code = body?.code;
  }
}

async function api(path, options = {}) {
  const r = await fetch(`/api/v1${path}`, {
    ...options,
    headers: {
      Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json',
      ...(options.key ? { 'Idempotency-Key': options.key } : {}), ...options.headers,
    },
    body: options.json ? JSON.stringify(options.json) : undefined,
  });
  const body = r.status === 204 ? null : await r.json().catch(() => null);
  if (!r.ok) throw new ApiError(r.status, body);
  return body;
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(e, rest);
  Object.assign(e.dataset, dataset);
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

/** "2 Std. 30 Min.", "40 Min.", "−1 Std. 10 Min." — as the badge writes it. */
function minutes(m) {
  const abs = Math.abs(m);
  const h = Math.floor(abs / 60);
  const min = abs % 60;
  const parts = [h ? `${h} Std.` : '', min || !h ? `${min} Min.` : ''].filter(Boolean);
  return `${m < 0 ? '−' : ''}${parts.join(' ')}`;
}
const euros = (money) => (money.amount / 100).toLocaleString('de-DE', { style: 'currency', currency: money.currency });
const when = (iso) => new Date(iso).toLocaleString('de-DE', { dateStyle: 'short', timeStyle: 'short' });
const day = (iso) => new Date(iso).toLocaleDateString('de-DE', { dateStyle: 'medium' });
const creditCell = (m) => el('td', { className: `num${m < 0 ? ' negative' : ''}`, textContent: minutes(m) });

function say(text, isError = false) {
  $('agent-status').textContent = text;
  $('agent-status').classList.toggle('error', isError);
}

/** The 5-second refresh must not replace what someone is using (focus, a pressed button): only changed lists are redrawn. */
const drawn = new Map();
function redrawIfChanged(key, data, draw) {
  const json = JSON.stringify(data);
  if (drawn.get(key) === json) return;
  drawn.set(key, json);
  draw();
}

async function loadQueue() {
  const status = $('filter').value;
  const { items } = await api(`/agent/tickets${status ? `?status=${status}&limit=100` : '?limit=100'}`);
  redrawIfChanged('queue', [items, selected], () =>
    $('tickets').replaceChildren(
      ...items.map((t) => {
        const row = el('tr', { className: t.id === selected ? 'selected' : '', tabIndex: 0 },
          el('td', { className: 'nr', textContent: t.number }),
          el('td', { className: 'subject' },
            el('span', { textContent: `${t.urgency === 'urgent' ? '⚠ ' : ''}${t.subject}` }),
            el('span', { className: 'who', textContent: `${t.customer?.name ?? ''} · ${CATEGORY[t.category] ?? t.category}` })),
          el('td', { className: 'status', textContent: STATUS[t.status] ?? t.status }));
        if (t.id === selected) row.setAttribute('aria-current', 'true');
        const open = () => {
          say(''); // the last action's message belonged to another ticket
          void select(t.id);
        };
        row.addEventListener('click', open);
        row.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            open();
          }
        });
        return row;
      }),
    ));
}

async function renew(c) {
  try {
    const { offer } = await api(`/agent/customers/${c.number}/renewal`, { method: 'POST', json: {} });
    say(`Lizenz von ${c.name} verlängert: „${offer.name}“ für ${euros(offer.price)} statt ${euros(offer.regularPrice)} ausgestellt, gültig bis ${day(offer.expiresAt)} und an ${c.email} gemailt (siehe E-Mail-Ausgang).`);
  } catch (e) {
    if (e.code === 'offer_open') say(`Lizenz von ${c.name} verlängert – aber kein neues Treueangebot: Es ist noch eines offen, und es gibt immer nur eines zur Zeit.`);
    else say(`Nicht möglich: ${e.message}`, true);
  }
  await refresh();
}

async function loadCustomers() {
  const { items } = await api('/agent/customers');
  customers = items;
  redrawIfChanged('customers', items, () =>
    $('customers').replaceChildren(
      ...items.map((c) => {
        const renewButton = el('button', { className: 'demo secondary', type: 'button', textContent: 'Lizenz verlängern' });
        renewButton.setAttribute('aria-label', `Lizenz von ${c.name} verlängern`);
        renewButton.addEventListener('click', () => void renew(c));
        return el('tr', {},
          el('td', { className: 'name' }, el('span', { textContent: c.name }), el('span', { className: 'who', textContent: ` (${c.number})` })),
          creditCell(c.credit.minutes),
          el('td', { className: 'offer', textContent: c.openOfferId ? 'Treueangebot offen' : 'kein Treueangebot offen' }),
          el('td', { className: 'action' }, renewButton));
      }),
    ));
}

/** Mail text with its links clickable. A shop link opens the homepage logged in as that customer (demo login). */
function mailBody(m) {
  const body = el('div');
  const customer = customers.find((c) => c.email === m.to);
  let last = 0;
  for (const match of m.body.matchAll(/https?:\/\/\S+/g)) {
    body.append(m.body.slice(last, match.index));
    const href = new URL(match[0]);
    const demo = customer && DEMO_CUSTOMER[customer.number];
    if (demo && href.searchParams.has('offer')) href.searchParams.set('customer', demo.home);
    body.append(el('a', { href: href.pathname + href.search, target: '_blank', rel: 'noopener', textContent: match[0] }));
    last = match.index + match[0].length;
  }
  body.append(m.body.slice(last));
  return body;
}

/** Delivery state: the relay retries with pauses and gives up after 5 attempts — then it shows here. */
function mailState(m) {
  if (m.status === 'sent') return el('div', { className: 'meta', textContent: `zugestellt ${when(m.sentAt)}` });
  if (m.status === 'failed') {
    return el('div', { className: 'mail-failed', role: 'status', textContent: `Zustellung fehlgeschlagen nach ${m.attempts} Versuchen: ${m.error ?? ''}` });
  }
  return el('div', { className: 'meta', textContent: m.attempts ? `in Warteschlange – ${m.attempts}. Versuch fehlgeschlagen: ${m.error ?? ''}` : 'in Warteschlange' });
}

async function loadOutbox() {
  const { items } = await api('/agent/outbox');
  redrawIfChanged('outbox', [items, customers.map((c) => c.email)], () =>
    $('outbox').replaceChildren(
      ...(items.length
        ? items.slice(0, 8).map((m) =>
            el('div', { className: 'msg' },
              el('div', { className: 'meta', textContent: `${when(m.createdAt)} · an ${m.to}${m.cc.length ? `, cc ${m.cc.join(', ')}` : ''}` }),
              mailState(m),
              el('strong', { textContent: m.subject }),
              mailBody(m)))
        : [el('p', { className: 'muted', textContent: 'Noch keine E-Mails. Buchen Sie Zeit, antworten Sie oder verlängern Sie eine Lizenz.' })]),
    ));
}

function renderLedger(t) {
  if (!t.timeEntries.length) return el('p', { className: 'muted', textContent: 'Noch keine Zeit gebucht.' });
  const b = t.billing;
  return el('div', {},
    el('table', { className: 'ledger' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', textContent: 'Datum' }), el('th', { scope: 'col', className: 'end', textContent: 'Gebucht' }),
        el('th', { scope: 'col', textContent: 'Abrechnung' }), el('th', { scope: 'col', className: 'end', textContent: 'Berechnet' }),
        el('th', { scope: 'col', textContent: 'Notiz' }))),
      el('tbody', {}, ...t.timeEntries.map((e) => el('tr', {},
        el('td', { className: 'nowrap', textContent: day(e.date) }),
        el('td', { className: 'num end', textContent: minutes(e.minutes), dataset: { label: 'Gebucht' } }),
        el('td', {}, el('span', { className: 'kind', textContent: e.billable ? 'berechnet' : 'kostenlos' })),
        el('td', { className: 'num end', textContent: e.billable ? minutes(e.chargedMinutes) : '–', dataset: { label: 'Berechnet' } }),
        el('td', { className: 'note', textContent: e.note })))),
    ),
    el('p', { className: 'totals', textContent: [
      `Gebucht ${minutes(b.bookedMinutes)}`,
      `kostenlos ${minutes(b.freeMinutes)}`,
      `berechnet ${minutes(b.chargedMinutes)} (vom Guthaben ${minutes(b.fromCreditMinutes)})`,
      ...(b.uncoveredMinutes > 0 ? [`nicht gedeckt ${minutes(b.uncoveredMinutes)} = ${euros(b.owed)} offen`] : []),
    ].join(' · ') }));
}

async function select(id) {
  selected = id;
  const t = await api(`/agent/tickets/${id}`);
  const demo = DEMO_CUSTOMER[t.customer.number];
  const customerView = demo
    ? el('a', { href: `/erp?token=${demo.token}&ticket=${encodeURIComponent(t.id)}`, target: '_blank', rel: 'noopener', textContent: 'So sieht es der Kunde (ERP-Fenster, neues Fenster)' })
    : null;
  $('detail').replaceChildren(
    el('p', {}, el('strong', { textContent: `${t.number} · ${t.subject}` })),
    el('p', { className: 'muted', textContent: `${t.customer.name} · ${CATEGORY[t.category] ?? t.category}${t.originalCategory ? ` (gemeldet als ${CATEGORY[t.originalCategory]})` : ''} · ${STATUS[t.status]}${t.urgency === 'urgent' ? ' · dringend' : ''}` }),
    el('p', {}, 'Guthaben des Kunden: ', el('strong', { className: t.credit.minutes < 0 ? 'negative' : '', textContent: minutes(t.credit.minutes) })),
    customerView && el('p', {}, customerView),
    el('p', { textContent: t.description }),
    renderLedger(t),
    ...t.messages.map((m) =>
      el('div', { className: `msg ${m.author} ${m.kind}` }, el('div', { className: 'meta', textContent: `${m.authorName} · ${when(m.createdAt)}` }), el('div', { textContent: m.body }))),
  );
  $('actions').hidden = false;
  const isBug = t.category === 'bug';
  $('reclassify').hidden = !isBug;
  if (isBug) {
    $('reclassify-hint').textContent = t.billing.freeMinutes
      ? `Die bisher kostenlos gebuchten ${minutes(t.billing.freeMinutes)} werden dann berechnet (je angefangene 10 Minuten) und vom Guthaben abgezogen; der Kunde sieht den Hinweis im Ticket und bekommt eine E-Mail.`
      : 'Gebuchte Zeit wird dann berechnet; der Kunde sieht den Hinweis im Ticket und bekommt eine E-Mail.';
  }
  await loadQueue();
}

async function refresh() {
  await loadCustomers();
  await Promise.all([loadQueue(), loadOutbox()]);
}

// One Idempotency-Key per intended action: sending the same form again after an error or a lost
// answer reuses it, so a booking that reached the server is charged once; a success starts afresh.
const pendingKeys = new Map();

function onSubmit(id, action) {
  $(id).addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!selected) return;
    const data = Object.fromEntries(new FormData(e.target));
    const intent = JSON.stringify([id, selected, data]);
    const key = pendingKeys.get(intent) ?? crypto.randomUUID();
    pendingKeys.set(intent, key);
    try {
      say(await action(data, key));
      pendingKeys.delete(intent);
      if (id === 'reply') e.target.reset();
      await select(selected);
      await refresh();
    } catch (err) {
      say(`Fehler: ${err.message}`, true);
    }
  });
}

onSubmit('reply', async (d, key) => {
  await api(`/agent/tickets/${selected}/messages`, { method: 'POST', key, json: { body: d.body, status: d.status } });
  return 'Antwort gesendet – der Kunde sieht sie sofort im ERP-Fenster und bekommt eine E-Mail.';
});
onSubmit('time', async (d, key) => {
  const json = { minutes: Number(d.minutes), note: d.note };
  if (d.billable) json.billable = d.billable === 'true';
  const r = await api(`/agent/tickets/${selected}/time`, { method: 'POST', key, json });
  const e = r.timeEntry;
  const charge = e.billable ? `${minutes(e.chargedMinutes)} berechnet` : 'kostenlos';
  const offer = r.offer ? ' Das Guthaben ist aufgebraucht: Treueangebot ausgestellt und gemailt.' : '';
  return `${minutes(e.minutes)} gebucht (${charge}) – Guthaben von ${r.ticket.customer.name} jetzt ${minutes(r.credit.minutes)}${offer}`;
});
onSubmit('reclassify', async (d, key) => {
  const t = await api(`/agent/tickets/${selected}/reclassify`, { method: 'POST', key, json: { category: d.category } });
  return `Umklassifiziert in „${CATEGORY[t.category]}“: ${minutes(t.billing.chargedMinutes)} berechnet – Guthaben von ${t.customer.name} jetzt ${minutes(t.credit.minutes)} Der Kunde sieht den Hinweis im Ticket und hat eine E-Mail bekommen.`;
});
$('filter').addEventListener('change', () => void loadQueue());

await refresh();
// New tickets and mails appear without a reload.
setInterval(() => void refresh().catch(() => undefined), 5000);
