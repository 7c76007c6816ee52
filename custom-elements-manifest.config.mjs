// Read by `cem analyze` (npm run manifest, the last step of the build). Writes custom-elements.json
// and, generated from it, the typings and editor data shipped in dist/ (none of them hand-written):
// JSX (React, Preact), Solid and Vue typings in dist/types/, VS Code custom data (HTML and CSS) and
// JetBrains web-types in dist/.
//
// Our tags are registered by `defineElement('cadia-x', Class)` in src/define/, not by
// `customElements.define` or `@customElement`, so the analyzer cannot see which class is which tag.
// The first plugin reads those calls and marks each class as a custom element with its tag name —
// Storybook's docs and controls (and editors) look elements up by tag.
// It also drops the events the analyzer guesses from `dispatchEvent(new XEvent(payload))`: our event
// classes take a payload, not a name, so the guess is a field name ("e", "offerId"). The real events
// are the ones documented with `@event cadia-…` in the class JSDoc; each gets the type of its class
// in src/events (found by the class's `eventName`), so the generated typings know the payload.
import { readFileSync, writeFileSync } from 'node:fs';
import { customElementJsxPlugin } from 'custom-element-jsx-integration';
import { customElementSolidJsPlugin } from 'custom-element-solidjs-integration';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';

const defined = new Map(); // class name → tag
const eventClasses = new Map(
  [...readFileSync('src/events/index.ts', 'utf8').matchAll(/export class (\w+) extends CadiaEvent \{\s*static override readonly eventName = '([^']+)'/g)].map(
    ([, cls, name]) => [name, cls],
  ),
);

// The typings import the element and event classes from the package's index, next to them in dist/types/.
const typings = { outdir: 'dist/types', globalTypePath: './index.js', hideLogs: true };
const TYPINGS = ['jsx.d.ts', 'solid.d.ts', 'vue.d.ts'].map((f) => `${typings.outdir}/${f}`);

/**
 * Two fixes to the framework typings the generators write: they import a type once per element that
 * uses it (a duplicate identifier when two elements fire the same event), and they type every
 * handler as `CustomEvent<type>`, whereas our events are classes with the payload on the event
 * (`e.ticket`, not `e.detail`), so the handler gets the class itself.
 */
function fixTypings() {
  return {
    name: 'cadia-fix-typings',
    packageLinkPhase() {
      for (const file of TYPINGS) {
        const text = readFileSync(file, 'utf8')
          .replace(/import type \{([^}]*)\} from "\.\/index\.js";/, (_, names) => {
            const unique = [...new Set(names.split(',').map((n) => n.trim()).filter(Boolean))];
            return `import type { ${unique.join(', ')} } from "./index.js";`;
          })
          .replace(/CustomEvent<(\w+Event)>/g, '$1')
          // Our @cssproperty docs name the default in the text; the generators add an empty one.
          .replaceAll(' _(default: undefined)_', '');
        writeFileSync(file, text);
      }
    },
  };
}

export default {
  plugins: [
    {
      name: 'cadia-define-element',
      analyzePhase({ ts, node }) {
        if (!ts.isCallExpression(node) || node.expression.getText() !== 'defineElement') return;
        const [tag, cls] = node.arguments;
        if (tag && ts.isStringLiteral(tag) && cls && ts.isIdentifier(cls)) defined.set(cls.text, tag.text);
      },
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            const tag = decl.kind === 'class' ? defined.get(decl.name) : undefined;
            if (!tag) continue;
            decl.customElement = true;
            decl.tagName = tag;
            if (!decl.events) continue;
            decl.events = decl.events.filter((e) => e.description || e.name?.startsWith('cadia-'));
            for (const e of decl.events) {
              const cls = eventClasses.get(e.name);
              if (!cls) throw new Error(`<${tag}> documents @event ${e.name}, which src/events does not define`);
              e.type = { text: cls };
            }
          }
        }
      },
    },
    customElementJsxPlugin({ ...typings, fileName: 'jsx.d.ts' }),
    customElementSolidJsPlugin({ ...typings, fileName: 'solid.d.ts' }),
    customElementVuejsPlugin({ ...typings, fileName: 'vue.d.ts' }),
    customElementVsCodePlugin({
      outdir: 'dist',
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
      hideLogs: true,
    }),
    customElementJetBrainsPlugin({ outdir: 'dist', webTypesFileName: 'web-types.json', packageJson: false, hideLogs: true }),
    fixTypings(),
  ],
};
