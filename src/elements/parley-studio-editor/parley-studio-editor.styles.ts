import { css } from 'lit';

/**
 * The profile form: one card per section, fields in a grid that becomes one column when the form
 * is narrow (a container query, so it follows the studio's layout rather than the window). Colours
 * come from the console palette (`--_parley-*`), whose pairs meet WCAG AA in both schemes.
 */
export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  .root {
    display: grid;
    gap: 1rem;
    --_parley-warning: var(--parley-color-warning, #8a4b00);
    --_parley-warning-bg: var(--parley-color-warning-background, #fff7e6);
  }
  @media (prefers-color-scheme: dark) {
    .root {
      --_parley-warning: var(--parley-color-warning, #fcd34d);
      --_parley-warning-bg: var(--parley-color-warning-background, #3a2a05);
    }
  }
  .card {
    display: grid;
    gap: 1rem;
    padding: 1rem 1.25rem 1.25rem;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
  }
  h2 {
    font-size: 1.125rem;
    line-height: 1.3;
  }
  fieldset {
    display: grid;
    gap: 0.875rem;
    min-width: 0;
    margin: 0;
    padding: 0.75rem 1rem 1rem;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
  }
  legend {
    padding: 0 0.25rem;
    font-weight: 700;
  }
  .grid,
  .palettes {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0.875rem 1rem;
  }
  .field {
    display: grid;
    align-content: start;
    gap: 0.25rem;
    min-width: 0;
  }
  .field > label {
    margin: 0;
  }
  .hint {
    margin: 0;
    font-size: 0.875rem;
    color: var(--_parley-muted);
  }
  .hint.ok {
    color: var(--_parley-success);
  }
  .error,
  .warning {
    display: flex;
    gap: 0.375rem;
    margin: 0;
    padding: 0.375rem 0.5rem;
    border-inline-start: 4px solid currentColor;
    border-radius: 0.25rem;
    font-size: 0.9375rem;
  }
  .error {
    background: var(--_parley-danger-bg);
  }
  .warning {
    color: var(--_parley-warning);
    background: var(--_parley-warning-bg);
    font-weight: 600;
  }

  /* Checkboxes: box, then label, hint and problem under the label. */
  .field.check {
    grid-template-columns: auto 1fr;
    align-items: start;
    column-gap: 0.625rem;
  }
  .field.check input {
    width: 1.25rem;
    height: 1.25rem;
    min-height: 0;
    margin: 0.15rem 0 0;
    accent-color: var(--_parley-brand);
  }
  .field.check > label {
    font-weight: 600;
  }
  .field.check > :not(input):not(label) {
    grid-column: 2;
  }

  /* Numbers with their unit. */
  .with-unit {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .with-unit input {
    max-width: 12rem;
  }
  .unit {
    color: var(--_parley-muted);
  }

  /* Colours: picker, hex box, sample of the text on its background. */
  .color-row {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .picker {
    flex: none;
    width: 2.75rem;
    height: 2.5rem;
    padding: 0.125rem;
    cursor: pointer;
  }
  .hex {
    flex: 1;
    min-width: 0;
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  }
  .sample {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 2.5rem;
    height: 2.5rem;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
    font-weight: 700;
  }
  /* Generated text: a sample of the colours, not content (and not read out). */
  .sample::before {
    content: 'Aa';
  }

  /* Text tabs. */
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-block-end: 2px solid var(--_parley-divider);
  }
  [role='tab'] {
    min-height: 2.5rem;
    margin-block-end: -2px;
    border: 2px solid transparent;
    border-block-end-color: var(--_parley-divider);
    border-radius: var(--_parley-radius) var(--_parley-radius) 0 0;
    background: transparent;
    font-weight: 600;
  }
  [role='tab'][aria-selected='true'] {
    border-color: var(--_parley-divider);
    border-block-end-color: var(--_parley-surface);
    background: var(--_parley-surface);
    color: var(--_parley-brand);
    box-shadow: inset 0 3px 0 var(--_parley-brand);
  }
  .tab-problems {
    color: var(--_parley-danger);
  }
  .tab-panel {
    display: grid;
    gap: 0.875rem;
  }
  .text-meta {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 1rem;
  }
  .counter {
    margin: 0;
    font-size: 0.875rem;
    color: var(--_parley-muted);
    font-variant-numeric: tabular-nums;
  }
  .counter.over {
    color: var(--_parley-danger);
    font-weight: 700;
  }

  /* Pre-chat fields. */
  .prechat-list {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  .row-actions button {
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
  }
  /* Unavailable here (first field up, last field down, eleventh field), not busy. */
  .actions button[aria-disabled='true'] {
    cursor: not-allowed;
  }
  button.danger {
    color: var(--_parley-danger);
    border-color: currentColor;
  }
  .elevation {
    grid-template-columns: repeat(2, minmax(0, 1fr));
    align-items: start;
  }
  /* A file field's accepted types: one checkbox each, two columns when there is room. */
  .accept-list {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0.5rem 1rem;
  }

  @container (max-width: 34rem) {
    .grid,
    .palettes,
    .accept-list,
    .elevation {
      grid-template-columns: 1fr;
    }
    .card {
      padding: 0.75rem;
    }
  }
`;
