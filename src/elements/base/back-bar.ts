import { css, html, type TemplateResult } from 'lit';

/**
 * The bar at the top of a view the chat panel opens over the conversation (a request form, the
 * leave-a-message form): a sticky `.top` holding one `.back` button with an arrow that turns with
 * the text direction. Reads the palette's `--_parley-*` variables, so it goes after `palette`.
 */
export const backBarStyles = css`
  .top {
    position: sticky;
    inset-block-start: 0;
    z-index: 1;
    padding: calc(var(--_parley-space) * 0.75) var(--_parley-space);
    border-block-end: 1px solid color-mix(in srgb, var(--_parley-border) 40%, transparent);
    background: var(--_parley-surface);
  }
  .back {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-block-size: 44px;
    padding-inline: 8px 12px;
    border: 0;
    border-radius: 8px;
    background: transparent;
    color: var(--_parley-text);
    font-weight: 600;
  }
  .back:hover {
    background: var(--_parley-surface-alt);
  }
  .back svg {
    inline-size: 20px;
    block-size: 20px;
  }
  /* The arrow points back, which is to the right in right-to-left text. */
  :host(:dir(rtl)) .back svg {
    transform: scaleX(-1);
  }
`;

/** The bar: `label` on the back button, `part` its part name, `onBack` what pressing it does. */
export function backBar(label: string, part: string, onBack: (event: Event) => void): TemplateResult {
  return html`<div class="top">
    <button type="button" class="back" part=${part} @click=${onBack}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20v-2Z" /></svg
      >${label}
    </button>
  </div>`;
}
