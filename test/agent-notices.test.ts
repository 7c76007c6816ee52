/**
 * The desk's known-issue notices (issues 18, 23) against the reference backend, as an agent uses
 * them by keyboard: publish one (refused at the field first: empty title, a range that runs
 * backwards), change it, see who subscribed, set it to fixed with the number of people to be
 * mailed shown before saving — and one mail per subscriber afterwards.
 */
import { sendKeys } from '@web/test-runner-commands';
import { fixture, html, expect } from '@open-wc/testing';
import '../src/define/cadia-agent-desk.js';
import type { CadiaAgentDesk } from '../src/elements/agent-desk/agent-desk.js';
import type { CadiaProvider } from '../src/context/provider.js';
import { freshBackend, waitFor, TOKENS, type TestBackend } from './harness/backend.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const WAIT = 8000;
/** The fixed mail, in German or English (the subscribers here subscribed from a browser asking for English). */
const FIXED_MAILS = "subject LIKE 'Behoben:%' OR subject LIKE 'Fixed:%'";

async function mountDesk(be: TestBackend, locale = 'de'): Promise<CadiaAgentDesk> {
  const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale=${locale} .getToken=${async () => TOKENS.agent}>
    <cadia-agent-desk view="notices" style="height: 760px"></cadia-agent-desk>
  </cadia-provider>`);
  const desk = provider.querySelector('cadia-agent-desk')!;
  await waitFor(() => $$(desk, '.notice-item').length > 0, WAIT, 'the notices');
  return desk;
}

/** Types into a field of the notice form by keyboard, over what it held. */
async function type(desk: CadiaAgentDesk, id: string, value: string) {
  const field = $<HTMLInputElement>(desk, `#${id}`)!;
  field.focus();
  field.select();
  await sendKeys({ type: value });
}

const item = (desk: CadiaAgentDesk, title: string) => $$(desk, '.notice-item').find((b) => text(b).includes(title));
const outcome = (desk: CadiaAgentDesk) => text($(desk, 'form.nf .outcome'));

