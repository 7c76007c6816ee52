/**
 * Drops metadata blocks (EXIF with GPS position and camera serials, XMP, IPTC, text comments) from
 * uploaded images before they are stored. The widgets already re-encode photos in the browser; this
 * also covers any other client of the API. Only whole blocks are removed, pixels are untouched, so
 * nothing is decoded here. Anything that does not parse as expected is returned unchanged: the
 * image was already accepted by `checkImage`, and a metadata walk must never corrupt it.
 */
import type { ImageType } from '../src/domain/images.js';

export function stripImageMetadata(bytes: Uint8Array, type: ImageType): Uint8Array {
  try {
    if (type === 'image/jpeg') return stripJpeg(bytes);
    if (type === 'image/png') return stripPng(bytes);
    if (type === 'image/webp') return stripWebp(bytes);
  } catch {
    /* malformed structure: keep the bytes as they are */
  }
  return bytes;
}

const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

/** JPEG: drop APP1 (EXIF, XMP), APP13 (IPTC/Photoshop) and COM segments before the scan data. */
function stripJpeg(b: Uint8Array): Uint8Array {
  const keep: Uint8Array[] = [b.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return b;
    const marker = b[i + 1]!;
    if (marker === 0xff) { i++; continue; }
    // Start of scan: the rest is image data (and the end marker).
    if (marker === 0xda) {
      keep.push(b.subarray(i));
      return concat(keep);
    }
    const end = i + 2 + ((b[i + 2]! << 8) | b[i + 3]!);
    if (end > b.length) return b;
    if (!(marker === 0xe1 || marker === 0xed || marker === 0xfe)) keep.push(b.subarray(i, end));
    i = end;
  }
  return b;
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

/** PNG: drop eXIf and the text chunks; the other chunks keep their own CRCs. */
function stripPng(b: Uint8Array): Uint8Array {
  const keep: Uint8Array[] = [b.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= b.length) {
    const len = ((b[i]! << 24) >>> 0) + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);
    const end = i + 12 + len;
    if (end > b.length) return b;
    const type = ascii(b, i + 4, 4);
    if (!PNG_DROP.has(type)) keep.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') return concat(keep);
  }
  return b;
}

/** WebP (RIFF): drop the EXIF and XMP chunks, clear their flags in VP8X and fix the RIFF size. */
function stripWebp(b: Uint8Array): Uint8Array {
  const keep: Uint8Array[] = [];
  let i = 12;
  while (i + 8 <= b.length) {
    const len = b[i + 4]! | (b[i + 5]! << 8) | (b[i + 6]! << 16) | (b[i + 7]! << 24);
    const end = i + 8 + len + (len & 1);
    if (len < 0 || end > b.length) return b;
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
  if (i !== b.length) return b;
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
