/**
 * The widget's palette: public `--parley-*` tokens copied into private `--_parley-*` variables on
 * each element's inner `.theme` wrapper. `<parley-chat>` sets every colour token from its profile,
 * per palette (light, dark, or both under `prefers-color-scheme` for `auto`), so the fallbacks here
 * only serve a sub-element used on its own; they are the default profile's light palette, whose
 * pairs meet WCAG AA (text 4.5:1, controls and focus rings 3:1). Plain text, so that the script
 * tag's loader can draw the launcher with it before Lit has loaded.
 */
export const PALETTE_CSS = `
  :host {
    /* The profile's font; "inherit" (the page's font) when none is set. */
    font-family: var(--parley-font-family, inherit);
  }
  .theme {
    --_parley-brand: var(--parley-color-brand, #1a5fb4);
    --_parley-on-brand: var(--parley-color-on-brand, #ffffff);
    --_parley-surface: var(--parley-color-surface, #ffffff);
    --_parley-surface-alt: var(--parley-color-surface-alt, #f0f2f4);
    --_parley-text: var(--parley-color-text, #1f2328);
    --_parley-muted: var(--parley-color-muted, #5b6068);
    --_parley-border: var(--parley-color-border, #7a7f87);
    --_parley-error: var(--parley-color-error, #b3261e);
    --_parley-focus: var(--parley-color-focus, #1a5fb4);
    --_parley-radius: var(--parley-radius, 12px);
    --_parley-space: var(--parley-spacing, 8px);
    --_parley-shadow: var(--parley-shadow, 0 12px 32px rgb(0 0 0 / 0.2), 0 2px 6px rgb(0 0 0 / 0.12));
    color-scheme: var(--parley-color-scheme, light);
    color: var(--_parley-text);
    font-size: var(--parley-font-size, 0.9375rem);
    line-height: 1.45;
    /* Long words and URLs from either side must wrap, never widen the panel. */
    overflow-wrap: anywhere;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px !important;
    block-size: 1px !important;
    margin: -1px !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
  :focus-visible {
    outline: 3px solid var(--_parley-focus);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
`;
