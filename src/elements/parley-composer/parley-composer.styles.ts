import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .composer {
    margin: 0;
    padding: calc(var(--_parley-space) * 1.25) calc(var(--_parley-space) * 1.5) calc(var(--_parley-space) * 1.5);
    border-block-start: 1px solid color-mix(in srgb, var(--_parley-border) 40%, transparent);
    background: var(--_parley-surface);
  }
  .row {
    display: flex;
    align-items: flex-end;
    gap: 8px;
  }
  textarea {
    flex: 1;
    min-inline-size: 0;
    min-block-size: 44px;
    max-block-size: 8lh;
    /* Grows with its content up to the max, then scrolls. */
    field-sizing: content;
    padding: 10px 12px;
    border: 1px solid var(--_parley-border);
    border-radius: min(var(--_parley-radius), 12px);
    background: var(--_parley-surface);
    color: var(--_parley-text);
    font: inherit;
    line-height: 1.4;
    resize: none;
  }
  textarea::placeholder {
    color: var(--_parley-muted);
    opacity: 1;
  }
  textarea:focus-visible {
    outline-offset: 0;
    border-color: var(--_parley-focus);
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_parley-error);
  }
  textarea:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .send {
    display: grid;
    flex: none;
    place-items: center;
    inline-size: 44px;
    block-size: 44px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: var(--_parley-brand);
    color: var(--_parley-on-brand);
  }
  .send:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .send svg {
    inline-size: 22px;
    block-size: 22px;
  }
  :host(:dir(rtl)) .send svg {
    transform: scaleX(-1);
  }
  .counter,
  .error {
    margin: 6px 4px 0;
    font-size: 0.75rem;
  }
  .counter {
    color: var(--_parley-muted);
  }
  .counter.over,
  .error {
    color: var(--_parley-error);
    font-weight: 600;
  }
  @media (forced-colors: active) {
    .send {
      border: 1px solid ButtonText;
    }
  }
`;
