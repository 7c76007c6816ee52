// A customer with 10,000 tickets (demo-negative on the bench server).
//   ?v=sdk    <cadia-ticket-list> (pages through the API, virtualizes long lists)
//   ?v=naive  every page fetched, then `items.map` renders all rows (the baseline)
// Reports the time to the first rows, then scrolls the list for a fixed time: frame intervals,
// long tasks and the most DOM elements seen.
const t0 = performance.now();
import { until, poll, report, fail, params, frames, withLongTasks } from './lib.js';
import { NEG } from './tokens.js';

const host = document.getElementById('host');
const SCROLL_MS = Number(params.get('scroll') ?? 4000);
const STEP_PX = 120;

const countElements = (root) => root.querySelectorAll('*').length;

async function run() {
  const v = params.get('v');
  let root;
  let scroller;
  let firstRows;
  let rowCount;
  if (v === 'naive') {
    await import('/bench-build/naive-list.js');
    const el = document.createElement('naive-list');
    el.token = NEG;
    host.append(el);
    firstRows = (await until([el.renderRoot], () => !!el.renderRoot.querySelector('li'))) - t0;
    root = el.renderRoot;
    scroller = root.querySelector('.scroller');
    rowCount = () => root.querySelectorAll('li').length;
  } else {
    await Promise.all([import('/dist/cdn/cadia-provider.js'), import('/dist/cdn/cadia-ticket-list.js')]);
    const provider = document.createElement('cadia-provider');
    provider.setAttribute('api-base', '/api');
    provider.token = NEG;
    const list = document.createElement('cadia-ticket-list');
    provider.append(list);
    host.append(provider);
    root = list.shadowRoot;
    firstRows = (await until([root], () => !!root.querySelector('[part~=item]'))) - t0;
    // Scroll once the list has switched to its long-list mode (the virtualizer is lazy).
    await poll(() => !!root.querySelector('[part=scroller]') && root.querySelector('[part=scroller]').scrollHeight > root.querySelector('[part=scroller]').clientHeight * 2, 15_000);
    scroller = root.querySelector('[part=scroller]');
    rowCount = () => root.querySelectorAll('[part~=item]').length;
  }
  const domAtStart = countElements(root);
  let maxDom = domAtStart;
  const { value: gaps, longTasks, longestTask } = await withLongTasks(() =>
    frames(SCROLL_MS, () => {
      scroller.scrollTop += STEP_PX;
      maxDom = Math.max(maxDom, countElements(root));
    }),
  );
  gaps.sort((a, b) => a - b);
  return {
    firstRows,
    domAtStart,
    maxDom,
    rowsInDom: rowCount(),
    scrolledPx: scroller.scrollTop,
    frames: gaps.length,
    frameP50: gaps[Math.floor(gaps.length * 0.5)],
    frameP95: gaps[Math.floor(gaps.length * 0.95)],
    frameMax: gaps.at(-1),
    longTasks,
    longestTask,
  };
}

run().then(report, fail);
