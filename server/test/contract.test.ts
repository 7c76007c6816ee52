/**
 * Validates real responses against api/openapi.yaml, so the spec the client is generated from and
 * the server cannot drift apart.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { AGENT, NEG, POS, setup, smallPng, type TestBackend, ticketForm } from './helpers.js';

const spec = parse(readFileSync(new URL('../../api/openapi.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ ...spec, $id: 'openapi' });

function check(schema: string, value: unknown): void {
  const validate = ajv.getSchema(`openapi#/components/schemas/${schema}`);
  assert.ok(validate, `schema ${schema} exists`);
  assert.ok(validate(value), `${schema}: ${ajv.errorsText(validate.errors)}`);
}

describe('responses match api/openapi.yaml', () => {
  let b: TestBackend;
  before(async () => { b = await setup(); });
  after(() => b.close());

  const get = async (path: string, token?: string) => (await b.req(path, token ? { token } : {})).json() as Promise<unknown>;

  it('customer resources', async () => {
    check('Me', await get('/v1/me', POS));
    check('PackageList', await get('/v1/packages'));
    check('OfferList', await get('/v1/offers', POS));
    check('OfferList', await get('/v1/offers', NEG));
    check('Offer', await get('/v1/offers/off_demo_open', POS));
    check('OrderList', await get('/v1/orders', POS));
    check('TicketList', await get('/v1/tickets', POS));
    for (const id of ['tkt_demo_a', 'tkt_demo_b', 'tkt_demo_c', 'tkt_demo_e']) check('TicketDetail', await get(`/v1/tickets/${id}`, POS));
    check('FaqList', await get('/v1/faq?q=Druck'));
    check('NoticeMatchList', await get('/v1/notices?program=CadiaOFFICE%20Warenwirtschaft&version=2026.3.1&q=Rechnungsdruck', POS));
    check('NoticeSubscription', await (await b.req('/v1/notices/ntc_demo_print/subscription', { method: 'PUT', token: POS })).json());
  });

  it('creating resources and problems', async () => {
    check('OrderResult', await (await b.req('/v1/orders', { token: POS, json: { packageId: 'pkg-60' }, idempotent: true })).json());
    const created = await (await b.req('/v1/tickets', { token: POS, form: ticketForm({ cc: 'a@b.example' }, [{ bytes: smallPng(), name: 'x.png' }]), idempotent: true })).json();
    check('TicketCreated', created);
    const form = new FormData();
    form.append('body', 'Antwort');
    check('ReplyCreated', await (await b.req('/v1/tickets/tkt_demo_c/messages', { token: POS, form, idempotent: true })).json());
    // Closing, rating, and a reply to a ticket closed long ago (it starts a linked follow-up).
    check('TicketDetail', await (await b.req('/v1/tickets/tkt_demo_a/close', { method: 'POST', token: POS })).json());
    check('TicketDetail', await (await b.req('/v1/tickets/tkt_demo_a/rating', { method: 'PUT', token: POS, json: { score: 4, comment: 'Gut' } })).json());
    check('ReplyCreated', await (await b.req('/v1/tickets/tkt_demo_e/messages', { token: POS, form, idempotent: true })).json());
    check('TicketList', await get('/v1/tickets', POS));
    check('TicketDetail', await get('/v1/tickets/tkt_demo_e', POS));
    check('Problem', await (await b.req('/v1/tickets/tkt_demo_c/rating', { method: 'PUT', token: POS, json: { score: 9 } })).json());
    check('Problem', await (await b.req('/v1/tickets', { token: POS, form: ticketForm({ subject: '' }), idempotent: true })).json());
    check('Problem', await get('/v1/me'));
  });

  it('agent resources', async () => {
    check('AgentTicketList', await get('/v1/agent/tickets', AGENT));
    check('AgentTicketDetail', await get('/v1/agent/tickets/tkt_demo_e', AGENT));
    check('AgentCustomerList', await get('/v1/agent/customers', AGENT));
    check('AgentNoticeList', await get('/v1/agent/notices', AGENT));
    check('AgentNotice', await get('/v1/agent/notices/ntc_demo_print', AGENT));
    check('NoticeSubscriberList', await get('/v1/agent/notices/ntc_demo_print/subscribers', AGENT));
    check('NoticeSaved', await (await b.req('/v1/agent/notices', { token: AGENT, idempotent: true, json: { program: 'CadiaOFFICE Lohn', title: 'T', text: 'x' } })).json());
    check('NoticeSaved', await (await b.req('/v1/agent/notices/ntc_demo_print', { method: 'PATCH', token: AGENT, json: { status: 'fixed' } })).json());
    check('RatingStats', await get('/v1/agent/ratings', AGENT));
    check('TimeBooked', await (await b.req('/v1/agent/tickets/tkt_demo_g/time', { token: AGENT, idempotent: true, json: { minutes: 200 } })).json());
    check('MessageCreated', await (await b.req('/v1/agent/tickets/tkt_demo_g/messages', { token: AGENT, idempotent: true, json: { body: 'x' } })).json());
    check('AgentTicketDetail', await (await b.req('/v1/agent/tickets/tkt_demo_b/reclassify', { token: AGENT, idempotent: true, json: { category: 'concern' } })).json());
    check('AgentTicketDetail', await (await b.req('/v1/agent/tickets/tkt_demo_b/status', { token: AGENT, idempotent: true, json: { status: 'closed' } })).json());
    check('OfferIssued', await (await b.req('/v1/agent/customers/10002/renewal', { method: 'POST', token: AGENT })).json());
    check('OutboxList', await get('/v1/agent/outbox', AGENT));
    check('AgentContactList', await get('/v1/agent/customers/10001/contacts', AGENT));
    const created = await (await b.req('/v1/agent/customers/10001/keys', { method: 'POST', token: AGENT, json: { label: 'Kasse 1' } })).json() as { key: { id: string } };
    check('InstallationKeyCreated', created);
    check('InstallationKeyList', await get('/v1/agent/customers/10001/keys', AGENT));
    check('InstallationKey', await (await b.req(`/v1/agent/customers/10001/keys/${created.key.id}/revoke`, { method: 'POST', token: AGENT })).json());
  });
});
