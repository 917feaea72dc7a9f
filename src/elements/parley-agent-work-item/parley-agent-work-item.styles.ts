import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  .root {
    display: grid;
    gap: 0.5rem;
  }
  dl {
    display: grid;
    margin: 0;
  }
  dl div {
    display: grid;
    grid-template-columns: minmax(7rem, 14rem) 1fr;
    gap: 0 0.75rem;
  }
  dt {
    font-weight: 600;
    color: var(--_parley-muted);
    overflow-wrap: anywhere;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .reference {
    font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace;
  }
  /* Long answers keep the customer's lines and paragraphs. */
  .long {
    white-space: pre-wrap;
  }
  .empty {
    color: var(--_parley-muted);
  }

  /* The whole work item (a conversation) -------------------------------------------------- */
  .full {
    gap: 0.75rem;
    padding: 0.75rem 1rem;
    border: 1px solid var(--_parley-divider);
    border-inline-start: 4px solid var(--_parley-brand);
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
  }
  .full h3 {
    font-size: 1.0625rem;
    overflow-wrap: anywhere;
  }
  .full .meta {
    gap: 0.125rem;
    padding-block-end: 0.75rem;
    border-block-end: 1px solid var(--_parley-divider);
    font-size: 0.875rem;
  }
  .full .answers {
    gap: 0.5rem;
  }
  .files {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .files li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5rem;
  }
  .files a {
    color: var(--_parley-brand);
    font-weight: 600;
    text-underline-offset: 0.2em;
    overflow-wrap: anywhere;
  }
  .file-meta {
    font-size: 0.875rem;
    color: var(--_parley-muted);
    white-space: nowrap;
  }

  /* The summary of an offer --------------------------------------------------------------- */
  /* Drawn on the surface of the card it sits in, so its colours hold on their own as well. */
  .compact {
    gap: 0.25rem;
    font-size: 0.875rem;
    background: var(--_parley-surface);
  }
  .compact .title {
    font-weight: 700;
    font-size: 0.9375rem;
    overflow-wrap: anywhere;
  }
  .compact .answers {
    gap: 0.125rem;
  }
  .compact dl div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
  }
  /* One line per answer in an offer: the conversation shows the whole answer. */
  .compact dd {
    min-inline-size: 0;
    max-inline-size: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .count {
    color: var(--_parley-muted);
  }

  @container (max-width: 28rem) {
    .full dl div {
      grid-template-columns: 1fr;
    }
  }
`;
