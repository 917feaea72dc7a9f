import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    min-height: 0;
    container-type: inline-size;
  }
  .root {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 0;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
    overflow: hidden;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 1rem;
    padding: 0.75rem 1rem;
    border-block-end: 1px solid var(--_parley-divider);
  }
  .head h2 {
    font-size: 1.125rem;
    overflow-wrap: anywhere;
  }
  .state.over {
    color: var(--_parley-danger);
    font-weight: 600;
  }

  /* Transcript ---------------------------------------------------------------------------- */
  .log {
    flex: 1;
    min-height: 8rem;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    padding: 1rem;
    background: var(--_parley-bg);
    overscroll-behavior: contain;
  }
  .log:focus-visible {
    /* Inside the panel's clipped corners: draw the ring within the log. */
    outline-offset: -3px;
  }
  .message {
    max-width: min(85%, 40rem);
    padding: 0.5rem 0.75rem;
    border-radius: var(--_parley-radius);
    border: 1px solid var(--_parley-divider);
    background: var(--_parley-surface);
  }
  .message.agent {
    align-self: flex-end;
    background: var(--_parley-tint);
    border-color: transparent;
  }
  .message.customer {
    align-self: flex-start;
  }
  .message.pending {
    border-style: dashed;
    border-color: var(--_parley-border);
  }
  .message.failed {
    border-color: var(--_parley-danger);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 0.5rem;
    font-size: 0.8125rem;
    color: var(--_parley-muted);
  }
  .meta .author {
    font-weight: 700;
    color: var(--_parley-text);
  }
  /* One's own messages: the state icon after the time, the word beside it for the last one. */
  .delivery {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    color: var(--_parley-muted);
    --_parley-delivery-cut: var(--_parley-tint);
  }
  /* The accent colour on the tint meets 4.5:1 in both schemes; the disc tells it apart as well. */
  .delivery.read {
    color: var(--_parley-brand);
  }
  .delivery.failed {
    color: var(--_parley-danger);
  }
  .meta .retry {
    min-height: 1.75rem;
    padding: 0 0.5rem;
    font-size: 0.8125rem;
  }
  .body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .body p,
  .body ul,
  .body ol,
  .body pre,
  .body blockquote {
    margin: 0.25rem 0;
    white-space: normal;
  }
  .body a {
    color: inherit;
  }
  .event {
    align-self: center;
    max-width: 90%;
    font-size: 0.875rem;
    font-style: italic;
    color: var(--_parley-muted);
    text-align: center;
  }
  .typing {
    min-height: 1.5rem;
    padding: 0 1rem;
    font-size: 0.875rem;
    font-style: italic;
    color: var(--_parley-muted);
  }

  /* Reply box ----------------------------------------------------------------------------- */
  .composer {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: end;
    gap: 0.25rem 0.5rem;
    padding: 0 1rem 0.75rem;
  }
  .composer textarea {
    min-height: 3rem;
    max-height: 12rem;
  }
  .composer .hint,
  .composer .error {
    grid-column: 1 / -1;
    font-size: 0.8125rem;
  }
  .ended {
    margin: 0 1rem 0.75rem;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_parley-radius);
    background: var(--_parley-danger-bg);
    color: var(--_parley-danger);
    font-weight: 600;
  }

  /* Wrap-up ------------------------------------------------------------------------------- */
  .wrapup {
    display: grid;
    grid-template-columns: minmax(10rem, 14rem) 1fr auto;
    align-items: end;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
    border-block-start: 1px solid var(--_parley-divider);
  }
  .wrapup .note textarea {
    min-height: 2.5rem;
  }
  .wrapup .status {
    grid-column: 1 / -1;
  }
  .wrapup .error {
    font-size: 0.8125rem;
  }
  .wrapup label {
    font-size: 0.875rem;
  }

  @container (max-width: 36rem) {
    .wrapup {
      grid-template-columns: 1fr;
    }
    .message {
      max-width: 95%;
    }
  }
`;
