/**
 * Drops metadata blocks (EXIF with GPS position and camera serials, XMP, IPTC, text comments) from
 * uploaded images before they are stored, and cuts everything after the format's end marker (a
 * second JPEG with its own EXIF, appended markup). The widgets already re-encode photos in the
 * browser; this also covers any other client of the API. Only whole blocks are removed, pixels are
 * untouched, so nothing is decoded here.
 *
 * The walk is strict: a file whose block structure does not parse to its end marker is refused
 * (`not_an_image`), never stored unchanged — an unparsed file is exactly where metadata would hide.
 * GIF frames are checked against the pixel limits one by one (the header only names the screen).
 */
import { MAX_IMAGE_EDGE, MAX_IMAGE_PIXELS, type ImageProblem, type ImageType } from '../src/domain/images.js';

export type CleanedImage = { ok: true; bytes: Uint8Array } | { ok: false; problem: ImageProblem };

/** Thrown inside the walkers; turned into a refusal by `cleanImage`. */
class Refused extends Error {
  constructor(readonly problem: ImageProblem = 'not_an_image') {
    super(problem);
  }
}

export function cleanImage(bytes: Uint8Array, type: ImageType): CleanedImage {
  try {
    const walk = { 'image/jpeg': cleanJpeg, 'image/png': cleanPng, 'image/webp': cleanWebp, 'image/gif': cleanGif }[type];
    return { ok: true, bytes: walk(bytes) };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, problem: err.problem };
    throw err;
  }
}

const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));
const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32le = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

function need(ok: boolean): asserts ok {
  if (!ok) throw new Refused();
}

/**
 * JPEG: segments up to the end-of-image marker, scans included (a progressive JPEG has several,
 * with tables between them). Kept: JFIF (APP0), the ICC colour profile (APP2 "ICC_PROFILE") and
 * Adobe's colour transform (APP14); every other APPn (EXIF/XMP in APP1, MPF previews in APP2, IPTC
 * in APP13) and comments are dropped. Whatever follows the end marker is cut.
 */
function cleanJpeg(b: Uint8Array): Uint8Array {
  const keep: Uint8Array[] = [b.subarray(0, 2)];
  let i = 2;
  for (;;) {
    need(i + 1 < b.length && b[i] === 0xff);
    // Fill bytes (0xFF) may precede a marker.
    while (b[i + 1] === 0xff) i++;
    need(i + 1 < b.length);
    const marker = b[i + 1]!;
    if (marker === 0xd9) {
      keep.push(b.subarray(i, i + 2));
      return concat(keep);
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      keep.push(b.subarray(i, i + 2)); // markers without a length
      i += 2;
      continue;
    }
    need(i + 4 <= b.length);
    const len = u16be(b, i + 2);
    const end = i + 2 + len;
    need(len >= 2 && end <= b.length);
    if (keepJpegSegment(b, marker, i)) keep.push(b.subarray(i, end));
    i = end;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker: 0xFF followed by neither a stuffed 0x00 nor a
      // restart marker (which belong to the scan) nor another 0xFF (fill).
      let j = i;
      while (j + 1 < b.length && !(b[j] === 0xff && b[j + 1] !== 0 && b[j + 1] !== 0xff && !(b[j + 1]! >= 0xd0 && b[j + 1]! <= 0xd7))) j++;
      need(j + 1 < b.length); // no end-of-image marker
      keep.push(b.subarray(i, j));
      i = j;
    }
  }
}

