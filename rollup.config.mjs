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

/**
 * Minifies the static text of Lit's `css` and `html` tagged templates (terser leaves template
 * strings as written): CSS loses comments and most whitespace, HTML runs of whitespace that contain
 * a line break become one space (what the browser renders anyway). Templates with `<pre>` or text
 * inside a `<textarea>` are left alone. Keeps source maps exact for everything it does not touch.
 */
function minifyTemplates() {
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const vlq = (n) => {
    let v = n < 0 ? (-n << 1) | 1 : n << 1;
    let out = '';
    do {
      let digit = v & 31;
      v >>>= 5;
      if (v) digit |= 32;
      out += B64[digit];
    } while (v);
    return out;
  };

  /** CSS text outside strings: no comments, whitespace only where it can matter. */
  const minifyCss = (text, first, last) => {
    let out = '';
    // Comments are matched with strings, so an apostrophe in a comment does not start a "string";
    // the text on both sides of a dropped comment is then minified as one.
    const isString = (part) => part.startsWith("'") || part.startsWith('"');
    const parts = [];
    for (const part of text.split(/('(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|\/\*[\s\S]*?\*\/)/)) {
      if (part.startsWith('/*')) continue;
      if (!isString(part) && parts.length && !isString(parts.at(-1))) parts[parts.length - 1] += part;
      else parts.push(part);
    }
    for (const part of parts) {
      if (isString(part)) {
        out += part;
        continue;
      }
      out += part
        .replace(/(?<!\\)\s+/g, ' ')
        .replace(/ ?([{};,]) ?/g, '$1')
        .replace(/;}/g, '}')
        .replace(/([:]) /g, '$1');
    }
    if (first) out = out.replace(/^ /, '');
    if (last) out = out.replace(/ $/, '');
    return out;
  };

  const minifyHtml = (text) => text.replace(/[ \t]*\n\s*/g, ' ');

  const walk = (node, visit) => {
    if (!node || typeof node.type !== 'string') return;
    visit(node);
    for (const key of Object.keys(node)) {
      const v = node[key];
      if (Array.isArray(v)) v.forEach((c) => c && typeof c === 'object' && walk(c, visit));
      else if (v && typeof v === 'object' && typeof v.type === 'string') walk(v, visit);
    }
  };

  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!/\b(css|html)\s*`/.test(code)) return null;
      const edits = [];
      walk(this.parse(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
        const kind = node.tag.name;
        if (kind !== 'css' && kind !== 'html') return;
        const quasis = node.quasi.quasis;
        if (quasis.some((q) => code.slice(q.start, q.end) !== q.value.raw)) return;
        if (kind === 'html') {
          const joined = quasis.map((q) => q.value.raw).join('${}');
          if (/<pre[\s>]/i.test(joined) || /<textarea[^>]*>(?!<\/textarea>)/i.test(joined)) return;
        }
        quasis.forEach((q, i) => {
          const raw = q.value.raw;
          const min = kind === 'css' ? minifyCss(raw, i === 0, i === quasis.length - 1) : minifyHtml(raw);
          if (min !== raw) edits.push({ start: q.start, end: q.end, text: min });
        });
      });
      if (!edits.length) return null;
      edits.sort((a, b) => a.start - b.start);

      // Output and a source map: a mapping at the start of every replaced piece and of every token
      // of the untouched text.
      let out = '';
      let mappings = '';
      let genCol = 0;
      let lineMarked = false;
      let prevGenCol = 0;
      let prevOrigLine = 0;
      let prevOrigCol = 0;
      let origLine = 0;
      let origCol = 0;
      const mark = () => {
        mappings += (lineMarked ? ',' : '') + vlq(genCol - prevGenCol) + 'A' + vlq(origLine - prevOrigLine) + vlq(origCol - prevOrigCol);
        prevGenCol = genCol;
        prevOrigLine = origLine;
        prevOrigCol = origCol;
        lineMarked = true;
      };
      const newline = () => {
        mappings += ';';
        lineMarked = false;
        genCol = 0;
        prevGenCol = 0;
      };
      const advanceOrig = (text) => {
        const lines = text.split('\n');
        if (lines.length > 1) {
          origLine += lines.length - 1;
          origCol = lines.at(-1).length;
        } else origCol += text.length;
      };
      const copy = (text) => {
        const lines = text.split('\n');
        lines.forEach((line, i) => {
          if (i > 0) {
            newline();
            origLine++;
            origCol = 0;
          }
          // A mapping per token, so columns survive the source-map chain.
          let at = 0;
          for (const m of line.matchAll(/[\w$]+|\S/g)) {
            genCol += m.index - at;
            origCol += m.index - at;
            at = m.index;
            mark();
          }
          genCol += line.length - at;
          origCol += line.length - at;
          out += (i > 0 ? '\n' : '') + line;
        });
      };
      const replace = (orig, text) => {
        mark();
        const lines = text.split('\n');
        lines.forEach((line, i) => {
          if (i > 0) newline();
          genCol += line.length;
          out += (i > 0 ? '\n' : '') + line;
        });
        advanceOrig(orig);
      };
      let pos = 0;
      for (const e of edits) {
        copy(code.slice(pos, e.start));
        replace(code.slice(e.start, e.end), e.text);
        pos = e.end;
      }
      copy(code.slice(pos));
      return { code: out, map: { version: 3, sources: [id], sourcesContent: [code], names: [], mappings } };
    },
  };
}

// Used only by <cadia-provider>, though reached through the `@lit/context` barrel. Named
// explicitly, since rollup pulls a manual chunk's unassigned dependencies into that chunk.
const PROVIDER_ONLY = /\/src\/context\/provider\.ts$|@lit\/context\/lib\/(controllers\/context-provider|decorators\/provide|value-notifier)\.js$/;

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
    return core.has(id) ? 'core' : undefined;
  };
}

const plugins = () => [
  nodeResolve({ browser: true }),
  // noEmitOnError: without it a type error would still produce a bundle.
  typescript({ tsconfig: './tsconfig.json', noEmitOnError: true, declaration: false, sourceMap: true, outDir: 'dist', rootDir: 'src' }),
  minifyTemplates(),
  terser({ ecma: 2022, module: true, format: { comments: false } }),
];

const elements = ['cadia-provider', 'cadia-credit-badge', 'cadia-ticket-form', 'cadia-ticket-list', 'cadia-package-shop'];

/** The runtime dependencies: imports in the npm build (the host's bundler keeps one copy), bundled for the CDN. */
const DEPENDENCIES = /^(lit|ky|react|@lit\/[^/]+|@lit-labs\/[^/]+)(\/|$)/;

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
