import { css } from 'lit';

/**
 * The studio page. Wide windows (64rem and up): an app layout that fills the window, the form and
 * the preview side by side, each scrolling on its own, so the preview stays in view while the form
 * scrolls. Narrower windows: one column, the page scrolls, the preview comes after the form.
 * Colours come from the console palette (`--_parley-*`), whose pairs meet WCAG AA in both schemes.
 */
export const styles = css`
  :host {
    display: block;
    min-height: 100dvh;
  }
  .root {
    display: flex;
    flex-direction: column;
    min-height: 100dvh;
    background: var(--_parley-bg);
    --_parley-warning: var(--parley-color-warning, #8a4b00);
    --_parley-warning-bg: var(--parley-color-warning-background, #fff7e6);
  }
  @media (prefers-color-scheme: dark) {
    .root {
      --_parley-warning: var(--parley-color-warning, #fcd34d);
      --_parley-warning-bg: var(--parley-color-warning-background, #3a2a05);
    }
  }
  .checking,
  .placeholder {
    margin: auto;
    padding: 2rem;
    text-align: center;
  }
  .placeholder {
    display: grid;
    gap: 0.75rem;
    justify-items: center;
    grid-column: 1 / -1;
  }
  .brand {
    color: var(--_parley-brand);
    font-weight: 700;
  }
  .hint {
    margin: 0;
    font-size: 0.875rem;
    color: var(--_parley-muted);
  }
  .inline {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .card {
    display: grid;
    align-content: start;
    gap: 0.75rem;
    padding: 1rem 1.25rem 1.25rem;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
  }
  h2 {
    font-size: 1.125rem;
    line-height: 1.3;
  }
  button.danger {
    color: var(--_parley-danger);
    border-color: currentColor;
  }
  button.link {
    min-height: 0;
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font-weight: 700;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }

  /* The sign-in form fills the page, its card centred. */
  parley-sign-in {
    flex: 1;
  }

  /* Header and toolbar -------------------------------------------------------------------- */
  /* .topbar and .user: staffTopbar (parley-agent-console.styles.ts). */
  .toolbar {
    display: grid;
    grid-template-columns: auto minmax(0, 24rem) 1fr auto;
    grid-template-areas: 'poc preset files save';
    align-items: start;
    gap: 0.75rem 1.25rem;
    padding: 0.75rem 1rem;
    background: var(--_parley-surface);
    border-block-end: 1px solid var(--_parley-divider);
  }
  .toolbar .field {
    gap: 0.25rem;
  }
  .toolbar label {
    margin: 0;
  }
  .toolbar .poc {
    grid-area: poc;
  }
  .toolbar .poc select {
    min-width: 14rem;
  }
  .toolbar .preset {
    grid-area: preset;
  }
  .toolbar .preset select {
    width: auto;
    min-width: 10rem;
    flex: 1;
  }
  .files {
    grid-area: files;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    /* Lines the buttons up with the selects, under their labels. */
    padding-block-start: 1.75rem;
  }
  .save {
    grid-area: save;
    display: grid;
    justify-items: end;
    gap: 0.25rem;
    width: 15rem;
    padding-block-start: 1.75rem;
    text-align: end;
  }
  .save button {
    min-width: 8rem;
  }
  .save-explanation {
    font-size: 0.875rem;
    color: var(--_parley-muted);
  }
  .save-explanation.blocked {
    color: var(--_parley-danger);
    font-weight: 600;
  }
  .save-explanation.dirty {
    color: var(--_parley-text);
    font-weight: 600;
  }

  /* Notices ------------------------------------------------------------------------------- */
  .notices:has(.notice:not(:empty)) {
    padding: 0.5rem 1rem 0;
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_parley-radius);
    border: 1px solid currentColor;
    background: var(--_parley-tint);
  }
  .notice.error {
    color: var(--_parley-danger);
    background: var(--_parley-danger-bg);
    font-weight: 600;
  }
  .notice:empty {
    display: none;
  }
  .notice button {
    min-height: 2rem;
    padding: 0.25rem 0.75rem;
  }

  /* Workspace ----------------------------------------------------------------------------- */
  .workspace {
    flex: 1;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 1rem;
    padding: 1rem;
  }
  .form-column,
  .side-column {
    display: grid;
    align-content: start;
    gap: 1rem;
    min-width: 0;
  }
  .problems,
  .warnings {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
    border: 1px solid currentColor;
    border-inline-start-width: 6px;
    border-radius: var(--_parley-radius);
  }
  .problems {
    color: var(--_parley-danger);
    background: var(--_parley-danger-bg);
  }
  .warnings {
    color: var(--_parley-warning);
    background: var(--_parley-warning-bg);
  }
  .problems h2:focus-visible {
    outline: 3px solid var(--_parley-focus);
  }
  .problems ul,
  .warnings ul {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .problems li,
  .warnings li {
    overflow-wrap: anywhere;
  }

  /* Preview ------------------------------------------------------------------------------- */
  .preview-controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
  }
  .segmented {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .segmented legend {
    float: inline-start;
    margin-inline-end: 0.375rem;
    padding: 0;
    font-size: 0.875rem;
    font-weight: 600;
  }
  .segmented label {
    position: relative;
    margin: 0;
    padding: 0.375rem 0.75rem;
    border: 1px solid var(--_parley-border);
    border-radius: 999px;
    font-weight: 400;
    font-size: 0.875rem;
    cursor: pointer;
  }
  .segmented label:has(input:checked) {
    border-color: var(--_parley-brand);
    background: var(--_parley-brand);
    color: var(--_parley-on-brand);
    font-weight: 600;
  }
  .segmented label:has(input:focus-visible) {
    outline: 3px solid var(--_parley-focus);
    outline-offset: 2px;
  }
  .segmented input {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    min-height: 0;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .stage-scroll {
    overflow: auto;
  }
  .stage {
    position: relative;
    height: var(--_stage-height, 680px);
    min-width: var(--_stage-min-width, 440px);
    overflow: hidden;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
    /* A plain page behind the chat: a header bar and a few lines of text, drawn, not loaded. */
    background:
      linear-gradient(#dfe3ea, #dfe3ea) 1.5rem 1.25rem / 40% 0.75rem no-repeat,
      linear-gradient(#e6e9ef, #e6e9ef) 1.5rem 2.75rem / 70% 0.5rem no-repeat,
      linear-gradient(#e6e9ef, #e6e9ef) 1.5rem 3.75rem / 60% 0.5rem no-repeat,
      #f6f7f9;
  }
  .stage.dark {
    background:
      linear-gradient(#2a2f38, #2a2f38) 1.5rem 1.25rem / 40% 0.75rem no-repeat,
      linear-gradient(#23272f, #23272f) 1.5rem 2.75rem / 70% 0.5rem no-repeat,
      linear-gradient(#23272f, #23272f) 1.5rem 3.75rem / 60% 0.5rem no-repeat,
      #121418;
  }
  .stage.narrow {
    /* The phone's screen is 390 px wide; its frame is drawn outside it. */
    box-sizing: content-box;
    width: 390px;
    min-width: 390px;
    margin-inline: auto;
    border: 6px solid #374151;
    border-radius: 1.75rem;
  }
  .stage > parley-chat {
    position: absolute;
    inset: 0;
    display: block;
  }
  /* A work-item form sits inline in the drawn page, as on a website; the page grows with it
     (nothing to scroll inside the stage). */
  .stage.form {
    height: auto;
    min-height: var(--_stage-height, 640px);
    overflow: visible;
  }
  .stage > parley-work-item {
    display: block;
    box-sizing: border-box;
    width: min(100% - 3rem, 34rem);
    margin: 5rem auto 1.5rem;
  }

  /* Unsaved-changes dialog ---------------------------------------------------------------- */
  dialog {
    width: min(100% - 2rem, 28rem);
    padding: 1.25rem 1.5rem;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
    color: var(--_parley-text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }
  dialog h2 {
    margin-block-end: 0.5rem;
  }
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-block-start: 1rem;
  }

  /* Wide windows: the form and the preview side by side, each scrolling on its own. */
  @media (min-width: 64rem) {
    .to-preview {
      display: none;
    }
    :host {
      height: var(--parley-studio-height, 100dvh);
    }
    .root {
      height: 100%;
      min-height: 0;
    }
    .workspace {
      min-height: 0;
      grid-template-columns: minmax(0, 1fr) minmax(28rem, 0.9fr);
      padding-block-end: 0;
    }
    .form-column,
    .side-column {
      overflow: auto;
      padding-block-end: 1rem;
    }
  }
  @media (max-width: 63.99rem) {
    .toolbar {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      grid-template-areas: 'poc preset' 'files save';
    }
    .toolbar .poc select {
      min-width: 0;
    }
    .files {
      padding-block-start: 0;
      align-self: end;
    }
    .save {
      justify-self: end;
      padding-block-start: 0;
    }
  }
  @media (max-width: 40rem) {
    .toolbar {
      grid-template-columns: minmax(0, 1fr);
      grid-template-areas: 'poc' 'preset' 'files' 'save';
    }
    .toolbar .poc select {
      min-width: 0;
    }
    .save {
      justify-self: stretch;
      justify-items: start;
      width: auto;
      text-align: start;
    }
    .workspace {
      padding: 0.5rem;
    }
  }
`;
