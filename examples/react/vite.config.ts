// The React example as a host app would build it: the package comes in through its `exports`
// (`@cadia/support-widgets/react`, resolved to the repository's own built dist/), lit and React once.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: false },
  // `npx vite examples/react` next to `npm start`: the API of the reference backend.
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
