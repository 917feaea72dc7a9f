import type { ChatMessage } from '../protocol/index.js';

/**
 * `parley-message`: a message was added to the conversation while the widget was live — from the
 * agent, a system event, or the customer's own text once the server stored it. `detail` is the
 * stored message. Messages loaded as history when a returning visitor's chat resumes are not
 * re-announced. Agent `text` may hold HTML: never insert it into a page without sanitising it.
 */
export class ParleyMessageEvent extends Event {
  static readonly eventName = 'parley-message';
  readonly detail: ChatMessage;

  constructor(detail: ChatMessage) {
    super(ParleyMessageEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-message': ParleyMessageEvent;
  }
}
