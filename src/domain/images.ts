/**
 * Image rules: at most 3 per ticket or reply, checked by content (magic bytes), never by name.
 * The widgets check before upload; the server checks again with the same code.
 */
import { MAX_IMAGE_BYTES } from './image-limits.js';

export { MAX_IMAGES, MAX_IMAGE_BYTES } from './image-limits.js';

/** Longest edge the browser scales screenshots down to before upload. */
export const UPLOAD_MAX_EDGE = 2560;
/** Pixel count above which a file is treated as a decompression bomb. */
export const MAX_IMAGE_PIXELS = 50_000_000;
export const MAX_IMAGE_EDGE = 16_384;

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';
export const ACCEPTED_IMAGE_TYPES: readonly ImageType[] = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

export interface SniffedImage {
  type: ImageType;
  width: number;
  height: number;
}

export type ImageProblem = 'empty' | 'too_large' | 'not_an_image' | 'too_many_pixels' | 'too_many';

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

/** Reads type and size from the header bytes; `null` when the bytes are not a supported raster image. */
export function sniffImage(b: Uint8Array): SniffedImage | null {
  if (b.length >= 24 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG' && ascii(b, 12, 4) === 'IHDR') {
    return { type: 'image/png', width: u32be(b, 16), height: u32be(b, 20) };
  }
  if (b.length >= 10 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) {
    return { type: 'image/gif', width: u16le(b, 6), height: u16le(b, 8) };
  }
  if (b.length >= 30 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
    const chunk = ascii(b, 12, 4);
    if (chunk === 'VP8X') return { type: 'image/webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
    if (chunk === 'VP8L' && b[20] === 0x2f) {
      const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
      return { type: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
      return { type: 'image/webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
    }
    return null;
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    // Walk the JPEG segments to the frame header (SOFn) that holds the size.
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      if (marker === 0xff) { i++; continue; }
      const len = u16be(b, i + 2);
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) return { type: 'image/jpeg', height: u16be(b, i + 5), width: u16be(b, i + 7) };
      i += 2 + len;
    }
    return null;
  }
  return null;
}

/** Checks one file's bytes; returns the image or the reason it is refused. */
export function checkImage(b: Uint8Array): { ok: true; image: SniffedImage } | { ok: false; problem: ImageProblem } {
  if (b.length === 0) return { ok: false, problem: 'empty' };
  if (b.length > MAX_IMAGE_BYTES) return { ok: false, problem: 'too_large' };
  const image = sniffImage(b);
  if (!image || image.width <= 0 || image.height <= 0) return { ok: false, problem: 'not_an_image' };
  if (image.width * image.height > MAX_IMAGE_PIXELS || Math.max(image.width, image.height) > MAX_IMAGE_EDGE) {
    return { ok: false, problem: 'too_many_pixels' };
  }
  return { ok: true, image };
}

/**
 * Whether the header bytes carry metadata that may hold a location or a device serial: EXIF or text
 * chunks in a PNG, EXIF/XMP in a WebP. (Every JPEG is re-encoded anyway.) The widgets re-encode such
 * images before upload, so that data never leaves the browser.
 */
export function hasImageMetadata(b: Uint8Array): boolean {
  const type = sniffImage(b)?.type;
  if (type === 'image/png') {
    let i = 8;
    while (i + 8 <= b.length) {
      const len = u32be(b, i);
      const chunk = ascii(b, i + 4, 4);
      if (chunk === 'IDAT' || chunk === 'IEND') return false;
      if (chunk === 'eXIf' || chunk === 'tEXt' || chunk === 'zTXt' || chunk === 'iTXt') return true;
      i += 12 + len;
    }
    return false;
  }
  if (type === 'image/webp') return ascii(b, 12, 4) === 'VP8X' && (b[20]! & (0x08 | 0x04)) !== 0;
  return false;
}
