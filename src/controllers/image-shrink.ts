/**
 * Scales an image down and re-encodes it, so a 12-megapixel screenshot is uploaded at a sensible
 * size and a photo loses its EXIF data (location, camera) on the way.
 */

export interface ShrinkRequest {
  blob: Blob;
  maxEdge: number;
  /** Target type: JPEG for photos, PNG for screenshots (crisp text); PNG falls back to JPEG when too big. */
  type: 'image/png' | 'image/jpeg';
  /** Above this many bytes a PNG result is encoded as JPEG instead. */
  maxPngBytes: number;
}

/** `imageOrientation: 'from-image'` bakes the EXIF rotation into the pixels before EXIF is dropped. */
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

/**
 * Runs on the main thread, on purpose: decoding (`createImageBitmap`) and encoding (`convertToBlob`)
 * already happen off the main thread; only the scaling draw is synchronous. A Worker would need a
 * `blob:` URL (the SDK may come from another origin than the page), which a strict Content Security
 * Policy refuses (`script-src 'self'` and Trusted Types) and reports as a violation to the host.
 */
export function shrinkImage(req: ShrinkRequest): Promise<Blob> {
  return shrink(req);
}
