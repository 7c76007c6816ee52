// Builds from one source:
//  1. npm: per-element ESM entries (import only what you use) sharing chunks, the class-only index,
//     define.js (all) and the loader, with lit, @lit/context, ky … left as imports;
//  2. CDN (dependencies bundled): the loader dist/cadia-loader.js with the per-element modules it
//     loads (dist/cdn/), all elements as one file for it (dist/cdn/all.js), and the all-in-one
//     dist/cadia-widgets.js for a plain <script type="module">.
// Type declarations come from `tsc --emitDeclarationOnly` (see the build script).
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { minifyTemplates } from './build/minify-templates.mjs';
import { precompress } from './build/precompress.mjs';

/**
 * Writes, for each entry, the files a browser loads at start (the entry and its static imports,
 * not lazy chunks), so the byte budgets (.size-limit.cjs) measure what a host really ships.
 */
function sizeManifest(name) {
  return {
    name: 'size-manifest',
    generateBundle(_options, bundle) {
      const closure = (file, seen = new Set()) => {
        if (seen.has(file)) return seen;
        seen.add(file);
        for (const dep of bundle[file]?.imports ?? []) closure(dep, seen);
        return seen;
      };
      const entries = Object.values(bundle).filter((c) => c.type === 'chunk' && c.isEntry);
      const manifest = Object.fromEntries(entries.map((c) => [c.fileName, [...closure(c.fileName)]]));
      this.emitFile({ type: 'asset', fileName: `size-manifest-${name}.json`, source: JSON.stringify(manifest, null, 2) });
    },
  };
}

// Used only by <cadia-provider>, though reached through the `@lit/context` barrel. Named
// explicitly, since rollup pulls a manual chunk's unassigned dependencies into that chunk.
const PROVIDER_ONLY = /\/src\/context\/provider\.ts$|@lit\/context\/lib\/(controllers\/context-provider|decorators\/provide|value-notifier)\.js$/;

/**
 * Small modules that are loaded together anyway, kept in one chunk: left to rollup, each would be
 * a file of its own (its importers differ by a lazy chunk), and each file at start costs its own
 * gzip overhead, ~0.1 kB. The offer and clock helpers (badge and shop at start); the id helper
 * with the draft and send controllers (form at start, the list's detail).
 */
const SMALL_GROUPS = [
  ['offers', /\/src\/(domain\/offers|controllers\/ticker)\.ts$/],
  ['drafts', /\/src\/(controllers\/(drafts|idempotent-submit|attachments|attachments-view|attachments-messages)|base\/random-id|domain\/image-limits)\.ts$/],
];

/**
 * One `core` chunk with what every element needs (lit, ky, store, base, tokens …): the modules in
 * the static import closure of all four element entries. Left to rollup they split into several
 * chunks along entry sets, and each extra file costs its own gzip overhead.
 */
function coreChunk() {
  let core;
  return (id, { getModuleInfo }) => {
    if (!core) {
      const closure = (start) => {
        const seen = new Set();
        const visit = (m) => {
          if (seen.has(m)) return;
          seen.add(m);
          for (const d of getModuleInfo(m)?.importedIds ?? []) visit(d);
        };
        visit(start);
        return seen;
      };
      const sets = ['credit-badge', 'ticket-form', 'ticket-list', 'package-shop'].map((t) =>
        closure(fileURLToPath(new URL(`src/define/cadia-${t}.ts`, import.meta.url))),
      );
      core = new Set([...sets[0]].filter((m) => sets.every((s) => s.has(m)) && !m.includes('/src/define/')));
    }
    if (PROVIDER_ONLY.test(id)) return 'provider';
    if (core.has(id)) return 'core';
    return SMALL_GROUPS.find(([, re]) => re.test(id))?.[0];
  };
}

const plugins = () => [
  nodeResolve({ browser: true }),
  // noEmitOnError: without it a type error would still produce a bundle.
  typescript({ tsconfig: './tsconfig.json', noEmitOnError: true, declaration: false, sourceMap: true, outDir: 'dist', rootDir: 'src' }),
  minifyTemplates(),
  terser({ ecma: 2022, module: true, format: { comments: false } }),
  precompress(),
];

