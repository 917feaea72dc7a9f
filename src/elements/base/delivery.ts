/**
 * What the sender sees of their own messages, drawn the same way in the widget and the console:
 * a clock while sending, one tick once stored, two once the other side's screen has it, two on a
 * filled disc once read, a warning disc when it failed. The icons are decorative; each message
 * carries its state as text too (visually hidden, or the visible word under the last one), so
 * neither colour nor shape alone tells it.
 */
import { css, html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { DeliveryKey } from '../../core/catalogues/delivery.js';
import type { PendingMessage } from '../../core/outbox.js';
import type { DeliveryStatus } from '../../core/messages.js';
import type { ChatMessage } from '../../protocol/index.js';

/** Every state of one's own message, stored (`DeliveryStatus`) or still in the outbox. */
export type OwnMessageState = 'sending' | 'failed' | DeliveryStatus;

/** The catalogue key of each state's word (a failed text says "Not sent" in each app's words). */
export const DELIVERY_KEYS: Record<Exclude<OwnMessageState, 'failed'>, DeliveryKey> = {
  sending: 'delivery.sending',
  sent: 'delivery.sent',
  delivered: 'delivery.delivered',
  read: 'delivery.read',
};

const tick = svg`<path d="M2.5 8.5 5.5 11.5 11.5 4.5" />`;
const ticks = svg`<path d="M1 8 4.5 11.5 10 5" /><path d="M7.25 10.5 8.25 11.5 13.75 5" />`;

const ICONS: Record<OwnMessageState, SVGTemplateResult> = {
  sending: svg`<circle cx="8" cy="8" r="6.25" /><path d="M8 4.75V8l2.25 1.5" />`,
  sent: tick,
  delivered: svg`<g transform="translate(0.6 -0.25)">${ticks}</g>`,
  // The disc is the icon's colour; the ticks are cut out of it in the background's colour.
  read: svg`<circle class="disc" cx="8" cy="8" r="8" /><g class="cut" transform="translate(2.67 2.06) scale(0.72)">${ticks}</g>`,
  failed: svg`<circle class="disc" cx="8" cy="8" r="8" /><path class="cut" d="M8 4v5" /><circle class="cut dot" cx="8" cy="11.75" r="1.1" />`,
};

/**
 * The key of one's last message: the client id of the last text still in the outbox, else the id
 * of the last stored message by `author`; null when there is none.
 */
export function lastOwnKey(pending: readonly PendingMessage[], messages: readonly ChatMessage[], author: ChatMessage['author']): string | null {
  if (pending.length) return pending[pending.length - 1].clientId;
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].author === author) return messages[i].id;
  return null;
}

/** The icon of a state: a 16×16 inline SVG, hidden from assistive technology. */
export function deliveryIcon(state: OwnMessageState): TemplateResult {
  return html`<svg class="delivery-icon ${state}" viewBox="0 0 16 16" aria-hidden="true" focusable="false">${ICONS[state]}</svg>`;
}

/**
 * Styles of the icons. The icon takes the text colour around it (`currentColor`); the host sets
 * `--_parley-delivery-cut` to the background behind it, the colour of what is cut out of a disc.
 */
export const deliveryIconStyles = css`
  .delivery-icon {
    flex: none;
    inline-size: 16px;
    block-size: 16px;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.6;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .delivery-icon .disc {
    fill: currentColor;
    stroke: none;
  }
  .delivery-icon .cut {
    stroke: var(--_parley-delivery-cut, Canvas);
    stroke-width: 2.2;
  }
  .delivery-icon .dot {
    fill: var(--_parley-delivery-cut, Canvas);
    stroke: none;
  }
  @media (forced-colors: active) {
    .delivery-icon {
      --_parley-delivery-cut: Canvas;
      color: CanvasText;
    }
  }
`;
