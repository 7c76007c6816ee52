// A 12-megapixel screenshot (PNG, 4000×3000) made ready for upload.
//   ?v=sdk    the widgets' AttachmentsController (check by content, shrink, re-encode)
//   ?v=naive  <img> decode + <canvas> scale + toBlob on the main thread (the baseline)
// Reports the time, the bytes that would be uploaded, and how the page kept up meanwhile: long
// tasks and the longest gap between animation frames.
import { report, fail, params, withLongTasks } from './lib.js';

const W = 4000;
const H = 3000;
const MAX_EDGE = 2560;

/** Something that compresses like a real screenshot: window chrome, tables, text, a photo. */
async function screenshot() {
  const c = new OffscreenCanvas(W, H);
  const g = c.getContext('2d');
  g.fillStyle = '#f3f5f8';
  g.fillRect(0, 0, W, H);
  g.fillStyle = '#1f5fae';
  g.fillRect(0, 0, W, 120);
  g.font = '28px sans-serif';
  for (let y = 200; y < H - 900; y += 44) {
    g.fillStyle = y % 88 ? '#ffffff' : '#e9edf2';
    g.fillRect(80, y - 32, W - 160, 44);
    g.fillStyle = '#1d2430';
    for (let x = 100; x < W - 400; x += 620) g.fillText(`Beleg ${(x * 7 + y) % 99991} · Lieferschein ${y % 997}`, x, y);
  }
  // A noisy "photo" corner, so the PNG is not trivially small.
  const photo = g.createImageData(1200, 800);
  let s = 7;
  for (let i = 0; i < photo.data.length; i += 4) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    photo.data[i] = (i / 4) % 1200 / 5 + (s & 31);
    photo.data[i + 1] = 90 + ((s >> 5) & 63);
    photo.data[i + 2] = 140 + ((s >> 11) & 63);
    photo.data[i + 3] = 255;
  }
  g.putImageData(photo, W - 1400, H - 880);
  const blob = await c.convertToBlob({ type: 'image/png' });
  return new File([blob], 'screenshot.png', { type: 'image/png' });
}

async function naive(file) {
  const img = new Image();
  img.src = URL.createObjectURL(file);
  await img.decode();
  const scale = Math.min(1, MAX_EDGE / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(img.naturalWidth * scale);
  canvas.height = Math.round(img.naturalHeight * scale);
  canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
  URL.revokeObjectURL(img.src);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

async function run() {
  const file = await screenshot();
  const prepare = params.get('v') === 'naive' ? naive : (await import('/bench-build/shrink.js')).prepare;
  await new Promise((r) => setTimeout(r, 200));
  // Frame gaps while the work runs: how long the page could not paint or react.
  let maxGap = 0;
  let last = performance.now();
  let running = true;
  const tick = (t) => {
    maxGap = Math.max(maxGap, t - last);
    last = t;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const start = performance.now();
  const { value: out, longTasks, longestTask } = await withLongTasks(() => prepare(file));
  const ms = performance.now() - start;
  running = false;
  return { ms, inputBytes: file.size, outputBytes: out.size, outputType: out.type, longTasks, longestTask, maxFrameGap: Math.max(maxGap, performance.now() - last) };
}

run().then(report, fail);
