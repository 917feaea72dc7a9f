/**
 * What every Parley element's shadow root starts with: the font, border-box sizing, and `hidden`
 * that wins. Plain text, so that the script tag's loader can use it without Lit.
 */
export const HOST_CSS = `
:host {
  box-sizing: border-box;
  font-family: var(--parley-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
}
:host([hidden]) {
  display: none !important;
}
*,
*::before,
*::after {
  box-sizing: inherit;
}
`;
