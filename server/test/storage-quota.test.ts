/**
 * The per-customer quota on stored files: what one customer's uploads may occupy in all.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { limitsFromEnv } from '../limits.js';
import { json, POS, type ProblemBody, setup, smallPng, TEST_LIMITS, type TestBackend, ticketForm } from './helpers.js';

describe('storage quota per customer', () => {
  let b: TestBackend | undefined;
  afterEach(async () => {
    await b?.close();
    b = undefined;
  });

  it('uploads beyond the quota are refused at the images field (422 storage_quota), nothing stored; text alone still goes', async () => {
    const png = smallPng(40, 30);
    // Room for what the seeded tickets hold plus two such images, not three.
    const probe = await setup();
    const seeded = await probe.count("SELECT COALESCE(SUM(size), 0) AS n FROM attachments WHERE customer_number = '10001'");
    await probe.close();
    b = await setup({ limits: { ...TEST_LIMITS, uploadQuotaBytes: seeded + png.length * 2 + 10 } });
    const stored = async () => b!.count("SELECT COUNT(*) AS n FROM attachments WHERE customer_number = '10001'");
    const before = await stored();
    const first = await b.req('/v1/tickets', { token: POS, idempotent: true, form: ticketForm({}, [{ bytes: png, name: 'a.png' }, { bytes: png, name: 'b.png' }]) });
    assert.equal(first.status, 201);
    const over = await b.req('/v1/tickets', { token: POS, idempotent: true, headers: { 'Accept-Language': 'en' }, form: ticketForm({ subject: 'Noch ein Bild' }, [{ bytes: png, name: 'c.png' }]) });
    assert.equal(over.status, 422);
    const p = await json<ProblemBody>(over);
    assert.deepEqual(p.errors?.map((e) => [e.field, e.code]), [['images', 'storage_quota']]);
    assert.match(p.errors![0]!.message, /storage for files/);
    assert.equal(await b.count("SELECT COUNT(*) AS n FROM tickets WHERE subject = 'Noch ein Bild'"), 0, 'the refused ticket was not filed');
    assert.equal(await stored(), before + 2);
    const textOnly = await b.req('/v1/tickets', { token: POS, idempotent: true, form: ticketForm({ subject: 'Ohne Bild' }) });
    assert.equal(textOnly.status, 201);
  });

  it('UPLOAD_QUOTA_MB sets it; a malformed value stops the start', () => {
    assert.equal(limitsFromEnv({ UPLOAD_QUOTA_MB: '5' }).uploadQuotaBytes, 5 * 1024 * 1024);
    assert.equal(limitsFromEnv({}).uploadQuotaBytes, 1024 * 1024 * 1024);
    assert.throws(() => limitsFromEnv({ UPLOAD_QUOTA_MB: 'viel' }), /UPLOAD_QUOTA_MB/);
  });
});
