/**
 * A GPS-tagged EXIF block built in code (no binary fixtures), shared by the browser test of the
 * widget's upload pipeline and the server's upload tests. Pure byte work: runs in Node and Chromium.
 */

/** Latitude 48° 8' 37.12" N as the EXIF rationals store it — the bytes a leak would carry. */
export const GPS_LATITUDE = [48, 1, 8, 1, 3712, 100] as const;
const GPS_LONGITUDE = [11, 1, 34, 1, 5000, 100] as const;

/** The TIFF structure of an EXIF block: IFD0 (Make, GPSInfo) → GPS IFD (lat/long and refs). */
export function exifTiff(): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(146);
  const v = new DataView(b.buffer);
  b.set([0x4d, 0x4d, 0x00, 0x2a]); // "MM", 42: big-endian TIFF
  v.setUint32(4, 8);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    v.setUint16(at, tag);
    v.setUint16(at + 2, type);
    v.setUint32(at + 4, count);
    v.setUint32(at + 8, value);
  };
  // IFD0 at 8: two entries, then next-IFD 0.
  v.setUint16(8, 2);
  entry(10, 0x010f, 2, 6, 38); // Make → "Cadia\0" at 38
  entry(22, 0x8825, 4, 1, 44); // GPSInfo → IFD at 44
  v.setUint32(34, 0);
  b.set([...'Cadia'].map((c) => c.charCodeAt(0)), 38);
  // GPS IFD at 44: four entries.
  v.setUint16(44, 4);
  entry(46, 0x0001, 2, 2, 0);
  b.set([0x4e, 0], 54); // "N" inline
  entry(58, 0x0002, 5, 3, 98);
  entry(70, 0x0003, 2, 2, 0);
  b.set([0x45, 0], 78); // "E" inline
  entry(82, 0x0004, 5, 3, 122);
  v.setUint32(94, 0);
  GPS_LATITUDE.forEach((n, k) => v.setUint32(98 + k * 4, n));
  GPS_LONGITUDE.forEach((n, k) => v.setUint32(122 + k * 4, n));
  return b;
}

/** A JPEG APP1 segment holding the EXIF block. */
export function exifApp1(): Uint8Array<ArrayBuffer> {
  const tiff = exifTiff();
  const seg = new Uint8Array(4 + 6 + tiff.length);
  seg.set([0xff, 0xe1, (seg.length - 2) >> 8, (seg.length - 2) & 0xff]);
  seg.set([0x45, 0x78, 0x69, 0x66, 0, 0], 4); // "Exif\0\0"
  seg.set(tiff, 10);
  return seg;
}

/** The JPEG with the EXIF segment inserted right after its start-of-image marker. */
export function withExif(jpeg: Uint8Array): Uint8Array<ArrayBuffer> {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  const app1 = exifApp1();
  const out = new Uint8Array(jpeg.length + app1.length);
  out.set(jpeg.subarray(0, 2));
  out.set(app1, 2);
  out.set(jpeg.subarray(2), 2 + app1.length);
  return out;
}

/** Whether `needle` occurs in `hay` (e.g. the GPS latitude bytes in an uploaded file). */
export function containsBytes(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/** The latitude exactly as it sits in the file (big-endian rationals). */
export function latitudeBytes(): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(24);
  const v = new DataView(b.buffer);
  GPS_LATITUDE.forEach((n, k) => v.setUint32(k * 4, n));
  return b;
}

export const EXIF_MAGIC = new Uint8Array([0x45, 0x78, 0x69, 0x66, 0, 0]);
