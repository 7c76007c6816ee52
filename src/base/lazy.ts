/** Small scheduling helpers shared by the elements and controllers. */

/**
 * A dynamic import made once per page. A failed one (offline, or a deploy in between) is tried
 * again on the next call instead of failing for good.
 */
export function lazyImport<T>(load: () => Promise<T>): () => Promise<T> {
  let module: Promise<T> | undefined;
  return () =>
    (module ??= load().catch((e: unknown) => {
      module = undefined;
      throw e;
    }));
}

/**
 * Resolves in a new task of ordinary priority, so the page paints and handles input in between.
 * A MessageChannel, not `setTimeout` (clamped to 4 ms once nested, throttled to once a second in a
 * background tab) nor `scheduler.yield()` (its continuations jump the queue and starve frames).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
