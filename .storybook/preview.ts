import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { html } from 'lit';
import { mswLoader } from 'msw-storybook-addon/csf3';
import manifest from '../custom-elements.json';
import { resetMocks } from '../stories/mocks/handlers.js';
import '../src/define.js';

// Autodocs and controls read attributes, properties, events, parts and CSS properties from the manifest.
setCustomElementsManifest(manifest);

const preview: Preview = {
  // Every story starts from the seed: orders, tickets and replies of an earlier story are dropped.
  loaders: [async () => (resetMocks(), {}), mswLoader()],
  decorators: [
    // `parameters: { theme: 'dark' }` puts the story on a dark page, so contrast is checked against it.
    (story, { parameters }) =>
      parameters.theme === 'dark'
        ? html`<div style="color-scheme: dark; background: Canvas; color: CanvasText; padding: 16px">${story()}</div>`
        : story(),
  ],
  parameters: {
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
  tags: ['autodocs'],
};
export default preview;
