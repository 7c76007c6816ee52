import { fixture, html, expect } from '@open-wc/testing';
import '../src/define/cadia-provider.js';
import '../src/define/cadia-ticket-list.js';
import type { CadiaTicketList } from '../src/elements/ticket-list/ticket-list.js';
import type { CadiaProvider } from '../src/context/provider.js';
import { freshBackend, waitFor, TOKENS, type TestBackend } from './harness/backend.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const rows = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.row')];
const frame = () => new Promise((r) => requestAnimationFrame(r));

/** 10,000 closed tickets for customer 10002, one minute apart, in one statement. */
async function seedMany(be: TestBackend, n = 10_000) {
  await be.exec(`
    WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n})
    INSERT INTO tickets (id, number, customer_number, category, status, urgency, subject, description, created_at, updated_at)
    SELECT printf('tkt_bulk_%05d', i), printf('T-2019-%05d', i), '10002', 'concern', 'closed', 'normal',
           printf('Frühere Anfrage Nr. %d', i), 'Aus dem Archiv.',
           strftime('%Y-%m-%dT%H:%M:%fZ', '2020-01-01', printf('+%d minutes', i)),
           strftime('%Y-%m-%dT%H:%M:%fZ', '2020-01-01', printf('+%d minutes', i))
    FROM seq;`);
}

describe('<cadia-ticket-list> with 10,000 tickets', function () {
  // Two test pages share two cores; a page in the background gets animation frames late.
  this.timeout(40_000);
  let be: TestBackend;
  let onerror: OnErrorEventHandler;
  const RO_LOOP = 'ResizeObserver loop completed with undelivered notifications';
  const swallow = (e: ErrorEvent) => {
    if (e.message.includes(RO_LOOP)) e.stopImmediatePropagation();
  };
  before(() => {
    // The virtualizer's ResizeObserver can report this harmless loop notice; it is not a failure.
    onerror = window.onerror;
    window.onerror = (msg, ...rest) => (String(msg).includes(RO_LOOP) ? true : onerror?.call(window, msg, ...rest));
    window.addEventListener('error', swallow, true);
  });
  after(() => {
    window.onerror = onerror;
    window.removeEventListener('error', swallow, true);
  });
  beforeEach(async () => {
    be = freshBackend();
    await seedMany(be);
  });

  async function mount() {
    const provider = await fixture<CadiaProvider>(html`<cadia-provider api-base=${be.apiBase} .token=${TOKENS.negative}>
      <cadia-ticket-list page-size="100"></cadia-ticket-list>
    </cadia-provider>`);
    const list = provider.querySelector('cadia-ticket-list') as CadiaTicketList;
    // The virtualizer's first render has one child: wait for real rows.
    await waitFor(() => rows(list).length > 3 && rows(list).length < 100 && $(list, '.rows')!.getBoundingClientRect().height > 2000, 15_000, 'virtualized rows');
    return list;
  }

  it('scrolls smoothly with a bounded number of rows in the DOM while pages load', async () => {
    const list = await mount();
    expect($(list, '[role="list"]')!.getAttribute('aria-label')).to.equal('Tickets, 10003 insgesamt');
    const scroller = $(list, '.scroller')!;
    let loaded = 100;
    let maxRows = 0;
    let maxNodes = 0;
    for (let page = 0; page < 5; page++) {
      scroller.scrollTop = scroller.scrollHeight;
      await waitFor(() => list.shadowRoot!.querySelector('.count')!.textContent!.startsWith(`${loaded + 100} von`), 15_000, `page ${page + 2}`);
      loaded += 100;
      for (let f = 0; f < 5; f++) await frame();
      maxRows = Math.max(maxRows, rows(list).length);
      maxNodes = Math.max(maxNodes, list.shadowRoot!.querySelectorAll('*').length);
    }
    expect(loaded).to.equal(600);
    expect(maxRows).to.be.greaterThan(3);
    expect(maxRows).to.be.lessThan(100);
    expect(maxNodes).to.be.lessThan(1500);
    // The rows on screen are the ones at the scroll position (far down the list), not the first ones.
    const indexes = rows(list).map((r) => Number(r.dataset.index));
    expect(Math.max(...indexes)).to.be.greaterThan(450);
    const last = rows(list).find((r) => Number(r.dataset.index) === Math.max(...indexes))!;
    expect(last.closest('[role="listitem"]')!.getAttribute('aria-posinset')).to.equal(String(Math.max(...indexes) + 1));
    expect(last.closest('[role="listitem"]')!.getAttribute('aria-setsize')).to.equal('10003');
  });

  it('keyboard reaches rows that were not rendered; Back returns to the same place and row', async () => {
    const list = await mount();
    const first = rows(list)[0]!;
    first.focus();
    for (let i = 0; i < 30; i++) {
      list.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
      await waitFor(() => (list.shadowRoot!.activeElement as HTMLElement | null)?.dataset.index === String(i + 1), 8000, `row ${i + 1} focused`);
    }
    const scroller = $(list, '.scroller')!;
    expect(scroller.scrollTop).to.be.greaterThan(1000);
    const focused = list.shadowRoot!.activeElement as HTMLButtonElement;
    const id = focused.dataset.id!;
    const top = scroller.scrollTop;
    focused.click();
    await waitFor(() => $(list, '.detail .subject-h'), 5000, 'detail');
    $<HTMLButtonElement>(list, '.back')!.click();
    await waitFor(() => (list.shadowRoot!.activeElement as HTMLElement | null)?.dataset.id === id, 5000, 'focus on the opened row');
    expect(Math.abs($(list, '.scroller')!.scrollTop - top)).to.be.lessThan(5);
  });
});
