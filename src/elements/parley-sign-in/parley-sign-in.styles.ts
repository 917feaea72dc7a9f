import { css } from 'lit';

/**
 * The sign-in card, centred in whatever room the host gives it. Colours come from the console
 * palette (`--_parley-*`), whose pairs meet WCAG AA in both schemes.
 */
export const styles = css`
  :host {
    display: grid;
  }
  .root {
    display: grid;
    place-items: center;
    padding: 1rem;
    /* A short window (a phone held sideways) scrolls the card rather than clipping it. */
    overflow: auto;
  }
  form {
    display: grid;
    gap: 1rem;
    width: min(100%, 24rem);
    padding: 1.5rem;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
  }
  h1 {
    font-size: 1.375rem;
    line-height: 1.25;
  }
  .brand {
    color: var(--_parley-brand);
    font-weight: 700;
    letter-spacing: 0.02em;
  }
`;
