import type { PublicChatProfile } from '../protocol/index.js';

/** Detail of `parley-ready`. */
export interface ParleyReadyDetail {
  poc: string;
  /** The public profile the widget loaded. */
  profile: PublicChatProfile;
  /** The locale the widget speaks (`en`, `fr`). */
  locale: string;
}

/** `parley-ready`: the chat profile loaded and the launcher is shown. */
export class ParleyReadyEvent extends Event {
  static readonly eventName = 'parley-ready';
  readonly detail: ParleyReadyDetail;

  constructor(detail: ParleyReadyDetail) {
    super(ParleyReadyEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-ready': ParleyReadyEvent;
  }
}
