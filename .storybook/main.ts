import type { StorybookConfig } from '@storybook/web-components-vite';

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
      esbuild: { ...(config.esbuild || {}), target: 'es2022' },
      optimizeDeps: { ...(config.optimizeDeps || {}), esbuildOptions: { target: 'es2022' } },
      build: { ...(config.build || {}), target: 'es2022', chunkSizeWarningLimit: 4000 },
    };
  },
};
export default config;
