import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .elevation {
    display: flex;
    flex-direction: column;
    min-block-size: 100%;
    background: var(--_parley-surface);
  }
  .top {
    position: sticky;
    inset-block-start: 0;
    z-index: 1;
    padding: calc(var(--_parley-space) * 0.75) var(--_parley-space);
    border-block-end: 1px solid color-mix(in srgb, var(--_parley-border) 40%, transparent);
    background: var(--_parley-surface);
  }
  .back {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-block-size: 44px;
    padding-inline: 8px 12px;
    border: 0;
    border-radius: 8px;
    background: transparent;
    color: var(--_parley-text);
    font-weight: 600;
  }
  .back:hover {
    background: var(--_parley-surface-alt);
  }
  .back svg {
    inline-size: 20px;
    block-size: 20px;
  }
  /* The arrow points back, which is to the right in right-to-left text. */
  :host(:dir(rtl)) .back svg {
    transform: scaleX(-1);
  }
  .form,
  .done {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_parley-space) * 1.5);
    margin: 0;
    padding: calc(var(--_parley-space) * 1.5) calc(var(--_parley-space) * 2) calc(var(--_parley-space) * 2);
  }
  .title {
    margin: 0;
    font-size: 1.0625rem;
    line-height: 1.3;
  }
  .intro,
  .next {
    margin: 0;
  }
  textarea {
    min-block-size: 6lh;
    resize: vertical;
  }
  .alert {
    margin: 0;
    padding: 10px 12px;
    border: 1px solid var(--_parley-error);
    border-inline-start-width: 4px;
    border-radius: min(var(--_parley-radius), 8px);
    color: var(--_parley-error);
    font-size: 0.875rem;
    font-weight: 600;
  }
  /* The rest of its look comes with the form's controls (base/form-styles.ts). */
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
  .done .submit {
    margin-block-start: var(--_parley-space);
  }

  @media (forced-colors: active) {
    .done-icon .tick {
      stroke: Canvas;
    }
  }
`;
