/**
 * Scales an image down and re-encodes it, so a 12-megapixel screenshot is uploaded at a sensible
 * size and a photo loses its EXIF data (location, camera) on the way.
 *
 * Runs on the main thread, in slices. Decoding (`createImageBitmap`) and encoding (`convertToBlob`)
 * happen off the main thread already; the scaling does not: the canvas rasterises on the main
 * thread, and for 12 megapixels that was one task of about 100 ms (the page froze, like a naive
 * `<canvas>`). So the picture is scaled one band of rows per task, with the page free to paint
 * and take input in between. Each band is cut out of the image first: a smooth downscale reads a
 * half-size copy of its source (a mipmap), and made from the whole image at the first draw that
 * copy alone took 35–120 ms; made from a band it is part of that band's few milliseconds.
 * The result matches one draw of the whole image to within one level in 255 (rounding).
 *
 * Not in a Worker: the SDK may come from another origin than the page (a CDN), where
 * `new Worker(url)` throws, and a `blob:` worker or a string script URL is refused by a strict
 * Content Security Policy (`script-src 'self'`, Trusted Types) and reported to the host as a
 * violation. Slices work on every page.
 */

import { nextTask } from '../base/lazy.js';

export interface ShrinkRequest {
  blob: Blob;
  maxEdge: number;
  /** Target type: JPEG for photos, PNG for screenshots (crisp text); PNG falls back to JPEG when too big. */
  type: 'image/png' | 'image/jpeg';
  /** Above this many bytes a PNG result is encoded as JPEG instead. */
  maxPngBytes: number;
}

/**
 * Source pixels scaled in the first band: about 5 ms on a shared 2-core machine without a GPU. The
 * bands after it follow the time the last one took, aiming at `BAND_MS`, so a slow device cuts
 * thinner bands and still never blocks the page for long.
 */
export const FIRST_BAND_PIXELS = 500_000;
/** What one band's task may take: well under the 50 ms of a long task, and a frame fits between bands. */
export const BAND_MS = 12;
/**
 * Bands start and end on multiples of 16 rows of the source, so their mipmaps average the same
 * pairs of rows as the whole image's would (four levels deep); no seam where two bands meet.
 */
const BAND_ALIGN = 16;

/**
 * A 2D context on a canvas in main memory: reading a pixel back is then free (no GPU round trip,
 * no "multiple readback" warning in the host's console) and the cost per band is predictable.
 */
function context2d(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context');
  ctx.imageSmoothingQuality = 'high';
  return ctx;
}

/**
 * Rasterises what was drawn so far, now, in this task (reading a pixel needs it done); otherwise the
 * canvas decides by its own heuristics, and then several bands at once.
 */
const flush = (ctx: OffscreenCanvasRenderingContext2D, y: number) => void ctx.getImageData(0, y, 1, 1);

/** Draws source rows `sy` … `sy + sRows` (fractional) into canvas rows `y` … `y + rows`, from a band cut out of `source`. */
async function drawBand(ctx: OffscreenCanvasRenderingContext2D, source: ImageBitmap, sy: number, sRows: number, y: number, rows: number): Promise<void> {
  const { width: w } = ctx.canvas;
  const { width: sw, height: sh } = source;
  if (sRows === rows) {
    // Not scaled (a small photo): nothing to prepare.
    ctx.drawImage(source, 0, sy, sw, sRows, 0, y, w, rows);
    return;
  }
  // Enough rows around the band for the filter's reach (about two canvas rows), so edges match.
  const margin = (2 * sRows) / rows;
  const top = Math.max(0, Math.floor((sy - margin) / BAND_ALIGN) * BAND_ALIGN);
  const bottom = Math.min(sh, Math.ceil((sy + sRows + margin) / BAND_ALIGN) * BAND_ALIGN);
  const band = await createImageBitmap(source, 0, top, sw, bottom - top);
  ctx.drawImage(band, 0, sy - top, sw, sRows, 0, y, w, rows);
  band.close();
}

/**
 * Runs `step` for band after band down the canvas, one task each, rasterised in it. The first band
 * has `firstRows` rows; each next one is scaled by how far the last one missed `BAND_MS` (at most
 * halved or doubled per step, so one slow moment does not swing it).
 */
async function bandByBand(ctx: OffscreenCanvasRenderingContext2D, firstRows: number, step: (y: number, rows: number) => void | Promise<void>): Promise<void> {
  const { height } = ctx.canvas;
  let rowsPerBand = Math.max(1, Math.floor(firstRows));
  for (let y = 0; y < height; ) {
    const rows = Math.min(rowsPerBand, height - y);
    const started = performance.now();
    await step(y, rows);
    flush(ctx, y);
    const took = Math.max(1, performance.now() - started);
    rowsPerBand = Math.max(1, Math.round(rows * Math.min(2, Math.max(0.5, BAND_MS / took))));
    y += rows;
    await nextTask();
  }
}

/** JPEG has no transparency: a white page reads better than black. */
const WHITE = '#fff';

/** `imageOrientation: 'from-image'` bakes the EXIF rotation into the pixels before EXIF is dropped. */
async function shrink(req: ShrinkRequest): Promise<Blob> {
  const bitmap = await createImageBitmap(req.blob, { imageOrientation: 'from-image' });
  try {
    const { width: sw, height: sh } = bitmap;
    const scale = Math.min(1, req.maxEdge / Math.max(sw, sh));
    const w = Math.max(1, Math.round(sw * scale));
    const h = Math.max(1, Math.round(sh * scale));
    const canvas = new OffscreenCanvas(w, h);
    const ctx = context2d(canvas);
    // The canvas's first touch allocates and clears its pixels (20 MB at 2560 × 1920): a task of its own.
    flush(ctx, 0);
    await nextTask();
    const opaque = req.type === 'image/jpeg';
    ctx.fillStyle = WHITE;
    await bandByBand(ctx, (FIRST_BAND_PIXELS / sw) * (h / sh), async (y, rows) => {
      if (opaque) ctx.fillRect(0, y, w, rows);
      // The band's source rows in fractional pixels, so neighbouring bands meet without a gap.
      await drawBand(ctx, bitmap, (y * sh) / h, (rows * sh) / h, y, rows);
    });
    const out = await canvas.convertToBlob({ type: req.type, quality: 0.88 });
    if (opaque || out.size <= req.maxPngBytes) return out;
    // Too big as PNG: white behind the picture, in place, and JPEG.
    ctx.globalCompositeOperation = 'destination-over';
    await bandByBand(ctx, FIRST_BAND_PIXELS / w, (y, rows) => ctx.fillRect(0, y, w, rows));
    return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.88 });
  } finally {
    bitmap.close();
  }
}

export function shrinkImage(req: ShrinkRequest): Promise<Blob> {
  return shrink(req);
}
