import { css } from 'lit';

/** The pre-chat form's own layout; its controls are styled by `formStyles` (base/form-styles.ts). */
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
  .intro {
    margin: 0;
    font-weight: 600;
  }
  .required {
    color: var(--_parley-error);
  }
`;
