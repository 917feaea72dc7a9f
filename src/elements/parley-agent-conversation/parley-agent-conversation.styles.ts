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
    /* When the panel is shorter than its parts (a low window, an email with its notice), the
       transcript keeps its minimum and the panel scrolls: the wrap-up is never out of reach. */
    overflow-y: auto;
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
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-size: 1.125rem;
    overflow-wrap: anywhere;
  }
  .head h2 .icon {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    color: var(--_parley-brand);
  }
  .reference {
    font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace;
    font-size: 0.875em;
  }

  /* Email and texts: where they go; the notice that they are only recorded ---------------- */
  .envelope {
    display: grid;
    gap: 0.125rem;
    margin: 0;
    padding: 0.5rem 1rem;
    border-block-end: 1px solid var(--_parley-divider);
  }
  .envelope div,
  .dial dl div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
  }
  dt {
    font-weight: 600;
    color: var(--_parley-muted);
    min-inline-size: 6rem;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .notice {
    margin: 0.5rem 1rem 0;
    padding: 0.375rem 0.75rem;
    border: 1px solid currentColor;
    border-radius: var(--_parley-radius);
    background: var(--_parley-tint);
    font-size: 0.875rem;
  }
  details.origin {
    margin: 0.5rem 1rem 0;
  }
  details.origin summary {
    cursor: pointer;
    font-weight: 600;
    min-block-size: 1.5rem;
  }
  details.origin parley-agent-transcript {
    margin-block-start: 0.5rem;
    --parley-transcript-max-height: 14rem;
  }

  /* A work item: the form's answers and attachments --------------------------------------- */
  .item {
    padding: 0.75rem 1rem;
    background: var(--_parley-bg);
  }
  .notice + .item {
    margin-block-start: 0.5rem;
  }
  /* Until the agent replies there is no log: the work item takes its room. */
  .item.fill {
    flex: 1 0 auto;
  }
  .notice.no-reply {
    margin-block-end: 0.75rem;
  }

  /* A callback: the contact to dial ------------------------------------------------------- */
  .scroll {
    flex: 1;
    min-height: 14rem;
    overflow-y: auto;
    display: grid;
    align-content: start;
    gap: 1rem;
    padding: 1rem;
    background: var(--_parley-bg);
  }
  .dial {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
    border: 1px solid var(--_parley-brand);
    border-inline-start-width: 4px;
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
  }
  .dial h3,
  section.origin h3 {
    font-size: 1rem;
  }
  .dial dl {
    display: grid;
    gap: 0.25rem;
    margin: 0;
  }
  .tel {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    font-size: 1.25rem;
    font-weight: 700;
    color: var(--_parley-brand);
    text-underline-offset: 0.2em;
  }
  .dial .hint {
    font-size: 0.875rem;
  }
  section.origin {
    display: grid;
    gap: 0.5rem;
  }
  section.origin parley-agent-transcript {
    --parley-transcript-max-height: 24rem;
  }
  .state.over {
    color: var(--_parley-danger);
    font-weight: 600;
  }

  /* Transcript (messages: ../parley-agent-transcript/messages.ts) ------------------------ */
  .log {
    flex: 1;
    min-height: 8rem;
  }
  .message.pending {
    border-style: dashed;
    border-color: var(--_parley-border);
  }
  .message.failed {
    border-color: var(--_parley-danger);
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
  .composer.email textarea,
  .composer.workitem textarea {
    min-height: 8rem;
  }
  /* Under a work item's answers (no typing line between them, as in a chat). */
  .composer.workitem {
    padding-block-start: 0.75rem;
  }

  /* Continue on another channel ----------------------------------------------------------- */
  .elevate {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 1rem;
    border-block-start: 1px solid var(--_parley-divider);
  }
  .elevate .label {
    font-size: 0.875rem;
    font-weight: 600;
    color: var(--_parley-muted);
    margin-inline-end: 0.25rem;
  }
  .elevate button {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
  }
  .elevate button[aria-expanded='true'] {
    border-color: var(--_parley-brand);
    background: var(--_parley-tint);
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
    grid-template-columns: minmax(12rem, 17rem) 1fr auto;
    align-items: end;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
    border-block-start: 1px solid var(--_parley-divider);
  }
  .wrapup .note textarea {
    min-height: 2.5rem;
  }
  .wrapup .status,
  .wrapup .session-note {
    grid-column: 1 / -1;
  }
  .session-note {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-size: 0.875rem;
    color: var(--_parley-muted);
  }
  .wrapup .error {
    font-size: 0.8125rem;
  }
  .wrapup label {
    font-size: 0.875rem;
  }

  @container (max-width: 42rem) {
    .elevate .label {
      flex-basis: 100%;
    }
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
