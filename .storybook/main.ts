import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Docs pages and controls read `custom-elements.json`, which is git-ignored and otherwise only made
 * by `npm run build`. Regenerate it here when a source file is newer, so `storybook build` works on a
 * fresh clone and never shows stale attributes.
 */
function ensureManifest(): void {
  const manifest = join(root, 'custom-elements.json');
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const sources = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => statSync(join(e.parentPath, e.name)).mtimeMs);
  if (built > Math.max(...sources)) return;
  execFileSync('npm', ['run', '--silent', 'manifest'], { cwd: root, stdio: 'inherit' });
}
ensureManifest();

/**
 * package.json's `sideEffects` names only the built define modules (dist/), so the bundler drops
 * `src/define.ts`, `src/register-all.ts` and `src/define/*.ts` — their whole job is the side effect of
 * registering tags.
 */
const keepDefineModules = {
  name: 'cadia-keep-define-modules',
  transform(code: string, id: string) {
    return /[\\/]src[\\/](define(\.ts|[\\/])|register-all\.ts)/.test(id) ? { code, moduleSideEffects: true as const } : undefined;
  },
};

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', 'msw-storybook-addon'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // The MSW service worker lives here (npx msw init .storybook/public).
  staticDirs: ['./public'],
  core: { disableTelemetry: true },
  // Standard decorators must be lowered: Vite's esbuild defaults to esnext and leaves them in place.
  async viteFinal(config) {
    return {
      ...config,
      plugins: [...(config.plugins ?? []), keepDefineModules],
      esbuild: { ...(config.esbuild || {}), target: 'es2022' },
      optimizeDeps: { ...(config.optimizeDeps || {}), esbuildOptions: { target: 'es2022' } },
      build: { ...(config.build || {}), target: 'es2022', chunkSizeWarningLimit: 4000 },
    };
  },
};
export default config;
