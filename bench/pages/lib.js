// Helpers the bench pages share. A page settles `window.__finished` with its figures (or an
// error); scripts/bench.mjs awaits it.

/** Resolves with `performance.now()` at the first DOM mutation (in `roots`) after which `check()` holds. */
export function until(roots, check, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    if (check()) return resolve(performance.now());
    const mo = new MutationObserver(() => {
      if (!check()) return;
      mo.disconnect();
      clearTimeout(timer);
      resolve(performance.now());
    });
    for (const r of roots) mo.observe(r, { subtree: true, childList: true, characterData: true, attributes: true });
    const timer = setTimeout(() => {
      mo.disconnect();
      reject(new Error('timed out waiting for the page'));
    }, timeoutMs);
  });
}

/** The same, for a condition that also depends on things a MutationObserver cannot see. */
export function poll(check, timeoutMs = 30_000) {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) return resolve(performance.now());
      if (performance.now() - start > timeoutMs) return reject(new Error('timed out waiting for the page'));
      setTimeout(tick, 5);
    };
    tick();
  });
}

// The runner awaits this promise (one call, no polling that would add main-thread work). The
// time stamp marks the end of the measured span in a Chromium trace.
let finish;
window.__finished = new Promise((resolve) => (finish = resolve));

export function report(result) {
  console.timeStamp('bench-done');
  finish({ ok: true, result });
}

export function fail(err) {
  finish({ ok: false, error: String(err?.stack ?? err) });
}

export const params = new URLSearchParams(location.search);

/** Collects long tasks (≥ 50 ms) while `fn` runs. */
export async function withLongTasks(fn) {
  const tasks = [];
  const po = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
  po.observe({ type: 'longtask' });
  const value = await fn();
  await new Promise((r) => setTimeout(r, 0));
  tasks.push(...po.takeRecords().map((e) => e.duration));
  po.disconnect();
  return { value, longTasks: tasks.length, longestTask: Math.max(0, ...tasks) };
}

/** Runs `step(frame)` once per animation frame for `ms`, returning the frame intervals. */
export function frames(ms, step) {
  return new Promise((resolve) => {
    const gaps = [];
    let last;
    let n = 0;
    const end = performance.now() + ms;
    const tick = (t) => {
      if (last !== undefined) gaps.push(t - last);
      last = t;
      step(n++);
      if (t < end) requestAnimationFrame(tick);
      else resolve(gaps);
    };
    requestAnimationFrame(tick);
  });
}
