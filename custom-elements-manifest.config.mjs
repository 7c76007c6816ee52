// Read by `cem analyze` (npm run manifest). Our tags are registered by `defineElement('cadia-x', Class)`
// in src/define/, not by `customElements.define` or `@customElement`, so the analyzer cannot see which
// class is which tag. This plugin reads those calls and marks each class as a custom element with
// its tag name — Storybook's docs and controls (and editors) look elements up by tag.
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
          }
        }
      },
    },
  ],
};
