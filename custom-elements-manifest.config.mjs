// Read by `cem analyze` (npm run manifest). Our tags are registered by `defineElement('cadia-x', Class)`
// in src/define/, not by `customElements.define` or `@customElement`, so the analyzer cannot see which
// class is which tag. This plugin reads those calls and marks each class as a custom element with
// its tag name — Storybook's docs and controls (and editors) look elements up by tag.
// It also drops the events the analyzer guesses from `dispatchEvent(new XEvent(payload))`: our event
// classes take a payload, not a name, so the guess is a field name ("e", "offerId"). The real events
// are the ones documented with `@event cadia-…` in the class JSDoc.
const defined = new Map(); // class name → tag

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
            if (decl.events) decl.events = decl.events.filter((e) => e.description || e.name?.startsWith('cadia-'));
          }
        }
      },
    },
  ],
};