function keepJpegSegment(b: Uint8Array, marker: number, at: number): boolean {
  if (marker === 0xfe) return false; // COM
  if (marker < 0xe0 || marker > 0xef) return true; // not an APPn: tables, frame, scan headers
  if (marker === 0xe0 || marker === 0xee) return true; // JFIF, Adobe
  return marker === 0xe2 && ascii(b, at + 4, 12) === 'ICC_PROFILE\0';
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

/** PNG: drop eXIf and the text chunks (the others keep their own CRCs); cut after IEND. */
function cleanPng(b: Uint8Array): Uint8Array {
  const keep: Uint8Array[] = [b.subarray(0, 8)];
  let i = 8;
  for (;;) {
    need(i + 12 <= b.length); // IEND missing
    const len = u32be(b, i);
    const end = i + 12 + len;
    need(end <= b.length); // a length runs past the end
    const type = ascii(b, i + 4, 4);
    if (!PNG_DROP.has(type)) keep.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') return concat(keep);
  }
}

/** Application extensions that only say how often an animation loops: kept, everything else goes. */
const GIF_LOOP_APPS = new Set(['NETSCAPE2.0', 'ANIMEXTS1.0']);

/**
 * GIF: image frames and graphic-control (timing, transparency) and loop extensions are kept;
 * comments, plain-text and other application extensions (XMP, ICC, vendor data) are dropped; cut
 * after the trailer. Each frame's size is checked against the same limits as the screen.
 */
function cleanGif(b: Uint8Array): Uint8Array {
  need(b.length >= 13);
  const screenFlags = b[10]!;
  let i = 13 + (screenFlags & 0x80 ? 3 << ((screenFlags & 7) + 1) : 0);
  const keep: Uint8Array[] = [b.subarray(0, i)];
  /** Index after a run of data sub-blocks (each a length byte and data, ended by a 0 length). */
  const subBlocks = (j: number) => {
    for (;;) {
      need(j < b.length);
      const n = b[j]!;
      j += 1 + n;
      if (n === 0) return j;
    }
  };
  for (;;) {
    need(i < b.length); // no trailer
    const intro = b[i]!;
    if (intro === 0x3b) {
      keep.push(b.subarray(i, i + 1));
      return concat(keep);
    }
    if (intro === 0x2c) {
      need(i + 11 <= b.length);
      const width = u16le(b, i + 5);
      const height = u16le(b, i + 7);
      if (width * height > MAX_IMAGE_PIXELS || Math.max(width, height) > MAX_IMAGE_EDGE) throw new Refused('too_many_pixels');
      const flags = b[i + 9]!;
      const data = i + 10 + (flags & 0x80 ? 3 << ((flags & 7) + 1) : 0);
      const end = subBlocks(data + 1); // after the LZW minimum code size
      keep.push(b.subarray(i, end));
      i = end;
      continue;
    }
    need(intro === 0x21 && i + 2 < b.length);
    const label = b[i + 1]!;
    const end = subBlocks(i + 2);
    const isLoop = label === 0xff && b[i + 2] === 11 && GIF_LOOP_APPS.has(ascii(b, i + 3, 11));
    if (label === 0xf9 || isLoop) keep.push(b.subarray(i, end));
    i = end;
  }
}

/** WebP (RIFF): drop the EXIF and XMP chunks, clear their flags in VP8X, fix the RIFF size, cut after it. */
function cleanWebp(b: Uint8Array): Uint8Array {
  const riffEnd = 8 + u32le(b, 4);
  need(riffEnd <= b.length);
  const keep: Uint8Array[] = [];
  let i = 12;
  while (i < riffEnd) {
    need(i + 8 <= riffEnd);
    const len = u32le(b, i + 4);
    const end = i + 8 + len + (len & 1);
    need(end <= riffEnd);
    const type = ascii(b, i, 4);
    if (type === 'VP8X') {
      const chunk = b.slice(i, end);
      chunk[8] = chunk[8]! & ~(0x08 | 0x04);
      keep.push(chunk);
    } else if (type !== 'EXIF' && type !== 'XMP ') {
      keep.push(b.subarray(i, end));
    }
    i = end;
  }
  const body = concat(keep);
  const out = new Uint8Array(12 + body.length);
  out.set(b.subarray(0, 12));
  out.set(body, 12);
  new DataView(out.buffer).setUint32(4, 4 + body.length, true);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
