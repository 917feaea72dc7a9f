import { css } from 'lit';

/**
 * What every administration section shares, after the console's `palette` and `controls`: the
 * section's heading row, cards, forms (a `.fields` grid of `.field` columns with `.hint` and
 * `.error`), the form alert, tables that scroll sideways on narrow screens, state badges, the
 * busy spinner and the confirmation dialog. Colours come from the console palette, whose pairs
 * meet WCAG AA in both schemes.
 */
export const adminStyles = css`
  :host {
    display: block;
  }
  .root {
    display: grid;
    gap: 1rem;
    min-width: 0;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }
  h2 {
    font-size: 1.375rem;
    line-height: 1.3;
  }
  h3 {
    font-size: 1.125rem;
    line-height: 1.3;
  }
  a {
    color: var(--_parley-brand);
    text-underline-offset: 0.15em;
  }
  a.button {
    display: inline-flex;
    align-items: center;
    min-height: 2.5rem;
    padding: 0.5rem 1rem;
    border: 1px solid var(--_parley-brand);
    border-radius: var(--_parley-radius);
    background: var(--_parley-brand);
    color: var(--_parley-on-brand);
    font-weight: 600;
    text-decoration: none;
  }
  .card {
    display: grid;
    align-content: start;
    gap: 0.75rem;
    padding: 1rem 1.25rem 1.25rem;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
    min-width: 0;
  }
  .hint {
    margin: 0;
    font-size: 0.875rem;
    color: var(--_parley-muted);
  }
  .field {
    align-content: start;
  }
  .field .hint,
  .field .error {
    margin-block-start: 0.25rem;
    font-size: 0.875rem;
  }
  label .optional {
    font-weight: 400;
    color: var(--_parley-muted);
  }
  form {
    display: grid;
    gap: 1rem;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr));
    gap: 1rem 1.25rem;
  }
  .fields .wide {
    grid-column: 1 / -1;
  }
  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    margin-block-end: 0.25rem;
    padding: 0;
    font-weight: 600;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.25rem;
    min-height: 1.25rem;
    height: 1.25rem;
    margin: 0;
    padding: 0;
    accent-color: var(--_parley-brand);
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    font-weight: 400;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  textarea.snippet {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875rem;
    word-break: break-all;
  }
  .alert:empty {
    display: none;
  }
  .alert {
    padding: 0.5rem 0.75rem;
    border: 1px solid currentColor;
    border-inline-start-width: 6px;
    border-radius: var(--_parley-radius);
    color: var(--_parley-danger);
    background: var(--_parley-danger-bg);
    font-weight: 600;
  }
  .success {
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_parley-success);
    border-inline-start-width: 6px;
    border-radius: var(--_parley-radius);
    background: var(--_parley-tint);
  }
  button.danger {
    color: var(--_parley-danger);
    border-color: currentColor;
  }
  button.small {
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
  }
  button.link {
    min-height: 0;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_parley-brand);
    font-weight: 600;
    text-decoration: underline;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
    filter: none;
  }
  .spinner {
    display: inline-block;
    width: 1em;
    height: 1em;
    margin-inline-end: 0.5rem;
    vertical-align: -0.125em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
  }
  @media (prefers-reduced-motion: no-preference) {
    .spinner {
      animation: parley-spin 0.8s linear infinite;
    }
    @keyframes parley-spin {
      to {
        transform: rotate(1turn);
      }
    }
  }

  /* Tables scroll sideways inside their card on narrow screens; the page itself never does. */
  .table-scroll {
    overflow-x: auto;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
  }
  .table-scroll:focus-visible {
    outline: 3px solid var(--_parley-focus);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9375rem;
  }
  caption {
    padding: 0.5rem 0.75rem;
    text-align: start;
    font-weight: 600;
  }
  th,
  td {
    padding: 0.5rem 0.75rem;
    text-align: start;
    vertical-align: top;
    border-block-start: 1px solid var(--_parley-divider);
  }
  thead th {
    border-block-start: 0;
    background: var(--_parley-bg);
    font-size: 0.875rem;
    white-space: nowrap;
  }
  td.wrap,
  td code {
    overflow-wrap: anywhere;
  }
  [aria-busy='true'] tbody {
    opacity: 0.6;
  }
  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875em;
  }
  .badge {
    display: inline-block;
    padding: 0.0625rem 0.5rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 600;
    white-space: nowrap;
  }
  .badge.on {
    color: var(--_parley-success);
  }
  .badge.off {
    color: var(--_parley-muted);
  }
  .filters {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr));
    gap: 0.75rem 1rem;
    align-items: end;
  }
  .filters label {
    font-size: 0.875rem;
  }

  dialog {
    width: min(100% - 2rem, 32rem);
    padding: 1.25rem 1.5rem;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
    color: var(--_parley-text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }
  dialog form,
  dialog .body {
    display: grid;
    gap: 0.75rem;
  }
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-block-start: 0.5rem;
  }
`;

/** The page of one point of contact: its facts beside the form, and the tabs. */
export const pocStyles = css`
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-block-end: 1px solid var(--_parley-divider);
  }
  [role='tab'] {
    border: 0;
    border-block-end: 3px solid transparent;
    border-radius: 0;
    background: none;
  }
  [role='tab'][aria-selected='true'] {
    border-block-end-color: var(--_parley-brand);
    color: var(--_parley-brand);
  }
  .details {
    display: grid;
    gap: 1rem;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
    gap: 0.75rem 1.25rem;
    margin: 0;
  }
  .facts dt {
    font-size: 0.875rem;
    font-weight: 600;
    color: var(--_parley-muted);
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .toggle {
    display: grid;
    gap: 0.5rem;
    align-content: start;
    justify-items: start;
  }
  .alert-text {
    color: var(--_parley-danger);
  }
  .pager {
    justify-content: space-between;
  }
  .hours-row {
    display: grid;
    gap: 0.5rem;
    margin-block: 0.5rem;
    padding: 0.75rem;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
  }
  .days {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
  }
  .day {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-height: 2.25rem;
    margin: 0;
    font-weight: 400;
  }
  .day abbr {
    text-decoration: none;
  }
  .times {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.75rem;
  }
  .times .field {
    width: 9rem;
  }
`;
