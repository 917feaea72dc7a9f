import { css, svg } from 'lit';

/**
 * The controls of the customer's forms (the pre-chat form, the request forms of
 * `<parley-elevation>`): a `.field` is a column of label, control, `.hint` and `.error`, and may
 * be a `<fieldset>` with a `<legend>`; a `.check` row sets a checkbox before its label. Reads the
 * palette's `--_parley-*` variables (base/palette.ts), so it goes after `palette`.
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

/**
 * What the customer's forms show while sending and once filed (`<parley-elevation>`,
 * `<parley-work-item>`): the spinner of a busy submit button, and the confirmation — a `.done`
 * column with its tick icon, a focusable `.title`, and the `.reference` to quote (one word, never
 * broken, left to right in any page). `--_parley-reference-size` sets the reference's size.
 */
/** The confirmation's tick in a disc (`.done-icon`), drawn in a 24 × 24 view box. */
export const doneIcon = svg`<circle class="disc" cx="12" cy="12" r="11"/><path class="tick" d="m7 12.5 3.2 3.2L17 9"/>`;

export const confirmationStyles = css`
  /* A submit button that shows a spinner beside its label while busy (aria-disabled). */
  .submit {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
  }
  .submit[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.8;
  }
  .spinner {
    display: inline-block;
    inline-size: 1em;
    block-size: 1em;
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

  .done {
    align-items: flex-start;
  }
  .done-icon {
    inline-size: 40px;
    block-size: 40px;
    color: var(--_parley-brand);
  }
  .done-icon .disc {
    fill: currentColor;
  }
  .done-icon .tick {
    fill: none;
    stroke: var(--_parley-on-brand);
    stroke-width: 2.4;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .title:focus {
    outline: none;
  }
  .title:focus-visible {
    outline: 3px solid var(--_parley-focus);
  }
  .reference-label {
    margin: 0;
    color: var(--_parley-muted);
    font-size: 0.8125rem;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .reference {
    margin: -8px 0 0;
    padding: 6px 12px;
    border: 2px dashed var(--_parley-border);
    border-radius: 8px;
    font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace;
    font-size: var(--_parley-reference-size, 1.5rem);
    font-weight: 700;
    letter-spacing: 0.08em;
    /* A reference is one word: it never breaks, and reads left to right in any page. */
    direction: ltr;
    unicode-bidi: isolate;
    white-space: nowrap;
    user-select: all;
  }
`;
