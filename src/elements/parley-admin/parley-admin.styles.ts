import { css } from 'lit';

/**
 * The administration page: a header (title, user, Sign out), then the sections' navigation beside
 * the current section on wide windows (48rem and up), above it on narrow ones, where the links
 * wrap rather than scroll. Colours come from the console palette (`--_parley-*`).
 */
export const styles = css`
  :host {
    display: block;
    min-height: 100dvh;
  }
  .root {
    display: flex;
    flex-direction: column;
    min-height: 100dvh;
    background: var(--_parley-bg);
  }
  .checking {
    margin: auto;
    padding: 2rem;
  }
  parley-sign-in {
    flex: 1;
  }
  a {
    color: var(--_parley-brand);
    text-underline-offset: 0.15em;
  }
  .brand {
    color: var(--_parley-brand);
    font-weight: 700;
  }
  .layout {
    flex: 1;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
  }
  nav {
    padding: 0.5rem;
    background: var(--_parley-surface);
    border-block-end: 1px solid var(--_parley-divider);
  }
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  nav a {
    display: block;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_parley-radius);
    color: var(--_parley-text);
    font-weight: 600;
    text-decoration: none;
  }
  nav a:hover {
    background: var(--_parley-tint);
  }
  nav a[aria-current='page'] {
    background: var(--_parley-brand);
    color: var(--_parley-on-brand);
  }
  main {
    min-width: 0;
    padding: 1rem;
  }
  main:focus {
    outline: none;
  }
  .card {
    padding: 1rem 1.25rem;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
  }
  @media (min-width: 48rem) {
    .layout {
      grid-template-columns: 14rem minmax(0, 1fr);
    }
    nav {
      border-block-end: 0;
      border-inline-end: 1px solid var(--_parley-divider);
    }
    nav ul {
      position: sticky;
      inset-block-start: 0.5rem;
      flex-direction: column;
    }
    main {
      padding: 1.5rem;
    }
  }
  @media (forced-colors: active) {
    nav a[aria-current='page'] {
      border: 2px solid Highlight;
    }
  }
`;
