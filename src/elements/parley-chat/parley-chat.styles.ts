import { css, unsafeCSS } from 'lit';
import { LAUNCHER_CSS } from './launcher-look.js';

/** The palette lives in its own module, so that a form importing it does not pull in this sheet. */
export { palette } from '../base/palette.js';

export const styles = css`
  :host {
    /* The chat floats over the page; the host itself takes no room (SPEC §3: no layout shift). */
    display: contents;
  }
  :host([preview]) {
    /* The studio preview: a positioned block filling its container, the chat laid out inside it. */
    display: block;
    position: relative;
    inline-size: 100%;
    block-size: 100%;
    overflow: hidden;
  }
  ${unsafeCSS(LAUNCHER_CSS)}

  .panel {
    /*
     * The launcher sits in a fixed corner, so CSS alone keeps the panel above it, its side edge
     * in line with the launcher's, and never taller or wider than the room the viewport leaves.
     */
    position: fixed;
    inset-block-end: calc(var(--_parley-offset-y) + var(--_parley-launcher-size) + var(--_parley-gap));
    right: var(--_parley-offset-x);
    z-index: var(--_parley-z);
    display: flex;
    flex-direction: column;
    inline-size: var(--parley-panel-width, 380px);
    block-size: var(--parley-panel-height, 600px);
    max-inline-size: calc(100vw - var(--_parley-offset-x) - 8px);
    max-block-size: calc(100dvh - var(--_parley-offset-y) - var(--_parley-launcher-size) - var(--_parley-gap) - 8px);
    overflow: hidden;
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
    box-shadow: var(--_parley-shadow);
  }
  :host([position='bottom-left']) .panel {
    right: auto;
    left: var(--_parley-offset-x);
  }
  .panel[hidden] {
    display: none;
  }
  :host([preview]) .launcher,
  :host([preview]) .panel {
    position: absolute;
  }
  :host([preview]) .panel {
    max-inline-size: calc(100% - 2 * var(--_parley-offset-x));
    max-block-size: calc(100% - var(--_parley-offset-y) - var(--_parley-launcher-size) - var(--_parley-gap) - 8px);
  }

  .header {
    display: flex;
    align-items: center;
    gap: var(--_parley-space);
    padding-block: calc(var(--_parley-space) * 1.5);
    padding-inline: calc(var(--_parley-space) * 2) var(--_parley-space);
    background: var(--parley-header-background, var(--_parley-brand));
    color: var(--parley-header-color, var(--_parley-on-brand));
  }
  .logo {
    flex: none;
    max-inline-size: 96px;
    block-size: 36px;
    object-fit: contain;
  }
  .heading {
    /* The title keeps a good part of the header; the buttons beside it wrap their text instead. */
    flex: 1 1 0;
    min-inline-size: 42%;
    overflow-wrap: break-word;
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
  .header .end-button {
    flex: 0 1 auto;
    min-inline-size: 0;
    padding-inline: 8px;
    overflow-wrap: normal;
    text-align: center;
    font-size: 0.8125rem;
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 3px;
  }
  .icon-button {
    display: grid;
    place-items: center;
    inline-size: 40px;
    padding: 0;
  }
  .icon-button svg {
    inline-size: 20px;
    block-size: 20px;
  }

  parley-connection-status {
    flex: none;
  }
  parley-message-list {
    flex: 1;
    min-block-size: 0;
  }
  parley-prechat {
    flex: none;
    max-block-size: 70%;
    overflow-y: auto;
  }
  .offline {
    margin: 0;
    padding: calc(var(--_parley-space) * 2);
    border-block-start: 1px solid color-mix(in srgb, var(--_parley-border) 40%, transparent);
    background: var(--_parley-surface-alt);
    white-space: pre-line;
  }

  /* Other ways to reach us: the strip under the transcript, the closed state's options, the form. */
  parley-elevation {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .elevation-bar {
    flex: none;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_parley-space) * 0.75);
    max-block-size: 50%;
    overflow-y: auto;
    padding: calc(var(--_parley-space) * 0.75) calc(var(--_parley-space) * 1.5);
    border-block-start: 1px solid color-mix(in srgb, var(--_parley-border) 40%, transparent);
    font-size: 0.875rem;
  }
  .elevation-bar[hidden],
  .offline-options[hidden],
  .options[hidden] {
    display: none;
  }
  .menu-button,
  .link-button {
    align-self: flex-start;
    display: inline-flex;
    align-items: center;
    gap: 4px;
    min-block-size: 32px;
    padding: 4px 6px;
    margin-inline-start: -6px;
    border: 0;
    border-radius: 6px;
    background: transparent;
    color: var(--_parley-text);
    font-size: 0.875rem;
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 3px;
  }
  .menu-button svg {
    inline-size: 18px;
    block-size: 18px;
  }
  .menu-button[aria-expanded='true'] svg {
    transform: rotate(180deg);
  }
  .menu-button:hover,
  .link-button:hover {
    background: var(--_parley-surface-alt);
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .option {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    min-block-size: 40px;
    padding: 6px 14px;
    border: 1px solid var(--_parley-brand);
    border-radius: 20px;
    background: var(--_parley-surface);
    color: var(--_parley-text);
    font-size: 0.875rem;
    font-weight: 600;
    text-align: start;
  }
  .option svg {
    flex: none;
    inline-size: 18px;
    block-size: 18px;
    color: var(--_parley-brand);
  }
  .option:hover {
    background: color-mix(in srgb, var(--_parley-brand) 10%, var(--_parley-surface));
  }
  .offer {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: calc(var(--_parley-space) * 1.25);
    border-radius: min(var(--_parley-radius), 12px);
    background: var(--_parley-surface-alt);
  }
  .offer-text {
    margin: 0;
    font-weight: 600;
  }
  .offer-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }
  .offer .link-button {
    align-self: center;
    margin-inline-start: 0;
  }
  .requests {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .requests-title {
    margin: 0;
    color: var(--_parley-muted);
    font-size: 0.75rem;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .requests ul {
    display: flex;
    flex-direction: column;
    gap: 2px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .requests li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    column-gap: 6px;
  }
  .requests svg {
    flex: none;
    inline-size: 16px;
    block-size: 16px;
    color: var(--_parley-muted);
  }
  .request-reference {
    font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace;
    font-weight: 700;
    direction: ltr;
    unicode-bidi: isolate;
  }
  .request-status {
    padding: 0 8px;
    border: 1px solid var(--_parley-border);
    border-radius: 10px;
    color: var(--_parley-muted);
    font-size: 0.75rem;
  }
  .request-status[data-status='in-progress'] {
    border-color: var(--_parley-brand);
    color: var(--_parley-text);
  }
  .request-status[data-status='done'] {
    border-style: dashed;
  }
  .offline-options {
    display: flex;
    flex-direction: column;
    gap: var(--_parley-space);
    padding: 0 calc(var(--_parley-space) * 2) calc(var(--_parley-space) * 2);
    background: var(--_parley-surface-alt);
  }
  .offline-options p {
    margin: 0;
    font-weight: 600;
  }

  /* Leave a message: the button (closed state, or in the strip while nobody can answer) and its view. */
  .leave {
    padding: 0 calc(var(--_parley-space) * 2) calc(var(--_parley-space) * 2);
    background: var(--_parley-surface-alt);
  }
  .leave[hidden],
  .leave-view[hidden] {
    display: none;
  }
  .leave-view {
    flex: 1;
    min-block-size: 0;
    display: flex;
    flex-direction: column;
    overflow-y: auto;
    overscroll-behavior: contain;
    background: var(--_parley-surface);
  }
  .leave-view parley-work-item {
    flex: none;
    margin: calc(var(--_parley-space) * 1.5);
  }
  /*
   * A form whose code is still on its way (forms load on first need): a spinner holds its place.
   * It fades in after a moment, so that the usual quick load shows none.
   */
  parley-elevation:not(:defined),
  parley-prechat:not(:defined),
  parley-work-item:not(:defined) {
    display: grid;
    place-items: center;
    min-block-size: 64px;
  }
  parley-elevation:not(:defined)::before,
  parley-prechat:not(:defined)::before,
  parley-work-item:not(:defined)::before {
    content: '';
    inline-size: 24px;
    block-size: 24px;
    border: 3px solid var(--_parley-brand);
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: parley-form-wait 0s 400ms both;
  }
  @keyframes parley-form-wait {
    from {
      opacity: 0;
    }
  }
  .leave-done,
  .leave-unavailable {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_parley-space);
    margin: 0;
    padding: calc(var(--_parley-space) * 2);
  }
  .leave-title {
    margin: 0;
    font-size: 1.0625rem;
  }
  .leave-title:focus,
  .leave-unavailable:focus {
    outline: none;
  }
  .leave-title:focus-visible,
  .leave-unavailable:focus-visible {
    outline: 3px solid var(--_parley-focus);
  }
  .leave-done p {
    margin: 0;
  }
  .leave-done .reference-label {
    color: var(--_parley-muted);
    font-size: 0.8125rem;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .leave-done .reference {
    padding: 6px 12px;
    border: 2px dashed var(--_parley-border);
    border-radius: 8px;
    font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace;
    font-size: 1.5rem;
    font-weight: 700;
    letter-spacing: 0.08em;
    /* A reference is one word: it never breaks, and reads left to right in any page. */
    direction: ltr;
    unicode-bidi: isolate;
    white-space: nowrap;
    user-select: all;
  }

  /* Full screen (phones, or a narrow preview). */
  .theme[data-narrow] .panel {
    /* The visible part of the screen: above the on-screen keyboard when it is open. */
    inset: var(--_parley-viewport-top, 0) 0 auto 0;
    inline-size: 100%;
    block-size: var(--_parley-viewport-height, 100%);
    max-inline-size: none;
    max-block-size: none;
    border-radius: 0;
  }
  :host([preview]) .theme[data-narrow] .panel {
    inset: 0;
    block-size: 100%;
  }
  .theme[data-narrow][data-open] .launcher {
    display: none;
  }

  @media (prefers-reduced-motion: no-preference) {
    .launcher {
      transition: transform 120ms ease-out;
    }
    .launcher:hover {
      transform: scale(1.06);
    }
    /* Not in preview: there the panel is a still picture, open from the start. */
    :host(:not([preview])) .panel:not([hidden]) {
      animation: parley-panel-in 160ms ease-out;
    }
    @keyframes parley-panel-in {
      from {
        opacity: 0;
        transform: translateY(8px);
      }
    }
    parley-elevation:not(:defined)::before,
    parley-prechat:not(:defined)::before,
    parley-work-item:not(:defined)::before {
      animation:
        parley-form-wait 0s 400ms both,
        parley-form-spin 0.8s linear infinite;
    }
    @keyframes parley-form-spin {
      to {
        transform: rotate(1turn);
      }
    }
  }

  @media (forced-colors: active) {
    .launcher,
    .panel,
    .badge {
      border: 1px solid CanvasText;
    }
    .option {
      border-color: ButtonText;
    }
  }
`;
