import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
  }
  .theme {
    display: flex;
    flex: 1;
    flex-direction: column;
    min-block-size: 0;
    background: var(--_parley-surface);
  }
  .log {
    display: flex;
    flex: 1;
    flex-direction: column;
    gap: calc(var(--_parley-space) * 0.75);
    min-block-size: 0;
    padding: calc(var(--_parley-space) * 2);
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .log:focus-visible {
    outline-offset: -3px;
  }
  /*
   * One box around the rows, whose growth a ResizeObserver sees (the log's own box does not
   * change). Block layout, not a flex column: scrolling brings rows on screen (content-visibility)
   * every frame, and a flex column lays all its rows out again each time, three times the layout
   * work of a block (measured at 4x CPU slowdown). The space between rows is the top margin of the
   * next one (see .row).
   */
  .rows {
    --_gap: calc(var(--_parley-space) * 0.75);
    display: flow-root;
    flex: none;
  }
  .earlier,
  .later {
    display: flex;
    flex: none;
    justify-content: center;
  }
  .earlier button,
  .later button {
    min-block-size: 32px;
    padding: 4px 14px;
    border: 1px solid color-mix(in srgb, var(--_parley-border) 60%, transparent);
    border-radius: 16px;
    background: transparent;
    color: var(--_parley-text);
    font-size: 0.8125rem;
  }

  .row {
    display: flex;
    max-inline-size: 85%;
    /* Room for the focus ring (3px + 2px) of a Retry button at the row's edge, which content-visibility clips to. */
    margin: 0;
    margin-block: -6px;
    padding-block: 6px;
  }
  /*
   * Between two rows: the first one's bottom margin, the gap and the second one's top margin, all
   * as the second one's top margin (the first one's is 0), since block margins would collapse.
   * A row's margin is -6px (its focus-ring room), a system line's 2px.
   */
  .rows > .row:not(:last-child) {
    margin-block-end: 0;
  }
  .rows > .row + .row {
    margin-block-start: calc(var(--_gap) - 12px);
  }
  .rows > .row + .row.system,
  .rows > .row.system + .row {
    margin-block-start: calc(var(--_gap) - 4px);
  }
  .rows > .row.system + .row.system {
    margin-block-start: calc(var(--_gap) + 4px);
  }
  /*
   * Older rows skip style, layout and paint while off screen; a row keeps its last rendered size,
   * 56px until it has one. The newest 30 (more than a full-screen panel shows) are always laid
   * out: the end of the conversation then sits where it is measured to be, without waiting a
   * frame for estimated rows to get their real size (axe-core also misreads the colours of
   * content-visibility rows, dequelabs/axe-core#2768, which this keeps out of short transcripts).
   */
  .rows > .row:nth-last-child(n + 31) {
    content-visibility: auto;
    contain-intrinsic-size: auto 56px;
  }
  .content {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
  }
  .row.agent {
    gap: var(--_parley-space);
  }
  .row.agent .content {
    align-items: flex-start;
  }
  .row.customer {
    inline-size: fit-content;
    margin-inline-start: auto;
    flex-direction: column;
    align-items: flex-end;
  }
  .row.customer .content {
    align-items: flex-end;
  }
  .avatar,
  .avatar-space {
    flex: none;
    inline-size: 28px;
  }
  .avatar {
    display: grid;
    place-items: center;
    align-self: flex-end;
    block-size: 28px;
    overflow: hidden;
    border-radius: 50%;
    background: var(--_parley-brand);
    color: var(--_parley-on-brand);
    font-size: 0.6875rem;
    font-weight: 700;
    line-height: 1;
  }
  .avatar img {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  .meta {
    display: flex;
    gap: 6px;
    margin-block: 8px 2px;
    padding-inline: 4px;
    color: var(--_parley-muted);
    font-size: 0.75rem;
  }
  .author {
    font-weight: 600;
  }
  .bubble {
    padding: var(--_parley-space) calc(var(--_parley-space) * 1.5);
    border-radius: min(var(--_parley-radius), 20px);
    white-space: pre-wrap;
  }
  .agent .bubble {
    border-end-start-radius: 4px;
    background: var(--_parley-surface-alt);
    color: var(--_parley-text);
  }
  .customer .bubble {
    border-end-end-radius: 4px;
    background: var(--_parley-brand);
    color: var(--_parley-on-brand);
  }
  .rich {
    white-space: normal;
  }
  .rich > :first-child {
    margin-block-start: 0;
  }
  .rich > :last-child {
    margin-block-end: 0;
  }
  .rich a {
    color: inherit;
    text-decoration: underline;
  }
  .rich ul,
  .rich ol {
    padding-inline-start: 1.25em;
  }
  .rich pre,
  .rich code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875em;
    white-space: pre-wrap;
  }

  .system {
    inline-size: fit-content;
    max-inline-size: 100%;
    /* 8px outside the text, counting the row's 6px of room for focus rings. */
    margin-block: 2px;
    margin-inline: auto;
    color: var(--_parley-muted);
    font-size: 0.8125rem;
    text-align: center;
  }

  /* One's own messages: the bubble with its state icon beside it, the state in words under the last. */
  .line {
    display: flex;
    align-items: flex-end;
    gap: 4px;
    max-inline-size: 100%;
  }
  .line .bubble {
    min-inline-size: 0;
  }
  .delivery-state {
    display: flex;
    flex: none;
    margin-block-end: 2px;
    color: var(--_parley-muted);
    --_parley-delivery-cut: var(--_parley-surface);
  }
  /* The disc is in the focus colour (3:1 on the surface at least); its shape tells it apart as well. */
  .delivery-state.read {
    color: var(--_parley-focus);
  }
  .delivery-state.failed {
    color: var(--_parley-error);
  }
  .delivery {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 2px 0 0;
    /* Under the bubble, clear of the icon column. */
    padding-inline: 4px 24px;
    color: var(--_parley-muted);
    font-size: 0.75rem;
  }
  .delivery.failed {
    color: var(--_parley-error);
    font-weight: 600;
  }
  .delivery button {
    min-block-size: 24px;
    padding: 2px 10px;
    border: 1px solid currentColor;
    border-radius: 12px;
    background: transparent;
    color: inherit;
    font-size: 0.75rem;
    font-weight: 600;
  }

  .status {
    display: flex;
    flex-direction: column;
    gap: 4px;
    padding: var(--_parley-space) calc(var(--_parley-space) * 2);
    border-block-start: 1px solid color-mix(in srgb, var(--_parley-border) 40%, transparent);
    color: var(--_parley-muted);
    font-size: 0.8125rem;
  }
  .status p {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0;
  }
  .status .error {
    color: var(--_parley-error);
    font-weight: 600;
  }
  .status .ended {
    color: var(--_parley-text);
  }
  .dots {
    display: inline-flex;
    gap: 3px;
  }
  .dots span {
    inline-size: 6px;
    block-size: 6px;
    border-radius: 50%;
    background: currentColor;
  }
  @media (prefers-reduced-motion: no-preference) {
    .dots span {
      animation: parley-dot 1.2s infinite ease-in-out;
    }
    .dots span:nth-child(2) {
      animation-delay: 0.15s;
    }
    .dots span:nth-child(3) {
      animation-delay: 0.3s;
    }
    @keyframes parley-dot {
      0%,
      80%,
      100% {
        opacity: 0.3;
      }
      40% {
        opacity: 1;
      }
    }
  }
`;
