/**
 * Design tokens every element starts from. Global `--cadia-*` properties (set by the host on any
 * ancestor) feed these defaults; light and dark differ only here.
 *
 * Isolation from the page: selectors do not reach into a shadow root, but inherited text settings
 * do, and page rules on the host element itself beat plain :host rules. An !important in a shadow
 * root wins over the page's !important (even `* { all: unset !important }`), so the widgets keep
 * their colour and text settings on any page. Theme them through the --cadia-* properties.
 * `color-scheme` makes native controls (radio buttons, scrollbars) follow the widget's scheme,
 * not the page's.
 *
 * The comments live here, not in the CSS: the build's template minifier reads an apostrophe in a
 * CSS comment as the start of a string and would leave the rest of the sheet unminified.
 */
import { css } from 'lit';

/**
 * Dark values, used by `prefers-color-scheme: dark` and by `theme="dark"` on an element. Dark text
 * colours need a dark ground of their own: the host page may well be light.
 */
const dark = css`
      --_primary: var(--cadia-color-primary, #8ab4f8);
      --_on-primary: var(--cadia-color-on-primary, #0b1d36);
      --_text: var(--cadia-color-text, #e6e9ee);
      --_muted: var(--cadia-color-muted, #aab3c0);
      --_surface: var(--cadia-color-surface, #1b1f26);
      --_surface-2: var(--cadia-color-surface-2, #252b34);
      --_border: var(--cadia-color-border, #4a5361);
      --_ok: var(--cadia-color-ok, #7dd3a0);
      --_low: var(--cadia-color-low, #f0c06a);
      --_danger: var(--cadia-color-danger, #f2a19b);
      --_focus: var(--cadia-color-focus, #8ab4f8);
      --_skeleton: var(--cadia-color-skeleton, #333a45);
      color-scheme: var(--cadia-color-scheme, dark) !important;
      background-color: var(--_surface);
`;

export const tokens = css`
  :host {
    --_font: var(--cadia-font, inherit);
    --_radius: var(--cadia-radius, 8px);
    --_space: var(--cadia-space, 4px);
    --_primary: var(--cadia-color-primary, #1f5fae);
    --_on-primary: var(--cadia-color-on-primary, #ffffff);
    --_text: var(--cadia-color-text, #1d2430);
    --_muted: var(--cadia-color-muted, #515c6b);
    --_surface: var(--cadia-color-surface, #ffffff);
    --_surface-2: var(--cadia-color-surface-2, #f3f5f8);
    --_border: var(--cadia-color-border, #c9d0da);
    --_ok: var(--cadia-color-ok, #1b6e3a);
    --_low: var(--cadia-color-low, #8a5300);
    --_danger: var(--cadia-color-danger, #b3261e);
    --_focus: var(--cadia-color-focus, #1f5fae);
    --_skeleton: var(--cadia-color-skeleton, #e3e7ed);
    box-sizing: border-box;
    font-family: var(--_font) !important;
    color: var(--_text) !important;
    font-style: normal !important;
    font-weight: normal !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    text-indent: 0 !important;
    text-shadow: none !important;
    text-align: start !important;
    white-space: normal !important;
    color-scheme: var(--cadia-color-scheme, light) !important;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  :host([theme='dark']) {
    ${dark}
  }
  :host([theme='light']) {
    background-color: var(--_surface);
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .num {
    font-variant-numeric: tabular-nums;
  }
  /*
   * One bold, 600, also for headings; with the sizes kept to a short scale (0.8125–1.75em) the
   * widgets' first content needs few fonts: each new size and weight is a font lookup inside the
   * layout that shows it (5–15 ms each at 4× CPU on Linux).
   */
  h2,
  h3,
  strong {
    font-weight: 600;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  button.primary,
  button.secondary {
    font: inherit;
    min-height: 32px;
    min-width: 24px;
    padding-block: calc(var(--_space) * 1.5);
    padding-inline: calc(var(--_space) * 3);
    border-radius: calc(var(--_radius) - 2px);
    cursor: pointer;
    border: 1px solid var(--_primary);
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  button.secondary {
    background: transparent;
    color: var(--_primary);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .skeleton {
    background: var(--_skeleton);
    border-radius: 4px;
    color: transparent;
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: cadia-pulse 1.4s ease-in-out infinite;
    }
  }
  @keyframes cadia-pulse {
    50% {
      opacity: 0.55;
    }
  }
`;
