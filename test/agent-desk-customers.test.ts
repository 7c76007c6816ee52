/**
 * The desk's customers panel against the reference backend, as an agent signed in with a signed
 * token uses it: people and their roles; installation keys created and shown once, used by the
 * ERP, revoked after a confirmation — by keyboard — and a second revoke refused at the key with
 * nothing changed; the statement as CSV and PDF; a correction refused at its fields, then booked
 * with before → after shown first; and the customer's own page following renewal and correction live.
 */
import { sendKeys } from '@web/test-runner-commands';
import { fixture, html, expect } from '@open-wc/testing';
import '../src/define/cadia-agent-desk.js';
import '../src/define/cadia-credit-badge.js';
import '../src/define/cadia-package-shop.js';
import type { CadiaAgentDesk } from '../src/elements/agent-desk/agent-desk.js';
import type { CadiaProvider } from '../src/context/provider.js';
import { freshBackend, waitFor, TOKENS, type TestBackend } from './harness/backend.js';
import { typeInto } from './harness/dom.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const active = (desk: Element) => desk.shadowRoot!.activeElement;

/** The desk on its customers tab with `customer` open. */
async function openCustomer(be: TestBackend, customer: RegExp, locale = 'de'): Promise<CadiaAgentDesk> {
  const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale=${locale} .getToken=${async () => TOKENS.agent}>
    <cadia-agent-desk style="height: 820px; width: 1280px"></cadia-agent-desk>
  </cadia-provider>`);
  const desk = provider.querySelector('cadia-agent-desk')!;
  await waitFor(() => desk.shadowRoot!.querySelector('.live.on'), 8000, 'the live stream');
  $(desk, '#tab-customers')!.click();
  await waitFor(() => $$(desk, 'table.customers button.link').length === 2, 8000, 'the customers (a lazy chunk)');
  $$(desk, 'table.customers button.link').find((b) => customer.test(text(b)))!.click();
  await waitFor(() => customer.test(text($(desk, '#c-h'))) && $(desk, 'table.statement') && $(desk, 'table.contacts') && $(desk, '#key-label'), 8000, 'the customer');
  return desk;
}

const exchange = (be: TestBackend, key: string) =>
  fetch(`${be.apiBase}/v1/auth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ key, email: 'lager@mueller-haustechnik.example', name: 'Lager Eins' }) });

const keyRow = (desk: Element, label: string) => $$(desk, '.keys .key').find((k) => text(k.querySelector('strong')) === label);

