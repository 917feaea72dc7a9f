import { css } from 'lit';

/**
 * Colours and shapes shared by the console and its parts. Private `--_parley-*` properties live on
 * each element's inner `.root` wrapper and default to the public `--parley-*` tokens, so a page can
 * theme the console the same way as the widget. Every text/background pair meets WCAG AA (4.5:1)
 * in both schemes; borders of inputs meet 3:1.
 */
export const palette = css`
  .root {
    --_parley-bg: var(--parley-color-background, #f3f4f6);
    --_parley-surface: var(--parley-color-surface, #ffffff);
    --_parley-text: var(--parley-color-text, #111827);
    --_parley-muted: var(--parley-color-text-muted, #4b5563);
    --_parley-border: var(--parley-color-border, #6b7280);
    --_parley-divider: var(--parley-color-divider, #e5e7eb);
    --_parley-brand: var(--parley-color-brand, #1d4ed8);
    --_parley-on-brand: var(--parley-color-on-brand, #ffffff);
    --_parley-tint: var(--parley-color-tint, #eff6ff);
    --_parley-danger: var(--parley-color-danger, #b91c1c);
    --_parley-danger-bg: var(--parley-color-danger-background, #fef2f2);
    --_parley-success: var(--parley-color-success, #166534);
    --_parley-focus: var(--parley-color-focus, #1d4ed8);
    --_parley-radius: var(--parley-radius, 0.5rem);
    color: var(--_parley-text);
    font-size: var(--parley-font-size, 1rem);
    line-height: 1.45;
  }
  @media (prefers-color-scheme: dark) {
    .root {
      --_parley-bg: var(--parley-color-background, #0b1220);
      --_parley-surface: var(--parley-color-surface, #172033);
      --_parley-text: var(--parley-color-text, #f1f5f9);
      --_parley-muted: var(--parley-color-text-muted, #cbd5e1);
      --_parley-border: var(--parley-color-border, #94a3b8);
      --_parley-divider: var(--parley-color-divider, #334155);
      --_parley-brand: var(--parley-color-brand, #93c5fd);
      --_parley-on-brand: var(--parley-color-on-brand, #0b1220);
      --_parley-tint: var(--parley-color-tint, #1e3a5f);
      --_parley-danger: var(--parley-color-danger, #fca5a5);
      --_parley-danger-bg: var(--parley-color-danger-background, #3b1212);
      --_parley-success: var(--parley-color-success, #86efac);
      --_parley-focus: var(--parley-color-focus, #93c5fd);
    }
  }
`;

/** Native controls, focus ring and utility classes shared by the console and its parts. */
export const controls = css`
  h1,
  h2,
  h3,
  p {
    margin: 0;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    min-height: 2.5rem;
    padding: 0.5rem 1rem;
    border: 1px solid var(--_parley-border);
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
    color: var(--_parley-text);
    font-weight: 600;
    cursor: pointer;
  }
  button.primary {
    border-color: var(--_parley-brand);
    background: var(--_parley-brand);
    color: var(--_parley-on-brand);
  }
  button:hover {
    filter: brightness(0.95);
  }
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }
  input,
  select,
  textarea {
    width: 100%;
    min-height: 2.5rem;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_parley-border);
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_parley-danger);
    border-width: 2px;
  }
  :focus-visible {
    outline: 3px solid var(--_parley-focus);
    outline-offset: 2px;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  label {
    display: block;
    margin-block-end: 0.25rem;
    font-weight: 600;
  }
  .field {
    display: grid;
  }
  .error {
    color: var(--_parley-danger);
    font-weight: 600;
  }
  .error:empty,
  .status:empty {
    display: none;
  }
  .muted {
    color: var(--_parley-muted);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  @media (forced-colors: active) {
    button,
    input,
    select,
    textarea {
      border: 1px solid ButtonText;
    }
  }
`;

/** The header bar of the staff apps (studio, administration): title, then the signed-in user. */
export const staffTopbar = css`
  .topbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.5rem 1rem;
    background: var(--_parley-surface);
    border-block-end: 1px solid var(--_parley-divider);
  }
  .topbar h1 {
    margin-inline-end: auto;
    font-size: 1.125rem;
  }
  .user {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
`;

