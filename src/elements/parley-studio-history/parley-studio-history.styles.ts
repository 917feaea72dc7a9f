import { css } from 'lit';

/** The list of saves: one block per save, one line per changed setting. */
export const styles = css`
  :host {
    display: block;
  }
  .root {
    display: grid;
    gap: 0.75rem;
    font-size: 0.9375rem;
  }
  .entries {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .entries > li {
    display: grid;
    gap: 0.25rem;
    padding-block-end: 0.75rem;
    border-block-end: 1px solid var(--_parley-divider);
  }
  .entries > li:last-child {
    border-block-end: 0;
    padding-block-end: 0;
  }
  .who {
    font-weight: 600;
  }
  .who .muted {
    font-weight: 400;
  }
  .changes {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .changes li {
    overflow-wrap: anywhere;
  }
  .field {
    font-weight: 600;
  }
  .value {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }
  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875rem;
    padding: 0 0.25rem;
    border-radius: 0.25rem;
    background: var(--_parley-bg);
  }
  .swatch {
    display: inline-block;
    width: 0.875rem;
    height: 0.875rem;
    border: 1px solid var(--_parley-border);
    border-radius: 0.2rem;
  }
  .empty {
    font-style: italic;
    color: var(--_parley-muted);
  }
  .arrow {
    color: var(--_parley-muted);
  }
  button {
    justify-self: start;
  }
`;
