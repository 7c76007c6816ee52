// Writes a brotli (.br) and a gzip (.gz) copy next to every JS, CSS and JSON file the build emits,
// so a server sends the SDK compressed without compressing it again on every request, and with
// brotli, which is ~11 % smaller than gzip here (all-in-one 38.8 → 34.5 kB) but too slow at its
// best quality to run per request. The reference server (server/site.ts) serves these copies
// with @hono/node-server's `serveStatic({ precompressed: true })`; any CDN or nginx
// (`gzip_static`, `brotli_static`) can do the same. The copies are not published to npm
// (package.json `files`): a host's bundler or CDN compresses its own output.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const br = promisify(brotliCompress);
const gz = promisify(gzip);

/** Smaller files gain nothing: a compressed answer needs a few hundred bytes anyway. */
const MIN_BYTES = 1024;
const COMPRESSIBLE = /\.(m?js|css|json)$/;

export function precompress() {
  return {
    name: 'precompress',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? '.';
      await Promise.all(
        Object.keys(bundle)
          .filter((name) => COMPRESSIBLE.test(name))
          .map(async (name) => {
            const path = join(dir, name);
            const source = await readFile(path);
            if (source.length < MIN_BYTES) return;
            const [brotli, gzipped] = await Promise.all([
              br(source, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: source.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }),
              gz(source, { level: 9 }),
            ]);
            await Promise.all([writeFile(`${path}.br`, brotli), writeFile(`${path}.gz`, gzipped)]);
          }),
      );
    },
  };
}
