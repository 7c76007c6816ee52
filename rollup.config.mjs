// Two builds from one source:
//  1. per-element ESM entries (import only what you use) sharing chunks, plus the class-only index;
//  2. the all-in-one `dist/cadia-widgets.js` for a plain <script type="module">.
// Type declarations come from `tsc --emitDeclarationOnly` (see the build script).
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

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

const plugins = () => [
  nodeResolve({ browser: true }),
  // noEmitOnError: without it a type error would still produce a bundle.
  typescript({ tsconfig: './tsconfig.json', noEmitOnError: true, declaration: false, sourceMap: true, outDir: 'dist', rootDir: 'src' }),
  terser({ ecma: 2022, module: true, format: { comments: false } }),
];

const elements = ['cadia-provider', 'cadia-credit-badge', 'cadia-ticket-form', 'cadia-ticket-list', 'cadia-package-shop'];

export default [
  {
    input: Object.fromEntries([
      ['index', 'src/index.ts'],
      ['define', 'src/define.ts'],
      ...elements.map((tag) => [`define/${tag}`, `src/define/${tag}.ts`]),
    ]),
    output: { dir: 'dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: [...plugins(), sizeManifest('entries')],
  },
  {
    input: 'src/define.ts',
    output: { dir: 'dist', entryFileNames: 'cadia-widgets.js', format: 'es', sourcemap: true, chunkFileNames: 'aio/[name]-[hash].js' },
    plugins: [...plugins(), sizeManifest('all')],
  },
];
