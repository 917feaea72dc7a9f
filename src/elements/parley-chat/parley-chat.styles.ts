import { css } from 'lit';

/**
 * The widget's palette: public `--parley-*` tokens with their defaults, copied into private
 * `--_parley-*` variables on each element's inner `.theme` wrapper. Shared by the chat's
 * sub-elements so that each still renders correctly on its own. Every default pair meets WCAG AA
 * (text 4.5:1, controls and focus rings 3:1) in both colour schemes.
 */
export const palette = css`
  .theme {
    --_parley-brand: var(--parley-color-brand, #1a5fb4);
    --_parley-on-brand: var(--parley-color-on-brand, #ffffff);
    --_parley-surface: var(--parley-color-surface, #ffffff);
    --_parley-surface-alt: var(--parley-color-surface-alt, #f0f2f4);
    --_parley-text: var(--parley-color-text, #1f1f1f);
    --_parley-muted: var(--parley-color-muted, #5b6068);
    --_parley-border: var(--parley-color-border, #7a7f87);
    --_parley-error: var(--parley-color-error, #b3261e);
    --_parley-focus: var(--parley-color-focus, #1a5fb4);
    --_parley-radius: var(--parley-radius, 16px);
    --_parley-shadow: var(--parley-shadow, 0 12px 32px rgb(0 0 0 / 0.2), 0 2px 6px rgb(0 0 0 / 0.12));
    color: var(--_parley-text);
    font-size: var(--parley-font-size, 0.9375rem);
    line-height: 1.45;
    /* Long words and URLs from either side must wrap, never widen the panel. */
    overflow-wrap: anywhere;
  }
  @media (prefers-color-scheme: dark) {
    .theme {
      --_parley-surface: var(--parley-color-surface, #1e1f22);
      --_parley-surface-alt: var(--parley-color-surface-alt, #2e3035);
      --_parley-text: var(--parley-color-text, #eceef1);
      --_parley-muted: var(--parley-color-muted, #b4b9c0);
      --_parley-border: var(--parley-color-border, #8a8f97);
      --_parley-error: var(--parley-color-error, #f2b8b5);
      /* The profile's focus colour is chosen against light surfaces. */
      --_parley-focus: var(--parley-color-focus-dark, #a8c7fa);
    }
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

export const styles = css`
  :host {
    /* The chat floats over the page; the host itself takes no room (SPEC §3: no layout shift). */
    display: contents;
  }
  .theme {
    --_parley-inset-block: var(--parley-inset-block-end, 20px);
    --_parley-inset-inline: var(--parley-inset-inline-end, 20px);
    --_parley-launcher-size: var(--parley-launcher-size, 56px);
    --_parley-z: var(--parley-z-index, 2147483000);
  }

  .launcher {
    position: fixed;
    inset-block-end: var(--_parley-inset-block);
    inset-inline-end: var(--_parley-inset-inline);
    z-index: var(--_parley-z);
    display: grid;
    place-items: center;
    inline-size: var(--_parley-launcher-size);
    block-size: var(--_parley-launcher-size);
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: var(--parley-launcher-background, var(--_parley-brand));
    color: var(--parley-launcher-color, var(--_parley-on-brand));
    box-shadow: var(--_parley-shadow);
  }
  .launcher:focus-visible {
    /* A surface-coloured gap keeps the ring visible whatever the page behind. */
    box-shadow: 0 0 0 2px var(--_parley-surface), var(--_parley-shadow);
  }
  .launcher svg {
    inline-size: 28px;
    block-size: 28px;
  }
  .badge {
    position: absolute;
    inset-block-start: -4px;
    inset-inline-end: -4px;
    min-inline-size: 22px;
    block-size: 22px;
    padding-inline: 6px;
    border-radius: 11px;
    background: var(--parley-badge-background, #b3261e);
    color: var(--parley-badge-color, #ffffff);
    font-size: 0.75rem;
    font-weight: 700;
    line-height: 22px;
    text-align: center;
    box-shadow: 0 0 0 2px var(--_parley-surface);
  }

  .panel {
    position: fixed;
    /* Floating UI writes left/top; until then (and if it cannot run) sit above the launcher. */
    inset-block-end: calc(var(--_parley-inset-block) + var(--_parley-launcher-size) + 12px);
    inset-inline-end: var(--_parley-inset-inline);
    z-index: var(--_parley-z);
    display: flex;
    flex-direction: column;
    inline-size: var(--parley-panel-width, 380px);
    block-size: var(--parley-panel-height, 600px);
    max-inline-size: calc(100vw - 16px);
    max-block-size: calc(100dvh - 16px);
    overflow: hidden;
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
    box-shadow: var(--_parley-shadow);
  }
  .panel[hidden] {
    display: none;
  }

  .header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding-block: 12px;
    padding-inline: 16px 8px;
    background: var(--parley-header-background, var(--_parley-brand));
    color: var(--parley-header-color, var(--_parley-on-brand));
  }
  .heading {
    flex: 1;
    min-inline-size: 0;
  }
  .title {
    margin: 0;
    font-size: 1.0625rem;
    font-weight: 700;
    line-height: 1.3;
  }
  .subtitle {
    margin: 2px 0 0;
    font-size: 0.8125rem;
  }
  .header button {
    flex: none;
    min-block-size: 40px;
    border: 0;
    border-radius: 8px;
    background: transparent;
    color: inherit;
  }
  .header button:hover {
    background: color-mix(in srgb, currentColor 14%, transparent);
  }
  .header :focus-visible {
    /* The brand background is behind: ring in the header's own text colour. */
    outline-color: currentColor;
    outline-offset: -3px;
  }
  .end-button {
    padding-inline: 10px;
    font-size: 0.8125rem;
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 3px;
  }
  .close-button {
    display: grid;
    place-items: center;
    inline-size: 40px;
    padding: 0;
  }
  .close-button svg {
    inline-size: 20px;
    block-size: 20px;
  }

  parley-message-list {
    flex: 1;
    min-block-size: 0;
  }

  @media (max-width: 480px) {
    /* Full screen on phones; Floating UI is off there (see FloatingController). */
    .panel {
      /* The visible part of the screen: above the on-screen keyboard when it is open. */
      inset: var(--_parley-viewport-top, 0) 0 auto 0;
      inline-size: 100%;
      block-size: var(--_parley-viewport-height, 100%);
      max-inline-size: none;
      max-block-size: none;
      border-radius: 0;
    }
    .theme[data-open] .launcher {
      display: none;
    }
  }

  @media (prefers-reduced-motion: no-preference) {
    .launcher {
      transition: transform 120ms ease-out;
    }
    .launcher:hover {
      transform: scale(1.06);
    }
    .panel:not([hidden]) {
      animation: parley-panel-in 160ms ease-out;
    }
    @keyframes parley-panel-in {
      from {
        opacity: 0;
        transform: translateY(8px);
      }
    }
  }

  @media (forced-colors: active) {
    .launcher,
    .panel,
    .badge {
      border: 1px solid CanvasText;
    }
  }
`;
