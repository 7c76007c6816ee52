import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { MAX_IMAGE_BYTES } from '../../src/domain/images.js';
import { MULTIPART_LIMIT } from '../uploads.js';
import { AGENT, bombPng, json, NEG, POS, type ProblemBody, retrying, setup, smallPng, type TestBackend, ticketForm } from './helpers.js';

interface Summary { id: string; number: string; status: string; subject: string; unread: boolean; updatedAt: string }
interface Page { items: Summary[]; nextCursor: string | null; total: number }
interface Attachment { id: string; url: string; contentType: string; width: number; height: number; size: number; fileName: string }
interface Detail extends Summary {
  queuePosition: number | null;
  messages: Array<{ id: string; author: string; body: string; kind: string; attachments: Attachment[] }>;
  timeEntries: Array<{ minutes: number; billable: boolean; chargedMinutes: number }>;
  billing: { bookedMinutes: number; freeMinutes: number; chargedMinutes: number; owed: { amount: number } };
  cc: string; phone: string; calledBefore: boolean; urgency: string; originalCategory: string | null; reclassifiedAt: string | null;
}

const codes = (p: ProblemBody) => (p.errors ?? []).map((e) => [e.field, e.code]);

describe('GET /v1/tickets', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('pages newest first with an opaque cursor, no row twice, total over all pages', async () => {
    b = await setup();
    const seen: Summary[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page: Page = await json<Page>(await b.req(`/v1/tickets?limit=10${q}`, { token: POS }));
      assert.equal(page.total, 31);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 4);
    assert.equal(new Set(seen.map((t) => t.id)).size, 31);
    const sorted = [...seen].sort((a, c) => c.updatedAt.localeCompare(a.updatedAt) || c.id.localeCompare(a.id));
    assert.deepEqual(seen.map((t) => t.id), sorted.map((t) => t.id));
    const first = await json<Page>(await b.req('/v1/tickets', { token: POS }));
    assert.equal(first.items.length, 25, 'default limit');
  });

  it('filters by status (repeated or comma-separated) and only shows the customer\'s own', async () => {
    b = await setup();
    const a = await json<Page>(await b.req('/v1/tickets?status=new&status=waiting_for_customer', { token: POS }));
    const c = await json<Page>(await b.req('/v1/tickets?status=new,waiting_for_customer', { token: POS }));
    assert.deepEqual(a.items.map((t) => t.id), c.items.map((t) => t.id));
    assert.ok(a.items.every((t) => t.status === 'new' || t.status === 'waiting_for_customer'));
    assert.equal(a.total, 3);
    const neg = await json<Page>(await b.req('/v1/tickets', { token: NEG }));
    assert.equal(neg.total, 3);
    assert.ok(neg.items.every((t) => t.id.startsWith('tkt_demo_')));
  });

  it('searches number, subject, description and message bodies; LIKE wildcards are literal', async () => {
    b = await setup();
    const body = await json<Page>(await b.req(`/v1/tickets?q=${encodeURIComponent('Archiv getrennt')}`, { token: POS }));
    assert.deepEqual(body.items.map((t) => t.id), ['tkt_demo_c']);
    const pct = await json<Page>(await b.req(`/v1/tickets?q=${encodeURIComponent('%')}`, { token: POS }));
    assert.deepEqual(pct.items.map((t) => t.id).sort(), ['tkt_demo_b', 'tkt_demo_c']);
    const underscore = await json<Page>(await b.req('/v1/tickets?q=_', { token: POS }));
    assert.equal(underscore.total, 0);
    const number = (await json<Detail>(await b.req('/v1/tickets/tkt_demo_d', { token: POS }))).number;
    const byNumber = await json<Page>(await b.req(`/v1/tickets?q=${number}`, { token: POS }));
    assert.deepEqual(byNumber.items.map((t) => t.id), ['tkt_demo_d']);
  });

  it('422 for a bad status, limit or cursor; 401 without auth', async () => {
    b = await setup();
    for (const [query, field] of [['status=open', 'status'], ['limit=0', 'limit'], ['limit=101', 'limit'], ['limit=ten', 'limit'], ['cursor=garbage', 'cursor']]) {
      const r = await b.req(`/v1/tickets?${query}`, { token: POS });
      assert.equal(r.status, 422, query);
      assert.equal((await json<ProblemBody>(r)).errors?.[0]?.field, field);
    }
    assert.equal((await b.req('/v1/tickets')).status, 401);
  });
});

