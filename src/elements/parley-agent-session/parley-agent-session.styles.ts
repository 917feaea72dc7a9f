import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .root {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border: 1px solid var(--_parley-divider);
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
  .summary {
    font-size: 0.875rem;
    font-weight: 600;
    color: var(--_parley-muted);
  }
  .summary.complete {
    color: var(--_parley-success);
  }
  .interactions {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .interaction {
    display: grid;
    gap: 0.125rem;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
  }
  .interaction[aria-current='true'] {
    border-color: var(--_parley-brand);
    border-inline-start-width: 4px;
    background: var(--_parley-tint);
  }
  .line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    font-weight: 600;
  }
  .reference {
    font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace;
    font-weight: 400;
    font-size: 0.875rem;
  }
  .state {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5rem;
  }
  .current {
    margin-inline-start: auto;
    font-size: 0.8125rem;
    font-weight: 600;
    color: var(--_parley-brand);
  }
  .status {
    font-size: 0.875rem;
    color: var(--_parley-muted);
  }
  .status.closed {
    color: var(--_parley-success);
  }
  .status.wrapup {
    color: var(--_parley-danger);
    font-weight: 600;
  }
  summary {
    cursor: pointer;
    font-size: 0.875rem;
    font-weight: 600;
    min-block-size: 1.5rem;
  }
  details parley-agent-transcript {
    margin-block-start: 0.375rem;
    --parley-transcript-max-height: 16rem;
  }
`;
