import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import { configure, createHttpBackend, CadiaApiError, type CadiaProvider, type CadiaCreditBadge } from '../src/index.js';
import { formatDuration } from '../src/i18n/index.js';
import { freshBackend, shadowText, TOKENS, waitFor } from './harness/backend.js';

/** Requests the page made to a path since `since` (Resource Timing sees every fetch). */
const requestsTo = (path: string, since = 0) =>
  performance.getEntriesByType('resource').filter((e) => e.startTime >= since && new URL(e.name).pathname.endsWith(path)).length;

describe('provider and shared store', () => {
  it('shows the credit from the database in the badge', async () => {
    const be = freshBackend();
    await be.exec(`UPDATE customers SET credit_minutes = 150 WHERE number = '10001'`);
    const el = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} .token=${TOKENS.positive}><cadia-credit-badge></cadia-credit-badge></cadia-provider>`);
    const badge = el.querySelector('cadia-credit-badge')!;
    await waitFor(() => shadowText(badge).includes('2 Std. 30 Min.'), 5000, 'credit text');
    expect(shadowText(badge)).to.contain('Supportguthaben');
  });

  it('two badges in one provider make one request for the account', async () => {
    const be = freshBackend();
    const since = performance.now();
    const el = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} .token=${TOKENS.positive}>
      <cadia-credit-badge></cadia-credit-badge><cadia-credit-badge variant="compact"></cadia-credit-badge>
    </cadia-provider>`);
    const badges = [...el.querySelectorAll('cadia-credit-badge')];
    await waitFor(() => badges.every((b) => shadowText(b).includes('Min.')), 5000, 'both badges');
    expect(requestsTo('/v1/me', since)).to.equal(1);
  });

  it('speaks English when the provider says so, and switches at runtime', async () => {
    const be = freshBackend();
    const el = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale="en" .token=${TOKENS.positive}><cadia-credit-badge></cadia-credit-badge></cadia-provider>`);
    const badge = el.querySelector<CadiaCreditBadge>('cadia-credit-badge')!;
    await waitFor(() => /Support credit.*\d+ h/.test(shadowText(badge)), 5000, 'English label and value');
    el.locale = 'de';
    await waitFor(() => shadowText(badge).includes('Supportguthaben'), 2000, 'German label');
  });

  it('elements outside any provider use the document-wide configure() default', async () => {
    const be = freshBackend();
    configure({ apiBase: be.apiBase, token: TOKENS.negative });
    const badge = await fixture<CadiaCreditBadge>(html`<cadia-credit-badge></cadia-credit-badge>`);
    await waitFor(() => shadowText(badge).includes('\u221240 Min.'), 5000, 'negative credit');
  });

  it('updates the badge when support books time elsewhere (server-sent events)', async () => {
    const be = freshBackend();
    const el = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} .token=${TOKENS.positive}><cadia-credit-badge></cadia-credit-badge></cadia-provider>`);
    const badge = el.querySelector('cadia-credit-badge')!;
    await waitFor(() => shadowText(badge).includes('Min.'), 5000, 'credit');
    const before = shadowText(badge);
    const [ticket] = await be.sql<{ id: string }>(`SELECT id FROM tickets WHERE customer_number = '10001' AND category <> 'bug' LIMIT 1`);
    // Give the event stream a moment to connect before the change happens.
    await new Promise((r) => setTimeout(r, 300));
    const r = await be.api(`/v1/agent/tickets/${ticket!.id}/time`, { method: 'POST', json: { minutes: 25, note: 'Analyse', billable: true } });
    expect(r.status).to.be.oneOf([200, 201]);
    await waitFor(() => shadowText(badge) !== before, 5000, 'badge to change');
    const [row] = await be.sql<{ credit_minutes: number }>(`SELECT credit_minutes FROM customers WHERE number = '10001'`);
    expect(row!.credit_minutes).to.equal(150 - 30); // 25 minutes booked = 3 started units
    expect(shadowText(badge)).to.contain(formatDuration(row!.credit_minutes, 'de').replace(/\s/g, ' '));
  });
});