describe('<cadia-agent-desk> customers panel', () => {
  const be = freshBackend();

  it('keys and roles by keyboard: a key shown once, used by the ERP, its person made admin, revoked after "yes"; a colleague\'s earlier revoke is refused at the key, nothing changed', async () => {
    const desk = await openCustomer(be, /Müller/);
    // People who sign in through the customer's own system: their role comes from there.
    expect(text($(desk, 'table.contacts'))).to.contain('Petra Müller').and.contain('über die Anmeldung des Kunden');
    expect($$(desk, 'table.contacts select')).to.have.length(0);

    // Create a key with the keyboard: label, Enter. The key is shown once, focused, with the warning.
    $(desk, '#key-label')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => text($(desk, '#key-label-err')) === 'Bitte eine Bezeichnung angeben, z. B. den Arbeitsplatz.', 3000, 'label required');
    expect($(desk, '#key-label')!.getAttribute('aria-invalid')).to.equal('true');
    expect(await be.count('installation_keys', "customer_number = '10001'")).to.equal(0);
    await sendKeys({ type: 'Lager-PC' });
    await sendKeys({ press: 'Enter' });
    const secretField = await waitFor(() => $<HTMLInputElement>(desk, '#key-secret'), 5000, 'the new key');
    const secret = secretField.value;
    expect(secret).to.match(/^cik_[\w-]{43}$/);
    await waitFor(() => active(desk)?.id === 'key-secret', 3000, 'focus on the key');
    expect(text($(desk, '.secret'))).to.contain('Dieser Schlüssel wird nicht noch einmal angezeigt.');
    await waitFor(() => keyRow(desk, 'Lager-PC'), 5000, 'the key in the list');
    expect(text(keyRow(desk, 'Lager-PC'))).to.contain('aktiv').and.contain('Zuletzt benutzt noch nie');
    // Only the hash is stored.
    expect(await be.count('installation_keys', 'hash = ?', secret)).to.equal(0);
    $$(desk, '.secret button').find((b) => text(b) === 'Kopieren')!.click();
    await waitFor(() => /kopiert|Strg\+C/.test(text($(desk, '.secret .outcome'))), 3000, 'copied (or selected for Ctrl+C)');
    await expect(desk).to.be.accessible();
    $$(desk, '.secret button').find((b) => /ausblenden/.test(text(b)))!.click();
    await desk.updateComplete;
    expect($(desk, '#key-secret'), 'gone once hidden').to.equal(null);
    expect(desk.shadowRoot!.innerHTML).to.not.contain(secret);

    // The ERP signs a person in with it: a person this backend manages, so the desk may make them admin.
    expect((await exchange(be, secret)).status).to.equal(200);
    $$(desk, 'table.customers button.link')[1]!.click();
    await waitFor(() => /Schneider/.test(text($(desk, '#c-h'))), 5000, 'the other customer');
    $$(desk, 'table.customers button.link')[0]!.click();
    const [person] = await be.sql<{ id: string }>("SELECT id FROM contacts WHERE email = 'lager@mueller-haustechnik.example'");
    const role = await waitFor(() => $<HTMLSelectElement>(desk, `#role-${person!.id}`), 5000, 'the ERP person with a role to choose');
    // The key now shows when the ERP last used it.
    await waitFor(() => /Zuletzt benutzt \d{2}\.\d{2}\.\d{4}/.test(text(keyRow(desk, 'Lager-PC'))), 5000, 'the key’s last use');
    role.value = 'admin';
    role.dispatchEvent(new Event('change'));
    await desk.updateComplete;
    role.parentElement!.querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => text($(desk, `#role-out-${person!.id}`)) === 'Lager Eins ist jetzt Admin.', 5000, 'role saved');
    expect((await be.sql<{ role: string }>('SELECT role FROM contacts WHERE id = ?', person!.id))[0]!.role).to.equal('admin');

    // A laptop (1024 px) and a desktop (1440 px): the people table (a role select, dates) and the
    // statement stay inside their cards (at 1024 the people table ran past its card into the side column).
    for (const width of [1024, 1440]) {
      desk.style.width = `${width}px`;
      await new Promise((r) => requestAnimationFrame(r));
      for (const table of $$(desk, '.card table')) {
        const card = table.closest('.card')!.getBoundingClientRect();
        expect(table.getBoundingClientRect().right, `${width}: ${table.className} inside its card`).to.be.at.most(card.right + 0.5);
      }
    }
    desk.style.width = '1280px';

    // Revoke by keyboard: the button asks first, "yes" has the focus, Enter revokes.
    const [{ id: keyId }] = (await be.sql<{ id: string }>("SELECT id FROM installation_keys WHERE label = 'Lager-PC'")) as [{ id: string }];
    $(desk, `#key-revoke-${keyId}`)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => active(desk)?.id === `key-yes-${keyId}`, 3000, 'the confirmation');
    expect(text($(desk, `#key-ask-${keyId}`))).to.contain('Das ERP dieser Installation wird sofort abgemeldet.');
    await expect(desk).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => text($(desk, `#key-out-${keyId}`)) === '„Lager-PC“ ist widerrufen.', 5000, 'revoked');
    await waitFor(() => /widerrufen \d/.test(text(keyRow(desk, 'Lager-PC'))), 5000, 'shown as revoked');
    expect((await exchange(be, secret)).status).to.equal(401);

    // A second key, revoked meanwhile by a colleague: this page still offers the button.
    await typeInto(desk, '#key-label', 'Kasse');
    $(desk, '.key-form button[type=submit]')!.click();
    await waitFor(() => keyRow(desk, 'Kasse'), 5000, 'the second key');
    const [{ id: kasse }] = (await be.sql<{ id: string }>("SELECT id FROM installation_keys WHERE label = 'Kasse'")) as [{ id: string }];
    expect((await be.api(`/v1/agent/customers/10001/keys/${kasse}/revoke`, { method: 'POST' })).status).to.equal(200);
    const [{ revoked_at: before }] = (await be.sql<{ revoked_at: string }>('SELECT revoked_at FROM installation_keys WHERE id = ?', kasse)) as [{ revoked_at: string }];
    $(desk, `#key-revoke-${kasse}`)!.click();
    await desk.updateComplete;
    $(desk, `#key-yes-${kasse}`)!.click();
    await waitFor(() => text($(desk, `#key-out-${kasse}`)) === 'Dieser Schlüssel ist bereits widerrufen; es wurde nichts geändert.', 5000, 'second revoke refused at the key');
    expect($(desk, `#key-out-${kasse}`)!.classList.contains('bad')).to.equal(true);
    await waitFor(() => !$(desk, `#key-revoke-${kasse}`), 5000, 'the list shows it revoked');
    expect((await be.sql<{ revoked_at: string }>('SELECT revoked_at FROM installation_keys WHERE id = ?', kasse))[0]!.revoked_at).to.equal(before);
    await expect(desk).to.be.accessible();
  });

  it('statement as CSV and PDF; a correction refused at its fields, then booked with before → after first; the customer\'s page follows renewal and correction live (English)', async () => {
    // The customer's own page: the badge and the shop of 10002 (credit below zero, its offer expired).
    const customer = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale="en" .token=${TOKENS.negative}>
      <cadia-credit-badge></cadia-credit-badge><cadia-package-shop></cadia-package-shop>
    </cadia-provider>`);
    const badge = customer.querySelector('cadia-credit-badge')!;
    const shop = customer.querySelector('cadia-package-shop')!;
    await waitFor(() => text($(badge, '[part~="value"]')) === '−40 min', 5000, 'the customer’s credit');
    await waitFor(() => $(shop, '[part~="package"]'), 5000, 'the shop');

    const desk = await openCustomer(be, /Schneider/, 'en');
    const month = $<HTMLInputElement>(desk, '#stm-month')!.value;
    for (const format of ['CSV', 'PDF']) {
      $$(desk, '.stm-tools button').find((b) => text(b) === format)!.click();
      await waitFor(() => text($(desk, '#stm-out')) === `Cadia-statement-10002-${month}.${format.toLowerCase()} saved.`, 8000, `${format} from the server`);
    }

    // Bad input: refused at each field, focus on the first, nothing booked.
    const corrections = () => be.count('credit_movements', "customer_number = '10002' AND kind = 'correction'");
    const before = await corrections();
    for (const bad of ['0', '6001', 'abc', '']) {
      await typeInto(desk, '#cor-min', bad);
      await typeInto(desk, '#cor-note', '');
      $(desk, 'form[aria-labelledby="cor-h"] button[type=submit]')!.click();
      await waitFor(() => text($(desk, '#cor-min-err')) === 'Please give whole minutes from −6000 to 6000, not 0.', 3000, `minutes ${bad} refused`);
      expect(text($(desk, '#cor-note-err'))).to.equal('Please give a reason – the customer reads it on the statement.');
      expect($(desk, '#cor-min')!.getAttribute('aria-invalid')).to.equal('true');
      expect($(desk, '#cor-note')!.getAttribute('aria-invalid')).to.equal('true');
      await waitFor(() => active(desk)?.id === 'cor-min', 3000, 'focus on the minutes');
    }
    expect(await corrections()).to.equal(before);

    // The credit before → after is shown before saving.
    await typeInto(desk, '#cor-min', '+15');
    expect(text($(desk, '#cor-preview'))).to.equal('Credit −40 min → −25 min');
    await typeInto(desk, '#cor-note', 'Booked twice on 2 Dec');
    $(desk, 'form[aria-labelledby="cor-h"] button[type=submit]')!.click();
    await waitFor(() => text($(desk, '#cor-out')) === 'Correction booked: +15 min. Credit now −25 min.', 5000, 'booked');
    expect(await corrections()).to.equal(before + 1);
    // Live: the desk's statement and credit, and the customer's badge.
    await waitFor(() => $$(desk, 'table.statement tbody tr').some((r) => /Booked twice on 2 Dec/.test(text(r)) && /\+15 min/.test(text(r))), 5000, 'the correction on the statement');
    await waitFor(() => text($(desk, '.facts .big')) === '−25 min', 5000, 'the desk’s credit');
    await waitFor(() => text($(badge, '[part~="value"]')) === '−25 min', 5000, 'the customer’s badge, live');

    // Renewing the licence: the loyalty offer appears in the customer's shop and badge, live.
    $$(desk, 'button.primary').find((b) => text(b) === 'Renew licence')!.click();
    await waitFor(() => /Licence renewed/.test(text($(desk, '.offers ~ .row ~ .outcome'))), 5000, 'renewed');
    await waitFor(() => $(shop, '[part~="offers"] [data-id]:not(.expired)'), 5000, 'the offer in the customer’s shop, live');
    await waitFor(() => $(badge, '[part~="offer"]'), 5000, 'the offer hint on the badge, live');
    await expect(desk).to.be.accessible();
  });
});

describe('<cadia-agent-desk> customers panel: cancelling an order', () => {
  const be = freshBackend();

  it('by keyboard, after a reason and "yes": the order shows cancelled, the credit is corrected and the person mailed; a colleague\'s earlier cancel is refused at the order, nothing booked twice', async () => {
    // The customer orders once more, so two orders are credited: the seeded one and this one.
    const placed = await be.api<{ order: { id: string } }>('/v1/orders', { method: 'POST', token: TOKENS.negative, json: { packageId: 'pkg-60' } });
    expect(placed.status).to.equal(201);
    const second = placed.body.order.id;
    const desk = await openCustomer(be, /Schneider/);
    const credit = () => text($(desk, '.facts .big'));
    const creditBefore = await waitFor(() => credit(), 5000, 'the credit');
    const row = (id: string) => $(desk, `#ord-out-${id}`)?.closest('li');
    await waitFor(() => row('ord_demo_pkg') && row(second), 5000, 'the orders');
    expect(text(row('ord_demo_pkg'))).to.contain('Supportpaket 60').and.contain('gutgeschrieben').and.contain('+1 Std.');

    // "Cancel" asks first: the reason has the focus; without one nothing is sent.
    $(desk, '#ord-cancel-ord_demo_pkg')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => active(desk)?.id === 'ord-note-ord_demo_pkg', 3000, 'the reason field');
    expect(text($(desk, '#ord-ask-ord_demo_pkg'))).to.contain('„Supportpaket 60“ stornieren?').and.contain(creditBefore);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => text($(desk, '#ord-note-err-ord_demo_pkg')) === 'Bitte einen Grund angeben – der Kunde liest ihn im Kontoauszug.', 3000, 'reason required');
    expect($(desk, '#ord-note-ord_demo_pkg')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(desk).to.be.accessible();
    const corrections = (order: string) => be.count('credit_movements', "kind = 'correction' AND order_id = ?", order);
    expect(await corrections('ord_demo_pkg')).to.equal(0);

    await sendKeys({ type: 'Versehentlich bestellt' });
    await sendKeys({ press: 'Enter' });
    const done = await waitFor(() => /^„Supportpaket 60“ storniert; Guthaben jetzt .+$/.test(text($(desk, '#ord-out-ord_demo_pkg'))) && text($(desk, '#ord-out-ord_demo_pkg')), 5000, 'cancelled');
    await waitFor(() => active(desk)?.id === 'ord-out-ord_demo_pkg', 3000, 'focus on the outcome');
    // The order shows cancelled with its reason; the credit and the statement show the correction.
    await waitFor(() => /storniert am \d{2}\.\d{2}\.\d{4}/.test(text(row('ord_demo_pkg'))) && !$(desk, '#ord-cancel-ord_demo_pkg'), 5000, 'shown as cancelled');
    expect(text(row('ord_demo_pkg'))).to.contain('Versehentlich bestellt');
    await waitFor(() => done.endsWith(`Guthaben jetzt ${credit()}`) && credit() !== creditBefore, 5000, 'the desk’s credit');
    await waitFor(() => $$(desk, 'table.statement tbody tr').some((r) => /Versehentlich bestellt · Supportpaket 60/.test(text(r)) && /−1 Std\./.test(text(r))), 5000, 'the correction on the statement');
    expect((await be.sql<{ status: string; cancel_note: string }>("SELECT status, cancel_note FROM orders WHERE id = 'ord_demo_pkg'"))[0]).to.deep.equal({ status: 'cancelled', cancel_note: 'Versehentlich bestellt' });
    expect(await corrections('ord_demo_pkg')).to.equal(1);
    expect(await be.count('outbox', "subject = 'Bestellung storniert: Supportpaket 60'")).to.equal(1);

    // The other order, cancelled meanwhile by a colleague: this page still offers the button.
    $(desk, `#ord-cancel-${second}`)!.click();
    await desk.updateComplete;
    await typeInto(desk, `#ord-note-${second}`, 'Doppelt');
    expect((await be.api(`/v1/agent/orders/${second}/cancel`, { method: 'POST', json: { note: 'Kollegin war schneller' } })).status).to.equal(200);
    $(desk, `#ord-ask-${second}`)!.closest('form')!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitFor(() => text($(desk, `#ord-out-${second}`)) === 'Diese Bestellung ist bereits storniert; es wurde nichts geändert.', 5000, 'refused at the order');
    expect($(desk, `#ord-out-${second}`)!.classList.contains('bad')).to.equal(true);
    await waitFor(() => !$(desk, `#ord-cancel-${second}`) && /Kollegin war schneller/.test(text(row(second))), 5000, 'the list shows it cancelled');
    expect(await corrections(second)).to.equal(1);
    await expect(desk).to.be.accessible();
  });
});
