import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .notice {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0;
    padding: 6px 16px;
    border-block-end: 1px solid
      var(--parley-connection-border, color-mix(in srgb, var(--parley-color-border, #7a7f87) 40%, transparent));
    background: var(--parley-connection-background, var(--parley-color-surface-alt, #f0f2f4));
    color: var(--parley-connection-color, var(--parley-color-text, #1f2328));
    font-size: 0.8125rem;
    line-height: 1.35;
  }
  svg {
    flex: none;
    inline-size: 16px;
    block-size: 16px;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.75;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  @media (prefers-reduced-motion: no-preference) {
    .spin {
      transform-origin: 8px 8px;
      animation: parley-spin 1s linear infinite;
    }
    @keyframes parley-spin {
      to {
        transform: rotate(360deg);
      }
    }
  }
  @media (forced-colors: active) {
    .notice {
      border-block-end-color: CanvasText;
    }
  }
`;
