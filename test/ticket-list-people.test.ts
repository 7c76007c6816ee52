/**
 * Who filed what, in the list (issue 16): people who see their company's tickets (admins; members
 * where the customer chose `company`) see each ticket's filer, a colleague's name on their replies
 * and a filter by person; a member who sees only their own tickets sees none of it. Real backend,
 * signed tokens.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-ticket-list.js';
import type { CadiaTicketList } from '../src/elements/ticket-list/ticket-list.js';
import type { CadiaProvider } from '../src/context/provider.js';
import { freshBackend, TOKENS, waitFor, type TestBackend } from './harness/backend.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (el: Element, sel: string) => ($(el, sel)?.textContent ?? '').replace(/\s+/g, ' ').trim();
const rows = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.row')];
const rowText = (el: Element) => rows(el).map((r) => r.textContent!.replace(/\s+/g, ' ').trim());
const personSelect = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLSelectElement>('select')].find((s) => s.closest('label')?.textContent?.includes('Gemeldet von') || s.closest('label')?.textContent?.includes('Filed by'));

async function mount(be: TestBackend, token: string, locale = 'de') {
  const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} locale=${locale} .token=${token}>
    <cadia-ticket-list></cadia-ticket-list>
  </cadia-provider>`);
  const list = provider.querySelector('cadia-ticket-list') as CadiaTicketList;
  // Rows and the signed-in person (whose scope decides about names and the filter) both there.
  await waitFor(() => rows(list).length > 0 && !!provider.store.me.value, 5000, 'ticket rows');
  await list.updateComplete;
  return list;
}

describe('<cadia-ticket-list> filed by and the filter by person', () => {
  let be: TestBackend;
  let memberTickets: string[];
  let total: number;
  beforeEach(async () => {
    be = freshBackend();
    memberTickets = (await be.sql<{ subject: string }>("SELECT subject FROM tickets WHERE contact_id = 'con_demo_10001_member' ORDER BY subject")).map((r) => r.subject);
    total = await be.count('tickets', "customer_number = '10001'");
  });

  it('an admin sees who filed each ticket and narrows the list to one person with the keyboard', async () => {
    const list = await mount(be, TOKENS.positive);
    await waitFor(() => personSelect(list)?.options.length === 3, 5000, 'the company\'s people in the filter');
    const texts = rowText(list);
    expect(texts.filter((t) => t.includes('von Jonas Weber'))).to.have.length(memberTickets.length);
    expect(texts.filter((t) => t.includes('von Ihnen'))).to.have.length(total - memberTickets.length);
    const select = personSelect(list)!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['Alle', 'Jonas Weber', 'Petra Müller (Sie)']);
    await expect(list).to.be.accessible();

    // Keyboard only: from the status filter, Tab to the person filter, choose the next person.
    $<HTMLSelectElement>(list, 'select')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(list.shadowRoot!.activeElement).to.equal(select);
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(() => rows(list).length === memberTickets.length, 5000, 'only Jonas Weber\'s tickets');
    expect(rowText(list).every((t) => t.includes('von Jonas Weber'))).to.equal(true);
    expect(text(list, '.count')).to.contain(`${memberTickets.length} Ticket`);

    // "Show all tickets" when nothing matches resets the person too.
    const search = $<HTMLInputElement>(list, 'input[type=search]')!;
    search.value = 'gibt-es-nicht-xyz';
    search.dispatchEvent(new Event('input'));
    await waitFor(() => !!$(list, '.no-match'), 5000, 'no match');
    $<HTMLButtonElement>(list, '.no-match button')!.click();
    await waitFor(() => rows(list).length === total, 5000, 'every ticket again');
    expect(personSelect(list)!.value).to.equal('');
  });

  it('opening a colleague\'s ticket: the header says who filed it, the thread names them; the admin\'s own reply says "You"', async () => {
    const [ticket] = await be.sql<{ id: string }>("SELECT id FROM tickets WHERE contact_id = 'con_demo_10001_member' AND status != 'closed' LIMIT 1");
    const reply = new FormData();
    reply.set('body', 'Ich übernehme das, Jonas.');
    const sent = await be.api(`/v1/tickets/${ticket!.id}/messages`, { method: 'POST', body: reply, token: TOKENS.positive });
    expect(sent.status).to.equal(201);
    const list = await mount(be, TOKENS.positive, 'en');
    list.ticketId = ticket!.id;
    await waitFor(() => !!$(list, '.thread .message'), 5000, 'the thread');
    expect(text(list, '.detail-head')).to.contain('by Jonas Weber');
    const authors = [...list.shadowRoot!.querySelectorAll('.message .author')].map((a) => a.textContent!.trim());
    expect(authors[0]).to.equal('Jonas Weber');
    expect(authors.at(-1)).to.equal('You');
    await expect(list).to.be.accessible();
  });

  it('a member who sees only their own tickets gets no filter and no names; with company visibility they get both, and the admin\'s reply shows the admin\'s name', async () => {
    let list = await mount(be, TOKENS.positiveMember);
    expect(rows(list)).to.have.length(memberTickets.length);
    expect(rowText(list).some((t) => t.includes(' von '))).to.equal(false);
    expect(personSelect(list)).to.equal(undefined);
    await expect(list).to.be.accessible();

    await be.exec("UPDATE customers SET ticket_visibility = 'company' WHERE number = '10001'");
    const [ticket] = await be.sql<{ id: string }>("SELECT id FROM tickets WHERE contact_id = 'con_demo_10001_member' AND status != 'closed' LIMIT 1");
    const reply = new FormData();
    reply.set('body', 'Bitte schick mir die Fehlermeldung.');
    expect((await be.api(`/v1/tickets/${ticket!.id}/messages`, { method: 'POST', body: reply, token: TOKENS.positive })).status).to.equal(201);
    list.closest('cadia-provider')!.remove();
    list = await mount(be, TOKENS.positiveMember);
    await waitFor(() => rows(list).length === total && personSelect(list)?.options.length === 3, 5000, 'the company\'s tickets and people');
    expect(rowText(list).filter((t) => t.includes('von Petra Müller'))).to.have.length(total - memberTickets.length);
    list.ticketId = ticket!.id;
    await waitFor(() => !!$(list, '.thread .message'), 5000, 'the thread');
    const authors = [...list.shadowRoot!.querySelectorAll('.message .author')].map((a) => a.textContent!.trim());
    expect(authors[0]).to.equal('Sie');
    expect(authors.at(-1)).to.equal('Petra Müller');
  });
});
