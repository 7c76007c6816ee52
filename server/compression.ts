/**
 * Compresses answers made per request — the API's JSON, the demo pages — with brotli when the
 * client accepts it, else gzip, else not at all. hono's own `compress` knows only gzip and deflate,
 * and the one hono brotli middleware found (hono-compress) is built for Bun; Node's zlib has brotli,
 * so this is the same middleware with `br` added. (The SDK's own files are compressed once, at best
 * quality, by the build: build/precompress.mjs, served by site.ts.)
 */
import { Duplex } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress';
import Negotiator from 'negotiator';

const ENCODERS = {
  // Quality 5 of 11: on JSON of a few kB it comes within a few percent of 11 at a small part of its CPU
  // time, which matters for an answer compressed on every request (11 is for files compressed once).
  br: () => createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }),
  gzip: () => createGzip(),
};
type Encoding = keyof typeof ENCODERS;
// Brotli first when a client accepts both with the same weight (browsers send `gzip, deflate, br, zstd`).
const PREFERRED = ['br', 'gzip', 'identity'];
// negotiator 1.x breaks ties by the server's preference; @types/negotiator 0.6 does not know the option yet.
type PreferringNegotiator = { encoding(available: string[], options: { preferred: string[] }): string | undefined };

export interface CompressionOptions {
  /** Bodies smaller than this many bytes go out as they are: compressing them saves next to nothing. */
  threshold?: number;
}

/**
 * Leaves alone: HEAD, bodiless answers (304), ranges, answers already encoded (the SDK's .br/.gz
 * copies), types that do not compress (images, PDFs, ZIPs) and the event stream (text/event-stream
 * is not in hono's compressible list: a compressor would hold events back until its buffer fills),
 * and anything marked `Cache-Control: no-transform`. A body without a Content-Length is read up to
 * the threshold to learn whether it is small; what was read is sent on unchanged.
 */
export function compression({ threshold = 1024 }: CompressionOptions = {}): MiddlewareHandler {
  return async function compression(c, next) {
    await next();
    const res = c.res;
    const type = res.headers.get('Content-Type') ?? '';
    if (c.req.method === 'HEAD' || !res.body || res.status === 206 || res.headers.has('Content-Encoding')) return;
    if (!COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) || /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('Cache-Control') ?? '')) return;
    // Whether it is compressed depends on the request's Accept-Encoding: caches must keep them apart.
    const vary = res.headers.get('Vary');
    if (vary !== '*' && !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary ?? '')) c.header('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const length = res.headers.get('Content-Length');
    if (length !== null && Number(length) < threshold) return;
    const encoding = (new Negotiator({ headers: { 'accept-encoding': c.req.header('Accept-Encoding') ?? 'identity' } }) as PreferringNegotiator)
      .encoding(PREFERRED, { preferred: PREFERRED });
    if (encoding !== 'br' && encoding !== 'gzip') return;

    const reader = res.body.getReader();
    const head: Uint8Array[] = [];
    let read = 0;
    while (read < threshold) {
      const chunk = await reader.read();
      if (chunk.done) {
        // The whole body is smaller than the threshold: sent as it came.
        c.res = new Response(Buffer.concat(head), res);
        return;
      }
      head.push(chunk.value);
      read += chunk.value.byteLength;
    }
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => head.forEach((chunk) => controller.enqueue(chunk)),
      pull: async (controller) => {
        const chunk = await reader.read();
        if (chunk.done) controller.close();
        else controller.enqueue(chunk.value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    const encoded = body.pipeThrough(Duplex.toWeb(ENCODERS[encoding as Encoding]()) as ReadableWritablePair<Uint8Array, Uint8Array>);
    c.res = new Response(encoded, res);
    c.res.headers.delete('Content-Length');
    c.res.headers.set('Content-Encoding', encoding);
    // The tag names the uncompressed body: for the encoded one it can only be weak (as hono's compress does).
    const tag = c.res.headers.get('ETag');
    if (tag && !tag.startsWith('W/')) c.res.headers.set('ETag', `W/${tag}`);
  };
}