describe('GET /v1/tickets/{id}', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('returns thread, time, billing and queue position, and marks support replies read', async () => {
    b = await setup();
    const before = await json<Page>(await b.req('/v1/tickets?status=waiting_for_customer', { token: POS }));
    assert.equal(before.items.find((t) => t.id === 'tkt_demo_c')?.unread, true);
    const c = await json<Detail>(await b.req('/v1/tickets/tkt_demo_c', { token: POS }));
    assert.equal(c.unread, false);
    assert.equal(c.queuePosition, null, 'waiting tickets are not queued');
    assert.deepEqual(c.timeEntries.map((e) => e.chargedMinutes), [20, 10]);
    assert.equal(c.billing.chargedMinutes, 30);
    const after = await json<Page>(await b.req('/v1/tickets?status=waiting_for_customer', { token: POS }));
    assert.equal(after.items.find((t) => t.id === 'tkt_demo_c')?.unread, false);

    const a = await json<Detail>(await b.req('/v1/tickets/tkt_demo_a', { token: POS }));
    assert.equal(a.queuePosition, 1, 'urgent first');
    assert.deepEqual(a.messages[0]?.attachments.map((x) => x.fileName), ['Fehlermeldung Lieferschein.png', 'druck.log'], 'a screenshot and a log');
    const bug = await json<Detail>(await b.req('/v1/tickets/tkt_demo_b', { token: POS }));
    assert.equal(bug.queuePosition, 3, 'then by arrival: G, B');
    assert.deepEqual([bug.billing.bookedMinutes, bug.billing.freeMinutes, bug.billing.chargedMinutes], [20, 20, 0]);
    const e = await json<Detail>(await b.req('/v1/tickets/tkt_demo_e', { token: POS }));
    assert.equal(e.originalCategory, 'bug');
    assert.ok(e.reclassifiedAt);
    assert.ok(e.messages.some((m) => m.kind === 'reclassified' && m.author === 'system'));
  });

  it('shows owed money for time the credit did not cover', async () => {
    b = await setup();
    const h = await json<Detail>(await b.req('/v1/tickets/tkt_demo_h', { token: NEG }));
    assert.equal(h.billing.owed.amount, 3 * 1950);
  });

  it('404 for another customer\'s ticket and for unknown ids', async () => {
    b = await setup();
    assert.equal((await b.req('/v1/tickets/tkt_demo_a', { token: NEG })).status, 404);
    assert.equal((await b.req('/v1/tickets/nope', { token: POS })).status, 404);
  });
});

