/**
 * Mails and thread notices speak the recipient's language where it is known: the language a ticket
 * was written in (its confirmation, support's replies, the status and category notices, the "not a
 * program bug" mail, an offer its booking caused) and the language an order was placed in. German
 * otherwise. The words themselves come from server/mail-texts.ts.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { acceptingMailer, AGENT, delivered, json, NEG, POS, setup, type TestBackend, ticketForm } from './helpers.js';

interface Mail { to: string; cc: string[]; subject: string; body: string }
interface Detail { id: string; number: string; messages: Array<{ kind: string; body: string }> }

const EN = { 'Accept-Language': 'en-GB,en;q=0.9' };
/** The mails as sent (the relay adds the unsubscribe lines when it hands a mail over). */
const outbox = async (b: TestBackend) => {
  await delivered(b);
  return (await json<{ items: Mail[] }>(await b.req('/v1/agent/outbox', { token: AGENT }))).items;
};

async function newTicket(b: TestBackend, token: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Detail> {
  const r = await b.req('/v1/tickets', { token, form: ticketForm(fields), idempotent: true, headers });
  assert.equal(r.status, 201);
  return (await json<{ ticket: Detail }>(r)).ticket;
}

const agent = (b: TestBackend, path: string, body: unknown) => b.req(`/v1/agent/tickets/${path}`, { token: AGENT, idempotent: true, json: body });

describe('mail language', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('a ticket written in English gets English mails and notices from then on', async () => {
    b = await setup({ mailer: acceptingMailer, publicUrl: 'https://portal.example' });
    const t = await newTicket(b, NEG, { category: 'bug', subject: 'Printing fails', urgency: 'urgent', cc: 'it@partner.example' }, EN);
    const confirmation = (await outbox(b)).find((m) => m.subject.startsWith(`[${t.number}]`));
    assert.equal(confirmation?.subject, `[${t.number}] Your ticket: Printing fails`);
    assert.match(confirmation!.body, /^Hello .+,\n\nWe have received your ticket T-\d{4}-\d{5} and will deal with it in turn \(marked as urgent\)\./);
    const toCc = (await outbox(b)).find((m) => m.subject.startsWith(`[${t.number}]`) && m.to === 'it@partner.example');
    assert.match(toCc!.body, /^Hello Sabine Schneider,\n\nWe have received your ticket/, 'the CC address gets its own mail, in English');
    assert.match(toCc!.body, /\n--\nYou receive this e-mail because “Confirmation of new tickets” is switched on for you\.\nUnsubscribe from these e-mails: https:\/\/portal\.example\/api\/unsubscribe\/\S+\n/);

    // Support writes in German; the mail about it is in the customer's language.
    assert.equal((await agent(b, `${t.id}/messages`, { body: 'Bitte Drucker neu starten.' })).status, 201);
    assert.ok((await outbox(b)).some((m) => m.subject === `[${t.number}] New reply: Printing fails` && m.body.includes('customer portal')));

    // Free time on a bug, then "not a program bug": charged, told in English; the customer (-40)
    // has no credit and no open offer, so an English offer follows.
    assert.equal((await agent(b, `${t.id}/time`, { minutes: 15 })).status, 201);
    const reclassified = await json<Detail>(await agent(b, `${t.id}/reclassify`, { category: 'user_error' }));
    assert.equal(reclassified.messages.at(-1)?.body, 'Not a program bug – time will be charged. New category: User error.');
    const mails = await outbox(b);
    const billable = mails.find((m) => m.subject === `[${t.number}] Not a program bug – time will be charged`);
    assert.match(billable!.body, /New category: User error\. .*\n20 minutes were charged for the time booked so far\.\nYour support credit is now -60 minutes\./);
    const offer = mails.find((m) => m.subject.startsWith('Your personal loyalty offer'));
    assert.match(offer!.body, /Because your support credit is used up you receive a personal loyalty offer:\n.*: 180 minutes for €254\.00 instead of €299\.00\./);
    assert.match(offer!.body, /Order: https:\/\/portal\.example\/\?offer=off_/);

    const closed = await json<Detail>(await agent(b, `${t.id}/status`, { status: 'closed' }));
    assert.equal(closed.messages.at(-1)?.body, 'Status: Closed');
  });

  it('without a language the mails and notices are German, and a status is called what the widgets call it', async () => {
    b = await setup({ mailer: acceptingMailer });
    const t = await newTicket(b, POS, { subject: 'Druck geht nicht' });
    const confirmation = (await outbox(b)).find((m) => m.subject.startsWith(`[${t.number}]`));
    assert.equal(confirmation?.subject, `[${t.number}] Ihr Ticket: Druck geht nicht`);
    assert.match(confirmation!.body, /^Guten Tag .+,\n\nwir haben Ihr Ticket T-\d{4}-\d{5} erhalten/);
    // The signature, then the unsubscribe lines.
    assert.match(confirmation!.body, /\n\nIhr Cadia-Team\n\n--\nSie erhalten diese E-Mail, weil „Eingangsbestätigung neuer Tickets“ für Sie eingeschaltet ist\.\nDiese E-Mails abbestellen: http:\/\/localhost:8080\/api\/unsubscribe\/\S+\nAlle Benachrichtigungen: .*Konto → Benachrichtigungen\.$/);
    const closed = await json<Detail>(await agent(b, `${t.id}/status`, { status: 'closed' }));
    assert.equal(closed.messages.at(-1)?.body, 'Status: Abgeschlossen');
    const renewal = await b.req('/v1/agent/customers/10002/renewal', { method: 'POST', token: AGENT });
    assert.equal(renewal.status, 201);
    const offer = (await outbox(b)).find((m) => m.subject.startsWith('Ihr persönliches Treueangebot'));
    assert.match(offer!.body, /\n\nzur Verlängerung Ihrer Lizenzen erhalten Sie ein persönliches Treueangebot:\n.*: 600 Minuten für 764,00\s€ statt 899,00\s€\./);
  });

  it('an order is confirmed in the language it was placed in', async () => {
    b = await setup({ mailer: acceptingMailer });
    const en = await b.req('/v1/orders', { token: POS, idempotent: true, json: { packageId: 'pkg-60' }, headers: EN });
    assert.equal(en.status, 201);
    const de = await b.req('/v1/orders', { token: POS, idempotent: true, json: { packageId: 'pkg-60' } });
    assert.equal(de.status, 201);
    const subjects = (await outbox(b)).map((m) => m.subject);
    assert.ok(subjects.includes('Order confirmation: Support package 60'));
    assert.ok(subjects.includes('Bestellbestätigung: Supportpaket 60'));
    const mail = (await outbox(b)).find((m) => m.subject.startsWith('Order confirmation'));
    assert.match(mail!.body, /Thank you for your order “Support package 60” \(60 minutes\)\.\nYour support credit is now 210 minutes\./);
  });
});
