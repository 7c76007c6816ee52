/**
 * The fault suite every widget that talks to the backend must pass, written once and run per
 * element (faults-*.test.ts). Each case breaks the element's main request on the real reference
 * backend (through the harness' fault hook) and expects what a customer needs: a clear, localized
 * message, nothing left spinning, nothing typed lost, and a retry that works — exactly once.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/define/cadia-provider.js';
import type { CadiaProvider } from '../../src/context/provider.js';
import { common } from '../../src/i18n/common.js';
import commonEn from '../../src/i18n/common.en.js';
import { freshBackend, shadowText, TOKENS, waitFor, type Fault, type TestBackend } from '../harness/backend.js';

export interface ApiWidgetSpec<E extends HTMLElement = HTMLElement> {
  /** Names the suite, e.g. `cadia-ticket-form (send)`. */
  name: string;
  /** The element, as it goes inside the provider. */
  render(be: TestBackend): TemplateResult;
  /** The request under test: faults hit only it. */
  target: { match: string; method?: 'GET' | 'POST' };
  /** Before each test, on its fresh backend: whose session it is (default the seeded 10001). */
  setup?(be: TestBackend): Promise<{ number: string; token: string }>;
  /** Resolves when the element is ready for `act` (e.g. its draft restored: the form's `ready`). Default: at once. */
  prepared?(el: E): Promise<unknown>;
  /** What the customer typed or chose before the request; `check` asserts it is still there. */
  typed?: { fill(el: E): Promise<void>; check(el: E): void };
  /** The customer's action that makes the request (submit, order). Omitted: mounting loads. */
  act?(el: E): Promise<void>;
  /** The request's result shows (data listed, success shown). */
  done(el: E): unknown;
  /** The one control that tries again while the error shows. */
  retry(el: E): HTMLElement | null;
  /** Makes the request once more in a running session (refresh, or the action again). */
  again(el: E): Promise<void> | void;
  /** Asserts the result exists exactly once in the database after the final success. */
  once?(be: TestBackend): Promise<unknown>;
  /** Something the server changes while the event stream is cut, and how the element shows it. */
  live?: { change(be: TestBackend): Promise<unknown>; shows(el: E): unknown };
}

interface Mounted<E> {
  provider: CadiaProvider;
  el: E;
  loginRequired: Event[];
}

/** ky retries twice, and Chromium itself resends a GET whose connection dropped: a fault that
 * should reach the customer must outlast all of them (faults are cleared before "retry"). */
const ATTEMPTS = 10;

/** A spinner, a skeleton or a busy region: what "left spinning" looks like. */
export function isBusy(el: Element): boolean {
  return !!el.shadowRoot?.querySelector('[aria-busy="true"], .skeleton, .skeleton-row');
}