describe('POST /v1/tickets', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('creates a ticket with images, trims text, mails customer and CC', async () => {
    b = await setup();
    const form = ticketForm(
      { category: 'bug', subject: '  Absturz beim Buchen  ', urgency: 'urgent', calledBefore: 'true', cc: 'it@partner.example', phone: '+49 (89) 123-45', program: 'Warenwirtschaft' },
      [{ bytes: smallPng(4, 3), name: 'C:\\Users\\me\\shot.png' }, { bytes: smallPng(8, 2), name: 'zwei.png', type: 'application/octet-stream' }],
    );
    const r = await b.req('/v1/tickets', { token: POS, form, idempotent: true });
    assert.equal(r.status, 201);
    const { ticket, emailedTo } = await json<{ ticket: Detail; emailedTo: string[] }>(r);
    assert.match(ticket.number, /^T-2026-\d{5}$/);
    assert.equal(ticket.subject, 'Absturz beim Buchen');
    assert.equal(ticket.status, 'new');
    assert.equal(ticket.urgency, 'urgent');
    assert.equal(ticket.calledBefore, true);
    assert.equal(ticket.queuePosition, 2, 'behind the older urgent ticket');
    const atts = ticket.messages[0]!.attachments;
    assert.deepEqual(atts.map((a) => [a.fileName, a.contentType, a.width, a.height]), [['shot.png', 'image/png', 4, 3], ['zwei.png', 'image/png', 8, 2]]);
    assert.equal(atts[0]!.url, `v1/attachments/${atts[0]!.id}`);
    assert.deepEqual(emailedTo, ['service@mueller-haustechnik.example', 'it@partner.example']);
    const mails = await b.sql<{ to_addr: string; cc: string }>('SELECT to_addr, cc, subject FROM outbox WHERE subject LIKE ? ORDER BY seq', `[${ticket.number}]%`);
    assert.deepEqual(mails.map((m) => [m.to_addr, JSON.parse(m.cc)]), [['service@mueller-haustechnik.example', []], ['it@partner.example', []]], 'one mail each');
    const list = await json<Page>(await b.req('/v1/tickets?limit=1', { token: POS }));
    assert.equal(list.items[0]?.id, ticket.id);
  });

  it('numbers tickets consecutively', async () => {
    b = await setup();
    const n1 = (await json<{ ticket: Detail }>(await b.req('/v1/tickets', { token: POS, form: ticketForm(), idempotent: true }))).ticket.number;
    const n2 = (await json<{ ticket: Detail }>(await b.req('/v1/tickets', { token: NEG, form: ticketForm(), idempotent: true }))).ticket.number;
    assert.equal(Number(n2.slice(-5)), Number(n1.slice(-5)) + 1);
  });

  it('422 with every field error at once', async () => {
    b = await setup();
    const form = new FormData();
    form.append('category', 'nonsense');
    form.append('subject', 'x'.repeat(201));
    form.append('cc', 'not-an-email');
    form.append('phone', 'call me');
    form.append('urgency', 'asap');
    form.append('calledBefore', 'yes');
    form.append('errorMessage', 'e'.repeat(4001));
    const r = await b.req('/v1/tickets', { token: POS, form, idempotent: true });
    assert.equal(r.status, 422);
    const p = await json<ProblemBody>(r);
    assert.equal(p.code, 'validation_failed');
    assert.deepEqual(codes(p).sort(), [
      ['calledBefore', 'invalid_value'], ['category', 'invalid_value'], ['cc', 'invalid_email'], ['description', 'required'],
      ['errorMessage', 'too_long'], ['phone', 'invalid_phone'], ['subject', 'too_long'], ['urgency', 'invalid_value'],
    ].sort());
    assert.equal(p.errors?.find((e) => e.field === 'subject')?.message, 'Höchstens 200 Zeichen.');
    const blank = await json<ProblemBody>(await b.req('/v1/tickets', { token: POS, form: ticketForm({ subject: '   ' }), idempotent: true }));
    assert.deepEqual(codes(blank), [['subject', 'required']]);
  });

  it('refuses uploads by content: SVG, HTML, renamed exe, empty, image bomb, > 5 MB', async () => {
    b = await setup();
    const png = smallPng();
    const big = Buffer.alloc(MAX_IMAGE_BYTES + 1);
    png.copy(big);
    const cases: Array<[string, Uint8Array, string]> = [
      ['logo.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'not_an_image'],
      ['page.png', Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), 'not_an_image'],
      ['bild.png', Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200)]), 'not_an_image'],
      ['leer.png', new Uint8Array(0), 'empty'],
      ['bomb.png', bombPng(100_000, 100_000), 'too_many_pixels'],
      ['huge.png', big, 'too_large'],
    ];
    for (const [name, bytes, code] of cases) {
      const r = await b.req('/v1/tickets', { token: POS, form: ticketForm({}, [{ bytes: png, name: 'ok.png' }, { bytes, name }]), idempotent: true });
      assert.equal(r.status, 422, name);
      const p = await json<ProblemBody>(r);
      assert.equal(p.code, 'image_rejected', name);
      assert.deepEqual(codes(p), [['images[1]', code]], name);
    }
    const count = (await b.count('SELECT COUNT(*) AS n FROM tickets'));
    assert.equal(count, 34, 'nothing stored');
  });

  it('refuses a 4th image (too_many_images) and a text part named images', async () => {
    b = await setup();
    const four = Array.from({ length: 4 }, (_, i) => ({ bytes: smallPng(), name: `${i}.png` }));
    const r = await b.req('/v1/tickets', { token: POS, form: ticketForm({}, four), idempotent: true });
    assert.equal(r.status, 422);
    const p = await json<ProblemBody>(r);
    assert.equal(p.code, 'too_many_images');
    assert.deepEqual(codes(p), [['images', 'too_many']]);
    const text = await json<ProblemBody>(await b.req('/v1/tickets', { token: POS, form: ticketForm({ images: 'not a file' }), idempotent: true }));
    assert.deepEqual(codes(text), [['images[0]', 'not_an_image']]);
    const mixed = await json<ProblemBody>(await b.req('/v1/tickets', { token: POS, form: ticketForm({ subject: '' }, four), idempotent: true }));
    assert.equal(mixed.code, 'validation_failed', 'text errors and image errors in one answer');
    assert.equal(mixed.errors?.length, 2);
  });

  it('413 beyond the multipart limit (46 MB), 415 for JSON, 400 without Idempotency-Key, 401 without auth', async () => {
    b = await setup();
    const big = ticketForm({ description: 'x'.repeat(MULTIPART_LIMIT + 1) });
    const r = await b.req('/v1/tickets', { token: POS, form: big, idempotent: true });
    assert.equal(r.status, 413);
    assert.equal((await b.req('/v1/tickets', { token: POS, json: { subject: 'x' }, idempotent: true })).status, 415);
    assert.equal((await b.req('/v1/tickets', { token: POS, form: ticketForm() })).status, 400);
    assert.equal((await b.req('/v1/tickets', { form: ticketForm(), idempotent: true })).status, 401);
    assert.equal((await b.req('/v1/tickets', { token: AGENT, form: ticketForm(), idempotent: true })).status, 403);
  });

  it('50 parallel identical submissions with one key create one ticket; another form with the key is a 409', async () => {
    b = await setup();
    const headers = { 'Idempotency-Key': 'form-once' };
    const img = smallPng();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => retrying(() => b.req('/v1/tickets', { token: POS, form: ticketForm({ subject: 'Einmal' }, [{ bytes: img, name: 'a.png' }]), headers }))),
    );
    assert.ok(responses.every((r) => r.status === 201));
    const ids = new Set(await Promise.all(responses.map(async (r) => (await json<{ ticket: Detail }>(r)).ticket.id)));
    assert.equal(ids.size, 1);
    assert.equal((await b.count("SELECT COUNT(*) AS n FROM tickets WHERE subject = 'Einmal'")), 1);
    assert.equal((await b.count("SELECT COUNT(*) AS n FROM outbox WHERE subject LIKE '%Einmal'")), 1);
    const other = await b.req('/v1/tickets', { token: POS, form: ticketForm({ subject: 'Einmal' }, [{ bytes: smallPng(5, 5), name: 'a.png' }]), headers });
    assert.equal(other.status, 409, 'same text, other image bytes');
    assert.equal((await json<ProblemBody>(other)).code, 'idempotency_conflict');
  });
});

