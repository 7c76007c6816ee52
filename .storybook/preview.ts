import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { html } from 'lit';
import { mswLoader } from 'msw-storybook-addon/csf3';
import manifest from '../custom-elements.json';
import { resetMocks } from '../stories/mocks/handlers.js';
import '../src/define.js';

interface Member { privacy?: string; static?: boolean }
interface Manifest { modules: Array<{ declarations?: Array<{ members?: Member[] }> }> }

/**
 * Autodocs and controls read attributes, properties, events, parts and CSS properties from the
 * manifest. Storybook would list private state and handlers too; the docs show the public surface.
 */
function publicSurface(m: Manifest): Manifest {
  return {
    ...m,
    modules: m.modules.map((mod) => ({
      ...mod,
      declarations: mod.declarations?.map((d) => ({ ...d, members: d.members?.filter((x) => !x.static && !x.privacy) })),
    })),
  };
}
// The JSON's inferred type changes with every element; only the shape above matters here.
setCustomElementsManifest(publicSurface(manifest as unknown as Manifest));

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
    // One frame per story on docs pages: the mocks are per frame, so each story gets its own
    // scenario (inline, every story on the page would share the last one's handlers).
    docs: { story: { inline: false, iframeHeight: '420px' } },
  },
  tags: ['autodocs'],
};
export default preview;
