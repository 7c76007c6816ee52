/**
 * The account beyond the statement (issue 17): orders' states (credited; cancelled by the support
 * team with a correction on the statement), the company's people with their last activity for the
 * admins, and a person's own data as one ZIP archive (GDPR Art. 15/20).
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import yauzl from 'yauzl';
import { MINUTE_MS } from '../clock.js';
import { AGENT, json, NOW, PEOPLE, POS, POS_MEMBER, type ProblemBody, setup, signToken, smallPng, type TestBackend, ticketForm } from './helpers.js';

interface Order { id: string; name: string; minutes: number; createdAt: string; status: string; cancelledAt: string | null; cancelNote: string; contact: { name: string } | null }
interface Entry { kind: string; minutes: number; orderId: string | null; orderName: string | null; note: string; balanceAfter: number }
interface Contact { id: string; name: string; email: string; role: string; lastActiveAt?: string | null }

const orders = async (b: TestBackend, token = POS) => (await json<{ items: Order[] }>(await b.req('/v1/orders', { token }))).items;
const credit = async (b: TestBackend) => (await json<{ credit: { minutes: number } }>(await b.req('/v1/me', { token: POS }))).credit.minutes;

describe('order states', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('an order is credited at once; the seed shows one the support team cancelled, with its reason', async () => {
    b = await setup();
    const placed = await json<{ order: Order }>(await b.req('/v1/orders', { token: POS, idempotent: true, json: { packageId: 'pkg-60' } }));
    assert.deepEqual([placed.order.status, placed.order.cancelledAt, placed.order.cancelNote], ['credited', null, '']);
    const list = await orders(b);
    assert.equal(list[0]!.status, 'credited');
    const cancelled = list.find((o) => o.id === 'ord_demo_cancelled')!;
    assert.equal(cancelled.status, 'cancelled');
    assert.ok(cancelled.cancelNote.length > 0);
    assert.ok(cancelled.cancelledAt! > cancelled.createdAt);
  });

  it('support cancels an order: a correction takes its minutes back with the reason, the orderer is mailed; once only', async () => {
    b = await setup();
    const before = await credit(b);
    const { order } = await json<{ order: Order }>(await b.req('/v1/orders', { token: POS, idempotent: true, json: { packageId: 'pkg-180' } }));
    b.manual.advance(5 * MINUTE_MS);
    const r = await b.req(`/v1/agent/orders/${order.id}/cancel`, { token: AGENT, idempotent: true, json: { note: 'Doppelt bestellt' } });
    assert.equal(r.status, 200, await r.clone().text());
    const body = await json<{ order: Order; credit: { minutes: number } }>(r);
    assert.deepEqual([body.order.status, body.order.cancelNote, body.order.cancelledAt], ['cancelled', 'Doppelt bestellt', b.clock.now().toISOString()]);
    assert.equal(body.credit.minutes, before);
    assert.equal(await credit(b), before);
    // The customer's admins see the state in their orders; the statement has the order and its correction.
    assert.equal((await orders(b)).find((o) => o.id === order.id)?.status, 'cancelled');
    const s = await json<{ entries: Entry[]; closingMinutes: number }>(await b.req('/v1/statement?month=2026-03', { token: POS }));
    const [plus, minus] = s.entries.filter((e) => e.orderId === order.id);
    assert.deepEqual([plus!.kind, plus!.minutes], ['order', 180]);
    assert.deepEqual([minus!.kind, minus!.minutes, minus!.note, minus!.orderName], ['correction', -180, 'Doppelt bestellt', 'Supportpaket 180']);
    assert.equal(s.closingMinutes, before);
    const [mail] = await b.sql<{ to_addr: string; subject: string; body: string }>("SELECT to_addr, subject, body FROM outbox WHERE subject LIKE 'Bestellung storniert%'");
    assert.equal(mail?.to_addr, PEOPLE.posAdmin.email);
    assert.match(mail!.body, /Grund: Doppelt bestellt/);
    // Again (another key): 409, nothing moves twice.
    const again = await b.req(`/v1/agent/orders/${order.id}/cancel`, { token: AGENT, idempotent: true, json: { note: 'nochmal' } });
    assert.equal(again.status, 409);
    const problem = await json<ProblemBody>(again);
    assert.equal(problem.code, 'order_already_cancelled');
    // A text the desk shows at the order, not the bare code.
    assert.equal(problem.title, 'Diese Bestellung ist bereits storniert; es wurde nichts geändert.');
    assert.equal(await credit(b), before);
  });

  it('refusals: no reason 422 naming the field, unknown order 404, a customer 403; the agent lists a customer\'s orders', async () => {
    b = await setup();
    const bad = await b.req('/v1/agent/orders/ord_off_demo_last_year/cancel', { token: AGENT, idempotent: true, json: {} });
    assert.equal(bad.status, 422);
    assert.deepEqual((await json<ProblemBody>(bad)).errors?.map((e) => e.field), ['note']);
    assert.equal((await b.req('/v1/agent/orders/ord_nope/cancel', { token: AGENT, idempotent: true, json: { note: 'x' } })).status, 404);
    assert.equal((await b.req('/v1/agent/orders/ord_off_demo_last_year/cancel', { token: POS, idempotent: true, json: { note: 'x' } })).status, 403);
    const list = await json<{ items: Order[] }>(await b.req('/v1/agent/customers/10001/orders', { token: AGENT }));
    assert.deepEqual(list.items.map((o) => o.id), (await orders(b)).map((o) => o.id));
    assert.equal((await b.req('/v1/agent/customers/99999/orders', { token: AGENT })).status, 404);
  });

  it('an offer order taken back can take the credit below zero when its minutes were used', async () => {
    b = await setup();
    // The seeded loyalty order of last year (600 min) is long used: cancelling it leaves the credit 600 lower.
    const before = await credit(b);
    const r = await b.req('/v1/agent/orders/ord_off_demo_last_year/cancel', { token: AGENT, idempotent: true, json: { note: 'Rückerstattet' } });
    assert.equal(r.status, 200);
    assert.equal(await credit(b), before - 600);
  });
});

describe('the company\'s people', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('an admin sees every contact with name, email, role and last activity; a member the names without activity', async () => {
    b = await setup();
    const admin = await json<{ items: Contact[] }>(await b.req('/v1/contacts', { token: POS }));
    assert.deepEqual(admin.items.map((c) => [c.name, c.role]), [[PEOPLE.posMember.name, 'member'], [PEOPLE.posAdmin.name, 'admin']]);
    const me = admin.items.find((c) => c.name === PEOPLE.posAdmin.name)!;
    // The admin's own request is their latest activity.
    assert.equal(me.lastActiveAt, NOW.toISOString());
    assert.equal(me.email, PEOPLE.posAdmin.email);
    const member = await json<{ items: Contact[] }>(await b.req('/v1/contacts', { token: POS_MEMBER }));
    assert.ok(member.items.every((c) => !('lastActiveAt' in c)), 'no activity for members');
    // Nobody of another company.
    assert.ok(admin.items.every((c) => ![PEOPLE.negAdmin.name, PEOPLE.negMember.name].includes(c.name)));
  });

  it('last activity follows requests, written at most every five minutes; a new person has none until they come', async () => {
    b = await setup();
    const activity = async (name: string) => (await json<{ items: Contact[] }>(await b.req('/v1/contacts', { token: POS }))).items.find((c) => c.name === name)?.lastActiveAt;
    const start = b.clock.now().toISOString();
    await b.req('/v1/me', { token: POS_MEMBER });
    assert.equal(await activity(PEOPLE.posMember.name), start);
    b.manual.advance(2 * MINUTE_MS);
    await b.req('/v1/me', { token: POS_MEMBER });
    assert.equal(await activity(PEOPLE.posMember.name), start, 'not rewritten within five minutes');
    b.manual.advance(4 * MINUTE_MS);
    await b.req('/v1/me', { token: POS_MEMBER });
    assert.equal(await activity(PEOPLE.posMember.name), b.clock.now().toISOString());
    // A contact the vendor added who never came: null ("never").
    await b.sql("INSERT INTO contacts (id, subject, customer_number, role, email, name, created_at, updated_at) VALUES ('con_x', 'local:con_x', '10001', 'member', 'neu@example.com', 'Neu Person', ?, ?)", start, start);
    assert.equal(await activity('Neu Person'), null);
    const token = await signToken({ sub: 'new-sub', email: 'neu@example.com', name: 'Neu Person', customer: '10001', role: 'member' });
    await b.req('/v1/me', { token });
    assert.equal(await activity('Neu Person'), b.clock.now().toISOString());
  });
});

/** Every entry of a ZIP (opened with yauzl, as an unzip tool would: names checked, sizes validated). */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) => {
      if (err) return reject(err);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const parts: Buffer[] = [];
          stream.on('data', (c: Buffer) => parts.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('data export (GDPR Art. 15/20)', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  const reply = (body: string, image?: Uint8Array) => {
    const form = new FormData();
    form.append('body', body);
    if (image) form.append('images', new Blob([image]), 'antwort.png');
    return form;
  };
  const file = async (token: string, subject: string, image: Uint8Array) => {
    const r = await b.req('/v1/tickets', { token, form: ticketForm({ category: 'concern', subject }, [{ bytes: image, name: `${subject}.png` }]), idempotent: true });
    assert.equal(r.status, 201);
    return (await json<{ ticket: { id: string; number: string } }>(r)).ticket;
  };

  it('a member downloads one archive that opens: profile, their tickets with files and support\'s replies, their messages elsewhere — nothing of a colleague', async () => {
    b = await setup();
    await b.sql("UPDATE customers SET ticket_visibility = 'company' WHERE number = '10001'");
    const mine = smallPng(5, 5);
    const colleagues = smallPng(7, 3);
    const ticket = await file(POS_MEMBER, 'Mein Drucker', mine);
    const other = await file(POS, 'Geheimes Admin-Thema', colleagues);
    // Support answers the member; the admin writes in the member's ticket; the member writes in the admin's.
    assert.equal((await b.req(`/v1/agent/tickets/${ticket.id}/messages`, { token: AGENT, idempotent: true, json: { body: 'Antwort vom Support' } })).status, 201);
    assert.equal((await b.req(`/v1/tickets/${ticket.id}/messages`, { token: POS, idempotent: true, form: reply('Notiz der Chefin, nicht für den Export') })).status, 201);
    const elsewhere = smallPng(2, 9);
    assert.equal((await b.req(`/v1/tickets/${other.id}/messages`, { token: POS_MEMBER, idempotent: true, form: reply('Meine Ergänzung', elsewhere) })).status, 201);

    const r = await b.req('/v1/me/export', { token: POS_MEMBER });
    assert.equal(r.status, 200, await r.clone().text());
    assert.equal(r.headers.get('content-type'), 'application/zip');
    assert.match(r.headers.get('content-disposition') ?? '', /^attachment; filename="Cadia-Meine-Daten-10001-2026-03-16\.zip"$/);
    assert.equal(r.headers.get('cache-control'), 'private, no-store');
    const files = await unzip(Buffer.from(await r.arrayBuffer()));
    const names = [...files.keys()];

    const profile = JSON.parse(files.get('profile.json')!.toString()) as { name: string; email: string; role: string };
    assert.deepEqual([profile.name, profile.email, profile.role], [PEOPLE.posMember.name, PEOPLE.posMember.email, 'member']);
    const t = JSON.parse(files.get(`tickets/${ticket.number}/ticket.json`)!.toString()) as { subject: string; messages: Array<{ author: string; body: string; files: Array<{ path: string }> }> };
    assert.equal(t.subject, 'Mein Drucker');
    assert.deepEqual(t.messages.map((m) => m.author), ['you', 'support']);
    assert.equal(t.messages[1]!.body, 'Antwort vom Support');
    // The image the member sent, byte for byte.
    assert.deepEqual(files.get(t.messages[0]!.files[0]!.path), Buffer.from(mine));
    // Their reply in the admin's ticket, with its image — but not the admin's ticket itself.
    const more = JSON.parse(files.get('messages-in-other-tickets/messages.json')!.toString()) as Array<{ ticket: string; body: string; files: Array<{ path: string }> }>;
    assert.deepEqual(more.map((m) => [m.ticket, m.body]), [[other.number, 'Meine Ergänzung']]);
    assert.deepEqual(files.get(more[0]!.files[0]!.path), Buffer.from(elsewhere));
    assert.ok(!names.some((n) => n.includes(other.number)), 'no folder of the colleague\'s ticket');
    // Nothing of a colleague anywhere: not their subject, their note, their email, their image.
    for (const [name, bytes] of files) {
      const text = bytes.toString('utf8');
      for (const secret of ['Geheimes Admin-Thema', 'Notiz der Chefin', PEOPLE.posAdmin.email]) assert.ok(!text.includes(secret), `${name} holds "${secret}"`);
      assert.ok(!bytes.equals(Buffer.from(colleagues)), `${name} is the colleague's image`);
    }

    // The manifests: every other file listed with its size and checksum; a readable one in German.
    const manifest = JSON.parse(files.get('manifest.json')!.toString()) as { format: string; counts: { tickets: number; files: number }; files: Array<{ path: string; bytes: number; sha256: string }> };
    assert.equal(manifest.format, 'cadia-personal-data-export');
    // The member's own: the two the seed gave them and this one.
    assert.equal(manifest.counts.tickets, names.filter((n) => n.endsWith('/ticket.json')).length);
    assert.equal(manifest.counts.tickets, 3);
    assert.deepEqual(manifest.files.map((f) => f.path).sort(), names.filter((n) => !['manifest.json', 'LIESMICH.txt'].includes(n)).sort());
    for (const f of manifest.files) {
      assert.equal(f.bytes, files.get(f.path)!.length, f.path);
      assert.equal(f.sha256, createHash('sha256').update(files.get(f.path)!).digest('hex'), f.path);
    }
    const readme = files.get('LIESMICH.txt')!.toString();
    assert.match(readme, /DSGVO Art\. 15 und 20/);
    assert.ok(readme.includes(`${ticket.number}  Mein Drucker`));
  });

  it('English with lang=en; an admin\'s archive holds their orders; refusals: lang 400, agent 403, signed out 401; at most 3 an hour (429 Retry-After)', async () => {
    b = await setup();
    const en = await b.req('/v1/me/export?lang=en', { token: POS });
    assert.equal(en.status, 200);
    assert.match(en.headers.get('content-disposition') ?? '', /Cadia-my-data-10001-/);
    const files = await unzip(Buffer.from(await en.arrayBuffer()));
    assert.match(files.get('README.txt')!.toString(), /GDPR Art\. 15 and 20/);
    const orders = JSON.parse(files.get('orders.json')!.toString()) as Array<{ id: string; status: string }>;
    assert.deepEqual(orders.map((o) => [o.id, o.status]).sort(), [['ord_demo_cancelled', 'cancelled'], ['ord_off_demo_last_year', 'credited']]);
    // The admin's seeded tickets are theirs and in it.
    assert.ok([...files.keys()].some((n) => n.startsWith('tickets/') && n.endsWith('/ticket.json')));

    const bad = await b.req('/v1/me/export?lang=fr', { token: POS });
    assert.equal(bad.status, 400);
    assert.deepEqual((await json<ProblemBody>(bad)).errors?.map((e) => e.field), ['lang']);
    assert.equal((await b.req('/v1/me/export', { token: AGENT })).status, 403);
    assert.equal((await b.req('/v1/me/export')).status, 401);
    // Per person: the admin has used 1 of 3 (the 400 was refused before counting); the member is untouched.
    assert.equal((await b.req('/v1/me/export', { token: POS })).status, 200);
    assert.equal((await b.req('/v1/me/export', { token: POS })).status, 200);
    const limited = await b.req('/v1/me/export', { token: POS });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal((await b.req('/v1/me/export', { token: POS_MEMBER })).status, 200);
  });
});
