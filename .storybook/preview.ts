import type { Preview, StoryContext } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { addons } from 'storybook/preview-api';
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

type Theme = 'light' | 'dark';

/**
 * The toolbar's language and theme, when chosen, override the story's own (`args.locale`,
 * `parameters.theme`); left unset, each story shows as written (e.g. its English or dark variant).
 */
const localeOf = ({ globals, args }: Pick<StoryContext, 'globals' | 'args'>): string | undefined => globals.locale || args.locale;
const themeOf = ({ globals, parameters }: Pick<StoryContext, 'globals' | 'parameters'>): Theme => globals.theme || parameters.theme || 'light';

// Where a host loads the widgets from (the loader: only the elements on the page), and an API origin
// in place of the mocks' same-origin /api.
const LOADER = 'https://cdn.jsdelivr.net/npm/@cadia/support-widgets@0.1/dist/cadia-loader.js';
const API_BASE = 'https://portal.example/api';

/**
 * "Show code" on the docs pages: the HTML a host pastes to embed the story's state — the loader,
 * then the rendered tags with their attributes (empty ones dropped), the toolbar's language, and
 * `theme="dark"` on each widget for the dark theme. The token is a property (never an attribute):
 * a comment says how a host hands it over.
 */
function embedSnippet(code: string, ctx: StoryContext): string {
  // From the first widget tag to the last one's end: no wrapper of the preview, and Storybook may
  // hand over an already transformed snippet.
  const last = code.lastIndexOf('</cadia-');
  code = code.slice(Math.max(0, code.indexOf('<cadia-')), last < 0 ? undefined : code.indexOf('>', last) + 1);
  const dark = themeOf(ctx) === 'dark';
  const locale = localeOf(ctx);
  let tags = code
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\s[\w-]+=""/g, '')
    .replace(/api-base="\/api"/g, `api-base="${API_BASE}"`);
  if (locale) tags = tags.replace(/\slocale="\w+"/g, ` locale="${locale}"`);
  if (ctx.globals.theme) tags = tags.replace(/\stheme="\w+"/g, '');
  if (dark) tags = tags.replace(/<(cadia-(?!provider)[\w-]+)(?![^>]*\stheme=)/g, '<$1 theme="dark"');
  const lines = [`<script type="module" src="${LOADER}"></script>`, ''];
  if (typeof ctx.args.token === 'string' && ctx.args.token) {
    lines.push('<!-- ERP: hand over the customer\'s token as a property, e.g. document.querySelector(\'cadia-provider\').getToken = () => erp.supportToken() -->');
  }
  return [...lines, tags.trim()].join('\n');
}

/**
 * Docs pages show each story in a frame of its own (see `docs.story` below), and such a frame does
 * not hear the toolbar. So the docs page hands the toolbar's choice to its frames in their URL
 * (`globals=`, which a story frame reads at start): for frames made later through Storybook's
 * PREVIEW_URL, for frames already shown by reloading them with the new URL.
 */
function passToolbarToStoryFrames({ globals }: { globals: Record<string, unknown> }): void {
  const chosen = ['locale', 'theme'].filter((k) => globals[k]).map((k) => `${k}:${String(globals[k])}`).join(';');
  (globalThis as { PREVIEW_URL?: string }).PREVIEW_URL = chosen ? `iframe.html?globals=${chosen}` : 'iframe.html';
  for (const frame of document.querySelectorAll<HTMLIFrameElement>('iframe[src*="viewMode=story"]')) {
    const url = new URL(frame.src);
    if (chosen) url.searchParams.set('globals', chosen);
    else url.searchParams.delete('globals');
    if (url.href !== frame.src) frame.src = url.href;
  }
}
if (new URLSearchParams(location.search).get('viewMode') === 'docs') {
  const channel = addons.getChannel();
  channel.on('setGlobals', passToolbarToStoryFrames);
  channel.on('globalsUpdated', passToolbarToStoryFrames);
}

const preview: Preview = {
  globalTypes: {
    locale: {
      description: 'Sprache der Widgets / language of the widgets',
      toolbar: { title: 'Sprache', icon: 'globe', dynamicTitle: true, items: [{ value: 'de', title: 'Deutsch' }, { value: 'en', title: 'English' }] },
    },
    theme: {
      description: 'Hell oder dunkel / light or dark',
      toolbar: { title: 'Theme', icon: 'contrast', dynamicTitle: true, items: [{ value: 'light', title: 'Hell / light', icon: 'sun' }, { value: 'dark', title: 'Dunkel / dark', icon: 'moon' }] },
    },
  },
  // Every story starts from the seed: orders, tickets and replies of an earlier story are dropped.
  loaders: [async () => (resetMocks(), {}), mswLoader()],
  decorators: [
    // The dark theme (`parameters: { theme: 'dark' }` or the toolbar) puts the story on a dark page,
    // so contrast is checked against it; the toolbar's language replaces the story's `locale`.
    // A theme chosen in the toolbar also goes on every widget as `theme` (what a host would write),
    // once the story's template has rendered inside the wrapper.
    (story, ctx) => {
      const rendered = story({ args: { ...ctx.args, locale: localeOf(ctx) } });
      const chosen = ctx.globals.theme as Theme | undefined;
      const setTheme = (el?: Element) =>
        chosen && el && queueMicrotask(() => el.querySelectorAll('*').forEach((w) => w.localName.startsWith('cadia-') && w.localName !== 'cadia-provider' && w.setAttribute('theme', chosen)));
      return themeOf(ctx) === 'dark'
        ? html`<div ${ref(setTheme)} style="color-scheme: dark; background: Canvas; color: CanvasText; padding: 16px">${rendered}</div>`
        : html`<div ${ref(setTheme)}>${rendered}</div>`;
    },
  ],
  parameters: {
    a11y: { test: 'error' },
    controls: { expanded: true },
    // One frame per story on docs pages: the mocks are per frame, so each story gets its own
    // scenario (inline, every story on the page would share the last one's handlers).
    docs: {
      story: { inline: false, iframeHeight: '420px' },
      // Every story's embed snippet is open under it.
      canvas: { sourceState: 'shown' },
      source: { transform: embedSnippet },
    },
  },
  tags: ['autodocs'],
};
export default preview;
