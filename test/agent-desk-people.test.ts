/**
 * The desk's queue by person (issue 16): with a customer chosen, a filter "Gemeldet von" lists that
 * customer's people and narrows the queue to the tickets one of them filed; each queue row names its
 * filer. Real backend, the agent's signed token, keyboard and axe.
 */
import { sendKeys } from '@web/test-runner-commands';
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define/cadia-agent-desk.js';
import type { CadiaAgentDesk } from '../src/elements/agent-desk/agent-desk.js';
import type { CadiaProvider } from '../src/context/provider.js';
import { freshBackend, TOKENS, waitFor } from './harness/backend.js';

const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const select = (desk: Element, label: string) => $$<HTMLSelectElement>(desk, '.filters label').find((l) => text(l).startsWith(label))?.querySelector('select') ?? null;
const rows = (desk: Element) => $$(desk, '[role=option]');

describe('<cadia-agent-desk> queue by person', () => {
  const be = freshBackend();

  it('choose a customer, then one of its people (keyboard): only the tickets that person filed, each row naming them', async () => {
    const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale="de" .token=${TOKENS.agent}>
      <cadia-agent-desk style="height: 760px"></cadia-agent-desk>
    </cadia-provider>`);
    const desk = provider.querySelector('cadia-agent-desk') as CadiaAgentDesk;
    await waitFor(() => rows(desk).length > 0, 8000, 'the queue');
    expect(select(desk, 'Gemeldet von'), 'no person filter before a customer is chosen').to.equal(null);
    // Every status, so the count is the person's tickets in all.
    $$(desk, '.chip').find((c) => text(c).startsWith('Alle'))!.click();
    const jonas = await be.count('tickets', "contact_id = 'con_demo_10001_member'");
    const all10001 = await be.count('tickets', "customer_number = '10001'");

    const customer = select(desk, 'Kunde')!;
    customer.value = '10001';
    customer.dispatchEvent(new Event('change'));
    await waitFor(() => rows(desk).length === all10001 && (select(desk, 'Gemeldet von')?.options.length ?? 0) === 3, 8000, 'the customer\'s tickets and people');
    const person = select(desk, 'Gemeldet von')!;
    expect([...person.options].map((o) => text(o))).to.deep.equal(['Alle', 'Petra Müller', 'Jonas Weber']);
    expect(rows(desk).every((r) => /\((Petra Müller|Jonas Weber)\)/.test(text(r)))).to.equal(true);
    await expect(desk).to.be.accessible();

    // Keyboard only: from the customer filter, Tab past urgency to the person filter, pick the next one twice.
    customer.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(desk.shadowRoot!.activeElement).to.equal(person);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(() => rows(desk).length === jonas && rows(desk).every((r) => text(r).includes('(Jonas Weber)')), 8000, 'only Jonas Weber\'s tickets');

    // Another customer: the person filter starts over with that customer's people.
    customer.value = '10002';
    customer.dispatchEvent(new Event('change'));
    await waitFor(() => [...(select(desk, 'Gemeldet von')?.options ?? [])].some((o) => text(o) === 'Murat Yılmaz'), 8000, '10002\'s people');
    expect(select(desk, 'Gemeldet von')!.value).to.equal('');
    await waitFor(() => rows(desk).length === 0 || rows(desk).every((r) => text(r).includes('Schneider')), 8000, '10002\'s tickets');
  });
});
