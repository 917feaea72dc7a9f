import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .root {
    display: grid;
    gap: 0.75rem;
    padding: 0.75rem 1rem 1rem;
    border: 1px solid var(--_parley-brand);
    border-inline-start-width: 4px;
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
  }
  h2 {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-size: 1rem;
    overflow-wrap: anywhere;
  }
  h2 .icon {
    color: var(--_parley-brand);
  }
  .field .error,
  .field .hint {
    margin-block-start: 0.25rem;
    font-size: 0.8125rem;
  }
  .hint {
    color: var(--_parley-muted);
  }
  textarea {
    min-height: 4rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .form-error {
    padding: 0.375rem 0.75rem;
    border: 1px solid currentColor;
    border-radius: var(--_parley-radius);
    background: var(--_parley-danger-bg);
  }
  .error:empty {
    display: none;
  }
`;
