import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .root {
    display: grid;
    gap: 0.375rem;
    padding: 0.75rem;
    border: 1px solid var(--_parley-brand);
    border-inline-start-width: 4px;
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
  }
  .who {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0 0.5rem;
  }
  h3 {
    font-size: 1rem;
    overflow-wrap: anywhere;
  }
  .time {
    font-size: 0.875rem;
    font-variant-numeric: tabular-nums;
    color: var(--_parley-muted);
    white-space: nowrap;
  }
  .time.urgent {
    color: var(--_parley-danger);
    font-weight: 700;
  }
  .poc {
    font-size: 0.875rem;
    color: var(--_parley-muted);
  }
  .kind {
    display: flex;
    align-items: center;
    gap: 0.375rem;
    font-weight: 600;
  }
  .request .kind {
    color: var(--_parley-brand);
  }
  .details {
    display: grid;
    gap: 0.125rem;
    margin: 0;
    font-size: 0.875rem;
  }
  .details div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
  }
  .details dt {
    font-weight: 600;
    color: var(--_parley-muted);
  }
  .details dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .reference {
    font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace;
  }
  details.origin summary {
    cursor: pointer;
    font-weight: 600;
    font-size: 0.875rem;
    min-block-size: 1.5rem;
  }
  details.origin parley-agent-transcript {
    margin-block-start: 0.375rem;
    --parley-transcript-max-height: 16rem;
  }
  .preview {
    margin: 0;
    padding: 0.375rem 0.5rem;
    border-radius: calc(var(--_parley-radius) / 2);
    background: var(--_parley-bg);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 4;
    line-clamp: 4;
    overflow: hidden;
  }
  .preview.none {
    font-style: italic;
    color: var(--_parley-muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: 0.25rem;
  }
  .actions button {
    flex: 1 1 6rem;
  }
`;
