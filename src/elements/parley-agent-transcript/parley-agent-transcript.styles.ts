import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .root {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
  }
  .log {
    justify-self: stretch;
    max-block-size: var(--parley-transcript-max-height, 20rem);
    padding: 0.75rem;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
  }
  .note {
    font-size: 0.875rem;
  }
  button {
    min-height: 2rem;
    padding: 0.25rem 0.75rem;
  }
`;