describe('<cadia-agent-desk> known-issue notices', () => {
  const be = freshBackend();

  it('publishes a notice: refused at the field first, then saved and listed; axe clean', async () => {
    const desk = await mountDesk(be);
    expect(text(item(desk, 'Rechnungsdruck'))).to.contain('Umgehung verfügbar');
    $$<HTMLButtonElement>(desk, 'button').find((b) => text(b) === 'Neuer Hinweis')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(desk, '#nf-h') && text($(desk, '#nf-h')) === 'Neuer Hinweis', WAIT, 'the empty form');
    await type(desk, 'nf-program', 'CadiaOFFICE Warenwirtschaft');
    await type(desk, 'nf-versionFrom', '2026.4.2');
    await type(desk, 'nf-versionTo', '2026.4.0');
    $<HTMLButtonElement>(desk, 'form.nf button[type=submit]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(desk, '#nf-title-err'), WAIT, 'the refusal at the title');
    expect(text($(desk, '#nf-title-err'))).to.equal('Pflichtfeld.');
    expect(text($(desk, '#nf-versionTo-err'))).to.equal('Die Bis-Version liegt vor der Ab-Version.');
    expect($(desk, '#nf-versionTo')!.getAttribute('aria-invalid')).to.equal('true');
    expect(desk.shadowRoot!.activeElement?.id, 'focus on the first refused field').to.equal('nf-title');
    expect(await be.count('notices')).to.equal(2);
    await expect(desk).to.be.accessible();

    await sendKeys({ type: 'Lieferscheine ohne Logo' });
    await type(desk, 'nf-text', 'Im Ausdruck fehlt das Firmenlogo.');
    await type(desk, 'nf-versionTo', '2026.4.3');
    $<HTMLButtonElement>(desk, 'form.nf button[type=submit]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => outcome(desk) === 'Gespeichert.', WAIT, 'saved');
    await waitFor(() => item(desk, 'Lieferscheine ohne Logo'), WAIT, 'listed');
    const [row] = await be.sql<{ program: string; version_from: string; version_to: string; status: string }>("SELECT program, version_from, version_to, status FROM notices WHERE title = 'Lieferscheine ohne Logo'");
    expect(row).to.deep.equal({ program: 'CadiaOFFICE Warenwirtschaft', version_from: '2026.4.2', version_to: '2026.4.3', status: 'investigating' });
  });

  it('changes a notice, shows who subscribed (with the ticket filed for it), and fixing mails each subscriber once', async () => {
    // Two customers' people say "Betrifft mich auch"; one of them filed a ticket for it.
    expect((await be.api('/v1/notices/ntc_demo_print/subscription', { method: 'PUT', token: TOKENS.negativeMember })).status).to.equal(200);
    const form = new FormData();
    for (const [k, v] of Object.entries({ category: 'bug', subject: 'Sammelrechnung bricht ab', description: 'Seit dem Update.', noticeId: 'ntc_demo_print' })) form.set(k, v);
    expect((await be.api('/v1/tickets', { method: 'POST', token: TOKENS.positive, body: form })).status).to.equal(201);

    const desk = await mountDesk(be, 'de');
    await waitFor(() => text(item(desk, 'Rechnungsdruck')).includes('2 Abonnenten'), WAIT, 'the subscriber count');
    item(desk, 'Rechnungsdruck')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $$(desk, 'form.nf tbody tr').length === 2, WAIT, 'the subscribers');
    const rows = $$(desk, 'form.nf tbody tr').map(text);
    expect(rows.some((r) => r.includes('Schneider & Partner'))).to.equal(true);
    expect(rows.find((r) => r.includes('Müller Haustechnik'))).to.match(/T-\d{4}-\d{5}/);

    // Change the workaround only.
    await type(desk, 'nf-workaround', 'Über PDF drucken.');
    $<HTMLButtonElement>(desk, 'form.nf button[type=submit]')!.click();
    await waitFor(() => outcome(desk) === 'Gespeichert.', WAIT, 'saved');
    expect((await be.sql<{ workaround: string }>("SELECT workaround FROM notices WHERE id = 'ntc_demo_print'"))[0]!.workaround).to.equal('Über PDF drucken.');

    // Set to fixed: before saving, the desk says who will be mailed.
    const status = $<HTMLSelectElement>(desk, '#nf-status')!;
    status.value = 'fixed';
    status.dispatchEvent(new Event('change'));
    await type(desk, 'nf-fixedIn', '2026.3.2');
    await waitFor(() => $(desk, '#nf-fix'), WAIT, 'the mail hint');
    expect(text($(desk, '#nf-fix'))).to.equal('Beim Speichern bekommen alle 2 Abonnenten eine E-Mail, dass das Problem behoben ist.');
    const save = $<HTMLButtonElement>(desk, 'form.nf button[type=submit]')!;
    expect(text(save)).to.equal('Speichern und 2 benachrichtigen');
    await expect(desk).to.be.accessible();
    const mailsBefore = await be.count('outbox', FIXED_MAILS);
    save.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => outcome(desk).startsWith('Gespeichert – 2 Abonnenten'), WAIT, 'saved and mailed');
    expect(await be.count('outbox', FIXED_MAILS)).to.equal(mailsBefore + 2);
    await waitFor(() => text(item(desk, 'Rechnungsdruck')).includes('Behoben'), WAIT, 'fixed in the list');
    expect($(desk, '#nf-fix'), 'no second mail announced').to.equal(null);
  });

  it('in English', async () => {
    const desk = await mountDesk(be, 'en');
    item(desk, 'DATEV')!.click();
    await waitFor(() => $(desk, '#nf-h') && text($(desk, 'form.nf .card')).includes('Nobody yet.'), WAIT, 'the form');
    expect(text($(desk, '[role=tab][aria-selected=true]'))).to.equal('Known issues');
    expect(text($(desk, 'label[for], form.nf label'))).to.contain('Title');
    await expect(desk).to.be.accessible();
  });
});