describe('POST /v1/tickets/{id}/messages', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  const reply = (body: string, images: Array<{ bytes: Uint8Array; name: string }> = []) => {
    const form = new FormData();
    form.append('body', body);
    for (const img of images) form.append('images', new Blob([img.bytes]), img.name);
    return form;
  };

  it('adds a reply with an image; a ticket waiting for the customer goes back in progress', async () => {
    b = await setup();
    const r = await b.req('/v1/tickets/tkt_demo_c/messages', { token: POS, form: reply('  Mit der Option klappt es.  ', [{ bytes: smallPng(), name: 'ok.png' }]), idempotent: true });
    assert.equal(r.status, 201);
    const { message } = await json<{ message: Detail['messages'][number] & { authorName: string } }>(r);
    assert.equal(message.body, 'Mit der Option klappt es.');
    assert.equal(message.author, 'customer');
    assert.equal(message.attachments.length, 1);
    const t = await json<Detail>(await b.req('/v1/tickets/tkt_demo_c', { token: POS }));
    assert.equal(t.status, 'in_progress');
    assert.equal(t.messages.at(-1)?.id, message.id);
  });

  it('replays with the same key, 404 for another customer\'s ticket, 422 without body or with 4 images', async () => {
    b = await setup();
    const headers = { 'Idempotency-Key': 'reply-1' };
    const a = await b.req('/v1/tickets/tkt_demo_g/messages', { token: POS, form: reply('Danke'), headers });
    const again = await b.req('/v1/tickets/tkt_demo_g/messages', { token: POS, form: reply('Danke'), headers });
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await again.json(), await a.json());
    assert.equal((await b.req('/v1/tickets/tkt_demo_g/messages', { token: NEG, form: reply('Hallo'), idempotent: true })).status, 404);
    const empty = await b.req('/v1/tickets/tkt_demo_g/messages', { token: POS, form: reply(' '), idempotent: true });
    assert.deepEqual(codes(await json<ProblemBody>(empty)), [['body', 'required']]);
    const four = Array.from({ length: 4 }, (_, i) => ({ bytes: smallPng(), name: `${i}.png` }));
    const many = await b.req('/v1/tickets/tkt_demo_g/messages', { token: POS, form: reply('Bilder', four), idempotent: true });
    assert.equal((await json<ProblemBody>(many)).code, 'too_many_images');
  });
});

describe('GET /v1/attachments/{id}', () => {
  let b: TestBackend;
  afterEach(() => b.close());

  it('serves the bytes with sniffed type and safe headers', async () => {
    b = await setup();
    const r = await b.req('/v1/attachments/att_demo_a_1', { token: POS });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'image/png');
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.match(r.headers.get('cache-control') ?? '', /^private/);
    assert.equal(r.headers.get('content-disposition'), "attachment; filename*=UTF-8''Fehlermeldung%20Lieferschein.png");
    const bytes = new Uint8Array(await r.arrayBuffer());
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  });

  it('404 for another customer, 401 without auth or with the token in the URL, the agent allowed', async () => {
    b = await setup();
    assert.equal((await b.req('/v1/attachments/att_demo_a_1', { token: NEG })).status, 404);
    assert.equal((await b.req('/v1/attachments/att_demo_a_1')).status, 401);
    assert.equal((await b.req(`/v1/attachments/att_demo_a_1?token=${POS}`)).status, 401);
    assert.equal((await b.req('/v1/attachments/att_demo_a_1', { token: POS })).status, 200);
    assert.equal((await b.req('/v1/attachments/att_demo_a_1', { token: AGENT })).status, 200);
  });
});
