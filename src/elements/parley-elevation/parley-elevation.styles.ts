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
  .done .submit {
    margin-block-start: var(--_parley-space);
  }

  @media (forced-colors: active) {
    .done-icon .tick {
      stroke: Canvas;
    }
  }
`;