export const styles = css`
  :host {
    display: block;
    /* The desk fills the window less the body's default margin; pages may set their own height. */
    height: var(--parley-console-height, calc(100dvh - 1rem));
    min-height: 20rem;
    container: parley-console / inline-size;
  }
  .root {
    display: flex;
    flex-direction: column;
    height: 100%;
    background: var(--_parley-bg);
    border-radius: var(--_parley-radius);
    overflow: hidden;
  }
  .checking {
    margin: auto;
    padding: 2rem;
  }

  /* The sign-in form takes the room the desk would; it scrolls itself when the room is short. */
  parley-sign-in {
    flex: 1;
    min-height: 0;
  }

  /* Header -------------------------------------------------------------------------------- */
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.625rem 1rem;
    border-block-end: 1px solid var(--_parley-divider);
    background: var(--_parley-surface);
  }
  header h1 {
    font-size: 1.125rem;
    margin-inline-end: auto;
  }
  header h1 .brand {
    color: var(--_parley-brand);
  }
  .agent {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  .agent-name {
    font-weight: 600;
  }
  .presence {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    font-weight: 600;
    color: var(--_parley-muted);
  }
  .presence::before {
    content: '';
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
    border: 2px solid currentColor;
  }
  .presence.on {
    color: var(--_parley-success);
  }
  .presence.on::before {
    background: currentColor;
  }

  /* Banners ------------------------------------------------------------------------------- */
  /* The connection notice looks like the other banners; it takes no room while it says nothing. */
  parley-connection-status {
    --parley-connection-background: var(--_parley-tint);
    --parley-connection-color: var(--_parley-text);
  }
  parley-connection-status::part(notice) {
    gap: 0.75rem;
    margin: 0.5rem 1rem 0;
    padding: 0.5rem 0.75rem;
    border: 1px solid currentColor;
    border-radius: var(--_parley-radius);
    font-size: inherit;
  }
  .banner {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    margin: 0.5rem 1rem 0;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_parley-radius);
    border: 1px solid currentColor;
  }
  .banner:empty {
    display: none;
  }
  .banner.error {
    background: var(--_parley-danger-bg);
    color: var(--_parley-danger);
    font-weight: 600;
  }
  .banner.info {
    background: var(--_parley-surface);
    color: var(--_parley-success);
    font-weight: 600;
  }
  .banner button {
    margin-inline-start: auto;
    min-height: 2rem;
    padding: 0.25rem 0.75rem;
  }

  /* Desk ---------------------------------------------------------------------------------- */
  main.desk {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: minmax(16rem, 22rem) 1fr;
    gap: 1rem;
    padding: 1rem;
  }
  aside {
    display: flex;
    flex-direction: column;
    gap: 1rem;
    min-height: 0;
    overflow: auto;
  }
  aside h2 {
    font-size: 1rem;
    margin-block-end: 0.5rem;
  }
  .offers,
  nav {
    padding: 0.75rem;
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
    border: 1px solid var(--_parley-divider);
  }
  .offer-list,
  .thread-list {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .thread {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0 0.5rem;
    width: 100%;
    padding: 0.5rem 0.75rem;
    text-align: start;
    font-weight: 400;
    border-color: var(--_parley-divider);
  }
  .thread[aria-current='true'] {
    border-color: var(--_parley-brand);
    /* The accent bar on the side text starts from, in both directions. */
    border-inline-start-width: 4px;
    padding-inline-start: calc(0.75rem - 3px);
    background: var(--_parley-tint);
  }
  .thread > span {
    grid-column: 1;
  }
  .thread .name {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .thread .poc,
  .thread .state,
  .thread .channel {
    font-size: 0.875rem;
    color: var(--_parley-muted);
  }
  .thread .channel {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 0.375rem;
  }
  .thread .reference {
    font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace;
  }
  .thread .state.wrapup {
    color: var(--_parley-danger);
    font-weight: 600;
  }
  .thread > .badge {
    grid-row: 1 / span 4;
    grid-column: 2;
    align-self: center;
    min-width: 1.5rem;
    padding: 0 0.375rem;
    border-radius: 999px;
    background: var(--_parley-brand);
    color: var(--_parley-on-brand);
    font-weight: 700;
    font-size: 0.875rem;
    text-align: center;
  }
  .workspace {
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
    /* The session panel goes beside the interaction when there is room, else under it. */
    container: parley-workspace / inline-size;
  }
  .panes {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(15rem, 20rem);
    grid-template-rows: minmax(0, 1fr);
    gap: 1rem;
  }
  .panes > parley-agent-conversation {
    min-height: 0;
  }
  .side {
    display: flex;
    flex-direction: column;
    gap: 1rem;
    min-height: 0;
    overflow: auto;
  }
  @container parley-workspace (max-width: 44rem) {
    .panes {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: auto;
      overflow: auto;
    }
    .panes > parley-agent-conversation {
      height: max(28rem, 75dvh);
    }
    .side {
      overflow: visible;
    }
  }
  .empty {
    margin: auto;
    padding: 2rem;
    text-align: center;
    color: var(--_parley-muted);
  }

  /* Narrow windows: one column, the page scrolls, the transcript keeps a readable height. */
  @container parley-console (max-width: 48rem) {
    main.desk {
      grid-template-columns: 1fr;
      padding: 0.5rem;
      overflow: auto;
    }
    aside {
      overflow: visible;
    }
    .panes > parley-agent-conversation {
      height: max(28rem, 80dvh);
    }
    header h1 {
      flex-basis: 100%;
    }
  }
  /* On a phone the page scrolls instead of squeezing the transcript between the panels. */
  @media (max-width: 48rem) {
    :host {
      height: auto;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    .thread {
      transition: background-color 120ms ease;
    }
  }
`;