export function runApiWidgetSuite<E extends HTMLElement>(spec: ApiWidgetSpec<E>): void {
  describe(`${spec.name} under faults`, function () {
    // Injected network faults race real timers (client timeout, backoff, the browser's own resend of
    // a request whose socket was dropped); with two test pages on two cores one run in a few hundred
    // misses its window. A second attempt on a fresh backend absorbs that; a real regression fails both.
    this.retries(1);
    this.timeout(30_000);
    let be: TestBackend;
    let customer: { number: string; token: string };

    beforeEach(async () => {
      be = freshBackend();
      customer = (await spec.setup?.(be)) ?? { number: '10001', token: TOKENS.positive };
    });

    async function mount(opts: { locale?: string; timeout?: number; token?: string; getToken?: () => string } = {}): Promise<Mounted<E>> {
      const loginRequired: Event[] = [];
      const provider = await fixture<CadiaProvider>(html`<cadia-provider
        api-base=${be.apiBase}
        locale=${opts.locale ?? 'de'}
        .timeout=${opts.timeout}
        .token=${opts.getToken ? undefined : (opts.token ?? customer.token)}
        .getToken=${opts.getToken}
        @cadia-login-required=${(e: Event) => loginRequired.push(e)}
        >${spec.render(be)}</cadia-provider
      >`);
      const el = provider.firstElementChild as E;
      await spec.prepared?.(el);
      return { provider, el, loginRequired };
    }

    /** Mounts, types, arms the fault and makes the request: for loads the fault comes first. */
    async function start(fault: Fault | (() => Promise<unknown>), opts: Parameters<typeof mount>[0] = {}): Promise<Mounted<E>> {
      const arm = () => (typeof fault === 'function' ? fault() : be.fault({ ...spec.target, ...fault }));
      if (!spec.act) {
        await arm();
        return mount(opts);
      }
      const m = await mount(opts);
      await spec.typed?.fill(m.el);
      await arm();
      await spec.act(m.el);
      return m;
    }

    /** The error is shown in words, nothing spins, the typed text is there, and "retry" works once. */
    async function expectErrorThenRetry(m: Mounted<E>, text: string): Promise<void> {
      const { el } = m;
      await waitFor(() => shadowText(el).includes(text), 12_000, `"${text}" in ${spec.name}`);
      await waitFor(() => !isBusy(el), 2000, 'nothing left spinning');
      spec.typed?.check(el);
      const retry = await waitFor(() => spec.retry(el), 2000, 'a retry control');
      expect(retry.matches(':disabled'), 'retry is usable').to.equal(false);
      await expect(el).to.be.accessible();
      await be.clearFaults();
      retry.click();
      await waitFor(() => spec.done(el), 10_000, `${spec.name} done after retry`);
      expect(shadowText(el)).not.to.contain(text);
      await spec.once?.(be);
    }

    const de = common.de.errors;

    for (const status of [500, 502, 503, 504]) {
      it(`${status}: says the server failed, nothing spins, retry works`, async () => {
        await expectErrorThenRetry(await start({ kind: 'status', status, times: ATTEMPTS }), de.server);
      });
    }

    it('one 503 on the way is retried quietly', async () => {
      const m = await start({ kind: 'status', status: 503, times: 1 });
      await waitFor(() => spec.done(m.el), 10_000, 'done');
      expect(shadowText(m.el)).not.to.contain(de.server);
      await spec.once?.(be);
    });

    it('speaks English when the provider does', async () => {
      await expectErrorThenRetry(await start({ kind: 'status', status: 500, times: ATTEMPTS }, { locale: 'en' }), commonEn.errors.server);
    });

    it('a timeout says the server is not answering (client timeout, not 15 s)', async () => {
      await expectErrorThenRetry(await start({ kind: 'timeout', ms: 2500, times: ATTEMPTS }, { timeout: 700 }), de.timeout);
    });

    it('a dropped connection says there is no connection', async () => {
      await expectErrorThenRetry(await start({ kind: 'drop', times: ATTEMPTS }), de.network);
    });

    it('malformed JSON says the answer was unexpected', async () => {
      await expectErrorThenRetry(await start({ kind: 'malformed', times: ATTEMPTS }), de.parse);
    });

    it('an HTML error page (a proxy) reads as a server error, not as data', async () => {
      await expectErrorThenRetry(await start({ kind: 'html', times: ATTEMPTS }), de.server);
    });

    it('429 with Retry-After waits as asked, then says how long to wait', async () => {
      const t0 = performance.now();
      const m = await start({ kind: 'status', status: 429, retryAfter: 1, times: ATTEMPTS });
      await waitFor(() => shadowText(m.el).includes(de.rateLimited(1)), 12_000, 'rate-limit message');
      expect(performance.now() - t0, 'the client waited Retry-After between attempts').to.be.greaterThan(1900);
      await expectErrorThenRetry(m, de.rateLimited(1));
    });

    it('429 with a long Retry-After (a per-hour limit) is not waited out: the wait is said at once, in minutes', async () => {
      const m = await start({ kind: 'status', status: 429, retryAfter: 3540, times: ATTEMPTS });
      await waitFor(() => shadowText(m.el).includes(de.rateLimited(3540)), 8_000, 'rate-limit message without waiting');
      expect(de.rateLimited(3540)).to.contain('59 Minuten');
    });

    it('the backend gone: a clear message; back again: retry works', async () => {
      await expectErrorThenRetry(await start(() => be.down()), de.network);
    });

    it('401 mid-session: the token is asked for again once, then the host is told once; a new login recovers', async () => {
      const token = await be.sign({ customer: customer.number, role: 'admin', sub: `session-${crypto.randomUUID()}`, name: 'Sitzung' });
      let asked = 0;
      const m = await mount({ getToken: () => (asked++, token) });
      if (spec.act) {
        await spec.typed?.fill(m.el);
        await spec.act(m.el);
      }
      await waitFor(() => spec.done(m.el), 10_000, 'first done');
      expect(asked, 'one token for the start, however many requests').to.equal(1);
      // The person signs out everywhere (elsewhere): the server refuses every token issued so far.
      expect((await be.api('/v1/sessions', { method: 'DELETE', token })).status).to.equal(204);
      await spec.again(m.el);
      await waitFor(() => m.loginRequired.length > 0, 8000, 'cadia-login-required');
      await new Promise((r) => setTimeout(r, 300));
      expect(asked, 'asked again exactly once').to.equal(2);
      expect(m.loginRequired.length, 'the host is told once').to.equal(1);
      expect((m.loginRequired[0] as Event & { reason?: string }).reason).to.equal('session-expired');
      await waitFor(() => !isBusy(m.el), 2000, 'nothing left spinning');
      spec.typed?.check(m.el);
      // The host logs the customer in again and hands over the new token.
      m.provider.getToken = undefined;
      m.provider.token = customer.token;
      await m.provider.updateComplete;
      if (spec.act) await spec.again(m.el);
      await waitFor(() => spec.done(m.el), 10_000, 'done with the new token');
    });

    if (spec.live) {
      const live = spec.live;
      it('the event stream cut and back: it reconnects and catches up with what changed meanwhile', async function () {
        this.timeout(30_000);
        const m = await mount();
        await waitFor(() => spec.done(m.el), 10_000, 'first done');
        // Let the event stream open before cutting it.
        await new Promise((r) => setTimeout(r, 500));
        await be.down();
        await live.change(be);
        await new Promise((r) => setTimeout(r, 500));
        expect(live.shows(m.el), 'not yet: the stream is cut').to.not.be.ok;
        await be.up();
        await waitFor(() => live.shows(m.el), 15_000, 'caught up after reconnect');
        expect(isBusy(m.el)).to.equal(false);
      });
    }
  });
}