const elements = ['cadia-provider', 'cadia-credit-badge', 'cadia-ticket-form', 'cadia-ticket-list', 'cadia-package-shop', 'cadia-account'];

/** The runtime dependencies: imports in the npm build (the host's bundler keeps one copy), bundled for the CDN. */
const DEPENDENCIES = /^(lit|ky|react|fetch-event-stream|@lit\/[^/]+|@lit-labs\/[^/]+)(\/|$)/;

/** Ships the theme token files (src/themes/*.css) as dist/themes/, for hosts to link or copy. */
function copyThemes() {
  return {
    name: 'copy-themes',
    generateBundle() {
      for (const name of ['light.css', 'dark.css']) {
        this.emitFile({ type: 'asset', fileName: `themes/${name}`, source: readFileSync(`src/themes/${name}`, 'utf8') });
      }
    },
  };
}

/**
 * In the CDN build the loader's "all elements" import is the single file dist/cdn/all.js (built
 * below), not the per-element chunks: one file compresses better than the same code in many.
 */
function loaderAllAsOneFile() {
  const registerAll = fileURLToPath(new URL('src/register-all.ts', import.meta.url));
  return {
    name: 'loader-all-as-one-file',
    async resolveId(source, importer) {
      if (!importer?.endsWith('/src/loader.ts') || source !== './register-all.js') return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (resolved?.id !== registerAll) return null;
      // 'absolute': written as is; the loader sits next to cdn/.
      return { id: './cdn/all.js', external: 'absolute' };
    },
  };
}

export default [
  // npm: per-element define modules, the all-in-one define.js, the class-only index, the loader and
  // the React wrappers; lit, @lit/context, ky, react … stay imports.
  {
    input: Object.fromEntries([
      ['index', 'src/index.ts'],
      ['define', 'src/define.ts'],
      ['loader', 'src/loader.ts'],
      ['react', 'src/react/index.ts'],
      ...elements.map((tag) => [`define/${tag}`, `src/define/${tag}.ts`]),
    ]),
    external: (id) => DEPENDENCIES.test(id),
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js', manualChunks: coreChunk() },
    plugins: [...plugins(), copyThemes()],
  },
  // CDN, dependencies bundled: the loader (dist/cadia-loader.js) and the per-element modules it loads (dist/cdn/).
  {
    input: Object.fromEntries([['cadia-loader', 'src/loader.ts'], ...elements.map((tag) => [`cdn/${tag}`, `src/define/${tag}.ts`])]),
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'cdn/chunks/[name]-[hash].js', manualChunks: coreChunk() },
    plugins: [loaderAllAsOneFile(), ...plugins(), sizeManifest('cdn')],
  },
  // CDN: every element in one file for the loader, without the API exports the all-in-one carries.
  {
    input: { 'cdn/all': 'src/register-all.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'cdn/all/[name]-[hash].js' },
    plugins: [...plugins(), sizeManifest('cdn-all')],
  },
  // The support desk for the agent page: one file of its own (dependencies bundled), so no customer
  // entry, the loader or the all-in-one ever includes it; gated in .size-limit.cjs.
  {
    input: { 'cadia-agent-desk': 'src/define/cadia-agent-desk.ts' },
    // One file, not a facade plus a chunk (its lazy English texts and image checks stay chunks).
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'agent/[name]-[hash].js' },
    plugins: [...plugins(), sizeManifest('agent')],
  },
  // CDN: the all-in-one dist/cadia-widgets.js for a plain <script type="module">, with the API exports.
  {
    input: 'src/define.ts',
    // Lets the entry also carry the lazily imported package shop's exports, so the all-in-one is
    // one file instead of a facade plus a chunk.
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'dist', entryFileNames: 'cadia-widgets.js', format: 'es', sourcemap: true, chunkFileNames: 'aio/[name]-[hash].js' },
    plugins: [...plugins(), sizeManifest('all')],
  },
];