describe('HTTP client', () => {
  it('a logged-out page (no token, no cookie) is not told its session expired', async () => {
    const be = freshBackend();
    let told = 0;
    const client = createHttpBackend({ apiBase: be.apiBase, onUnauthorized: () => told++ });
    const err = (await client.getMe().catch((e: unknown) => e)) as CadiaApiError;
    expect(err.status).to.equal(401);
    expect((await client.getPackages()).items.length).to.be.greaterThan(0);
    expect(told).to.equal(0);
  });

  it('asks getToken again once after a 401 and then succeeds', async () => {
    const be = freshBackend();
    const tokens = ['expired-token', TOKENS.positive];
    let asked = 0;
    const client = createHttpBackend({ apiBase: be.apiBase, getToken: () => tokens[asked++] });
    const me = await client.getMe();
    expect(me.customer.number).to.equal('10001');
    expect(asked).to.equal(2);
  });

  it('tells the host when a fresh token is refused too', async () => {
    const be = freshBackend();
    let told = 0;
    const client = createHttpBackend({ apiBase: be.apiBase, getToken: () => 'nope', onUnauthorized: () => told++ });
    const err = await client.getMe().catch((e: unknown) => e);
    expect(err).to.be.instanceOf(CadiaApiError);
    expect((err as CadiaApiError).status).to.equal(401);
    expect(told).to.equal(1);
  });

  it('retries a GET after a 503 and turns problem+json into a typed error with field errors', async () => {
    const be = freshBackend();
    await be.fault({ kind: 'status', status: 503, match: '/v1/packages', times: 1 });
    const client = createHttpBackend({ apiBase: be.apiBase, token: TOKENS.positive });
    const list = await client.getPackages();
    expect(list.items.length).to.be.greaterThan(0);

    const err = (await client
      .createTicket({ category: 'concern', subject: '', description: '' }, { idempotencyKey: crypto.randomUUID() })
      .catch((e: unknown) => e)) as CadiaApiError;
    expect(err.kind).to.equal('http');
    expect(err.status).to.be.oneOf([400, 422]);
    expect(err.fieldErrors.map((f) => f.field)).to.include.members(['subject', 'description']);
  });

  it('reports an HTML error page and broken JSON as parse/http errors, not crashes', async () => {
    const be = freshBackend();
    const client = createHttpBackend({ apiBase: be.apiBase, token: TOKENS.positive, retries: 0 });
    await be.fault({ kind: 'malformed', match: '/v1/me' });
    expect(((await client.getMe().catch((e: unknown) => e)) as CadiaApiError).kind).to.equal('parse');
    await be.fault({ kind: 'html', match: '/v1/me' });
    const html502 = (await client.getMe().catch((e: unknown) => e)) as CadiaApiError;
    expect([html502.kind, html502.status]).to.deep.equal(['http', 502]);
  });

  it('a POST with an idempotency key that lost its answer is resent and makes one ticket', async () => {
    const be = freshBackend();
    const client = createHttpBackend({ apiBase: be.apiBase, token: TOKENS.positive });
    const before = await be.count('tickets');
    await be.fault({ kind: 'lost', match: '/v1/tickets', method: 'POST' });
    const created = await client.createTicket(
      { category: 'concern', subject: 'Rechnung doppelt', description: 'Die Rechnung 4711 kam zweimal.' },
      { idempotencyKey: crypto.randomUUID() },
    );
    expect(created.ticket.subject).to.equal('Rechnung doppelt');
    expect(await be.count('tickets')).to.equal(before + 1);
  });

  it('sends Accept-Language from the locale', async () => {
    const be = freshBackend();
    const client = createHttpBackend({ apiBase: be.apiBase, token: 'wrong', locale: () => 'en' });
    const err = (await client.getMe().catch((e: unknown) => e)) as CadiaApiError;
    expect(err.message).to.match(/[a-z]/i);
    const de = createHttpBackend({ apiBase: be.apiBase, token: 'wrong', locale: () => 'de' });
    const errDe = (await de.getMe().catch((e: unknown) => e)) as CadiaApiError;
    expect(errDe.message).to.not.equal(err.message);
  });
  it('a widget removed before its first render asks the backend for nothing and leaves no event stream open', async () => {
    const be = freshBackend();
    const asked: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/v1/')) asked.push(new URL(url).pathname);
      return realFetch(input, init);
    };
    const provider = document.createElement('cadia-provider') as CadiaProvider;
    try {
      provider.apiBase = be.apiBase;
      provider.token = TOKENS.positive;
      const badge = document.createElement('cadia-credit-badge');
      provider.append(badge);
      document.body.append(provider);
      // Gone in the same task it came in: its first update is still pending.
      badge.remove();
      await new Promise((r) => setTimeout(r, 300));
      expect(asked, 'requests of a widget that is no longer on the page').to.deep.equal([]);
    } finally {
      window.fetch = realFetch;
      provider.remove();
    }
  });
});
