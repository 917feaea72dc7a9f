import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-family: var(--parley-font-family, inherit);
  }
  .prechat {
    --_space: var(--parley-spacing, 8px);
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1.5);
    margin: 0;
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2) calc(var(--_space) * 2);
    border-block-start: 1px solid color-mix(in srgb, var(--_parley-border) 40%, transparent);
    background: var(--_parley-surface);
  }
  .intro,
  .note {
    margin: 0;
  }
  .intro {
    font-weight: 600;
  }
  .note {
    color: var(--_parley-muted);
    font-size: 0.8125rem;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  label {
    font-size: 0.875rem;
    font-weight: 600;
  }
  input:not([type='checkbox']),
  select {
    min-block-size: 44px;
    padding: 8px 12px;
    border: 1px solid var(--_parley-border);
    border-radius: min(var(--_parley-radius), 12px);
    background: var(--_parley-surface);
    color: var(--_parley-text);
    font: inherit;
  }
  input:focus-visible,
  select:focus-visible {
    outline-offset: 0;
    border-color: var(--_parley-focus);
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--_parley-error);
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
  .required {
    color: var(--_parley-error);
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
