/**
 * Scales an image down and re-encodes it, so a 12-megapixel screenshot is uploaded at a sensible
 * size and a photo loses its EXIF data (location, camera) on the way. The work runs in a Worker made
 * from this very function's source, so decoding and encoding never block the page; where a Worker
 * cannot be started (a strict CSP on the host page) it runs on the main thread — still asynchronous
 * (`createImageBitmap`, `convertToBlob`), only the scaling draw is synchronous there.
 */

export interface ShrinkRequest {
  blob: Blob;
  maxEdge: number;
  /** Target type: JPEG for photos, PNG for screenshots (crisp text); PNG falls back to JPEG when too big. */
  type: 'image/png' | 'image/jpeg';
  /** Above this many bytes a PNG result is encoded as JPEG instead. */
  maxPngBytes: number;
}

/**
 * Must stay self-contained (no imports, no outer variables): its source text becomes the Worker.
 * `imageOrientation: 'from-image'` bakes the EXIF rotation into the pixels before EXIF is dropped.
 */
async function shrink(req: ShrinkRequest): Promise<Blob> {
  const bitmap = await createImageBitmap(req.blob, { imageOrientation: 'from-image' });
  const scale = Math.min(1, req.maxEdge / Math.max(bitmap.width, bitmap.height));
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  const draw = (opaque: boolean) => {
    ctx.clearRect(0, 0, w, h);
    // JPEG has no transparency: a white page reads better than black.
    if (opaque) {
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, w, h);
    }
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, w, h);
  };
  draw(req.type === 'image/jpeg');
  let out = await canvas.convertToBlob({ type: req.type, quality: 0.88 });
  if (req.type === 'image/png' && out.size > req.maxPngBytes) {
    draw(true);
    out = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.88 });
  }
  bitmap.close();
  return out;
}

let worker: Worker | null | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (b: Blob) => void; reject: (e: Error) => void }>();

function startWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return (worker = null);
    const src = `const shrink = ${shrink.toString()};
onmessage = async (e) => {
  try { postMessage({ id: e.data.id, blob: await shrink(e.data.req) }); }
  catch (err) { postMessage({ id: e.data.id, error: String(err) }); }
};`;
    const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
    worker = new Worker(url);
    URL.revokeObjectURL(url);
    worker.onmessage = (e: MessageEvent<{ id: number; blob?: Blob; error?: string }>) => {
      const w = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      if (e.data.blob) w?.resolve(e.data.blob);
      else w?.reject(new Error(e.data.error ?? 'shrink failed'));
    };
    // A Worker the page's CSP refuses fails here: everything waiting goes to the main thread.
    worker.onerror = () => {
      worker = null;
      for (const w of waiting.values()) w.reject(new Error('worker unavailable'));
      waiting.clear();
    };
  } catch {
    worker = null;
  }
  return worker;
}

/** Shrinks in the Worker, or on the main thread when no Worker can run. */
export async function shrinkImage(req: ShrinkRequest): Promise<Blob> {
  const w = startWorker();
  if (w) {
    try {
      return await new Promise<Blob>((resolve, reject) => {
        const id = ++nextId;
        waiting.set(id, { resolve, reject });
        w.postMessage({ id, req });
      });
    } catch {
      /* the worker died or could not decode: try once on the main thread */
    }
  }
  return shrink(req);
}
