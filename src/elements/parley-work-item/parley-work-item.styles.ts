import { css } from 'lit';

/**
 * The work-item form's own layout: an inline box in the page, in the profile's surface and text
 * colours (the page around it may be any colour), one column at any width. Its controls are
 * styled by `formStyles` (base/form-styles.ts). Logical properties only: a right-to-left page
 * mirrors it.
 */
export const styles = css`
  :host {
    display: block;
    /* Inline in the page: the page decides the width; the box never overflows it. */
    max-inline-size: 100%;
  }
  .work-item {
    border: 1px solid color-mix(in srgb, var(--_parley-border) 45%, transparent);
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
  }
  .form,
  .done {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_parley-space) * 1.5);
    margin: 0;
    padding: calc(var(--_parley-space) * 2);
  }
  .title {
    margin: 0;
    font-size: 1.25rem;
    line-height: 1.3;
  }
  .subtitle {
    margin: -4px 0 0;
    color: var(--_parley-muted);
  }
  .required {
    color: var(--_parley-error);
  }
  .notice {
    margin: 0;
    padding: 8px 12px;
    border-inline-start: 4px solid var(--_parley-brand);
    border-radius: min(var(--_parley-radius), 8px);
    background: var(--_parley-surface-alt);
    font-size: 0.875rem;
  }
  textarea {
    min-block-size: 6lh;
    resize: vertical;
  }
  input[type='file'] {
    padding-block: 9px;
  }
  input[type='file']::file-selector-button {
    margin-inline-end: 12px;
    padding: 4px 12px;
    border: 1px solid var(--_parley-border);
    border-radius: min(var(--_parley-radius), 8px);
    background: var(--_parley-surface-alt);
    color: var(--_parley-text);
    font: inherit;
    cursor: pointer;
  }

  .files {
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .file {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 12px;
    padding-block: 4px;
    padding-inline: 12px 4px;
    /* A border, not a tint: the muted size keeps its 4.5:1 on the surface. */
    border: 1px solid color-mix(in srgb, var(--_parley-border) 60%, transparent);
    border-radius: min(var(--_parley-radius), 8px);
  }
  .file-name {
    flex: 1 1 12ch;
    min-inline-size: 0;
    font-weight: 600;
    /* A file name is shown as the device named it, in its own direction. */
    unicode-bidi: isolate;
  }
  .file-size {
    color: var(--_parley-muted);
    font-size: 0.8125rem;
    white-space: nowrap;
  }
  .remove {
    min-block-size: 44px;
    min-inline-size: 44px;
    padding-inline: 12px;
    border: 0;
    border-radius: min(var(--_parley-radius), 8px);
    background: transparent;
    color: var(--_parley-text);
    font-weight: 600;
    text-decoration: underline;
  }
  .remove:hover {
    background: color-mix(in srgb, var(--_parley-text) 8%, transparent);
  }

  .summary {
    padding: 12px 16px;
    border: 2px solid var(--_parley-error);
    border-radius: min(var(--_parley-radius), 8px);
  }
  .summary-title {
    margin: 0 0 6px;
    font-size: 1rem;
  }
  .summary ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  .summary a {
    color: var(--_parley-error);
    font-weight: 600;
  }

  .status:empty,
  [role='alert']:empty {
    display: none;
  }
  .waiting,
  .alert {
    display: flex;
    align-items: flex-start;
    gap: 10px;
    margin: 0;
    padding: 10px 12px;
    border: 1px solid var(--_parley-border);
    border-inline-start-width: 4px;
    border-radius: min(var(--_parley-radius), 8px);
    font-size: 0.875rem;
    font-weight: 600;
  }
  .alert {
    border-color: var(--_parley-error);
    color: var(--_parley-error);
  }
  .waiting .spinner {
    flex: none;
    margin-block-start: 0.2em;
  }

  .done {
    /* The form's confirmation is the page's main content here: a larger reference. */
    --_parley-reference-size: 1.75rem;
  }
  .done .submit {
    align-self: stretch;
  }

  @media (forced-colors: active) {
    .done-icon .tick {
      stroke: Canvas;
    }
    .work-item {
      border-color: CanvasText;
    }
  }
`;
