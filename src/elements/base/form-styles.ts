import { css } from 'lit';

/**
 * The controls of the customer's forms (the pre-chat form, the request forms of
 * `<parley-elevation>`): a `.field` is a column of label, control, `.hint` and `.error`, and may
 * be a `<fieldset>` with a `<legend>`; a `.check` row sets a checkbox before its label. Reads the
 * palette's `--_parley-*` variables (parley-chat.styles.ts), so it goes after `palette`.
 */
export const formStyles = css`
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  label,
  legend {
    font-size: 0.875rem;
    font-weight: 600;
  }
  legend {
    margin-block-end: 4px;
    padding: 0;
  }
  .note,
  .hint {
    margin: 0;
    color: var(--_parley-muted);
    font-size: 0.8125rem;
  }
  input:not([type='checkbox']),
  select,
  textarea {
    inline-size: 100%;
    min-block-size: 44px;
    padding: 8px 12px;
    border: 1px solid var(--_parley-border);
    border-radius: min(var(--_parley-radius), 12px);
    background: var(--_parley-surface);
    color: var(--_parley-text);
    font: inherit;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline-offset: 0;
    border-color: var(--_parley-focus);
  }
  /* Above the focus colour: a field stays marked while the customer corrects it. */
  [aria-invalid='true'] {
    border-color: var(--_parley-error) !important;
    box-shadow: 0 0 0 1px var(--_parley-error);
  }
  .check {
    display: flex;
    align-items: flex-start;
    gap: 10px;
  }
  .check label {
    font-weight: 400;
  }
  input[type='checkbox'] {
    flex: none;
    inline-size: 20px;
    block-size: 20px;
    margin: 1px 0 0;
    accent-color: var(--_parley-brand);
  }
  .error {
    margin: 0;
    color: var(--_parley-error);
    font-size: 0.8125rem;
    font-weight: 600;
  }
  .submit {
    align-self: stretch;
    min-block-size: 44px;
    padding: 10px 16px;
    border: 0;
    border-radius: min(var(--_parley-radius), 12px);
    background: var(--_parley-brand);
    color: var(--_parley-on-brand);
    font-weight: 600;
  }
  @media (forced-colors: active) {
    .submit {
      border: 1px solid ButtonText;
    }
  }
`;
